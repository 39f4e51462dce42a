"""The playbooks Followup ships with. Users copy and edit them freely."""

from __future__ import annotations

from datetime import time

from followup.planning.model import NO_CHANNEL, Anchor, Phase, Playbook, Step

CLIENT_MEETING = "Client meeting"
DELIVERY = "Delivery or order"
INTERNAL_REQUEST = "Internal request"
SUPPLIER_ORDER = "Supplier order"
DIFFICULT = "Difficult conversation"

WHY_CALL = (
    "Difficult conversations are calls or meetings, never emails: tone carries, misunderstandings are "
    "caught at once, and nothing is forwarded out of context."
)


def DEFAULT_PLAYBOOKS() -> list[Playbook]:
    nine, ten, eleven, two_pm = time(9, 0), time(10, 0), time(11, 0), time(14, 0)
    return [
        Playbook(
            CLIENT_MEETING,
            "Prepare and confirm before, be present during, thank and check satisfaction after.",
            [
                Step(
                    Phase.BEFORE,
                    "Prepare for the {engagement} with {contact}",
                    days=-1,
                    working_days=True,
                    at=nine,
                    notes="Re-read the last touch points and your open promises. What has their attention now? "
                    "Decide the one outcome you want.",
                    channel=NO_CHANNEL,
                ),
                Step(
                    Phase.BEFORE,
                    "Confirm the {engagement} with {first}",
                    days=-1,
                    working_days=True,
                    at=eleven,
                    notes="Confirm time, place or link, and the agenda. Ask if anything changed on their side.",
                ),
                Step(
                    Phase.DURING,
                    "Be present at the {engagement}: take notes",
                    channel=NO_CHANNEL,
                    notes="Listen for what stresses them and what they promise; write down what you promise.",
                ),
                Step(
                    Phase.AFTER,
                    "Thank {first} for the {engagement}",
                    anchor=Anchor.END,
                    minutes=120,
                    per_contact=True,
                    notes="Thank them, recap the decisions and who does what by when.",
                ),
                Step(
                    Phase.AFTER,
                    "Check that {first} is happy with how the {engagement} went",
                    anchor=Anchor.END,
                    days=7,
                    at=ten,
                    per_contact=True,
                    notes="Ask whether the outcome works for them and whether anything is still open.",
                ),
                Step(
                    Phase.AFTER,
                    "Ask {first} for feedback or a referral",
                    anchor=Anchor.END,
                    days=30,
                    at=ten,
                    per_contact=True,
                    notes="If they are satisfied, ask who else could use your help.",
                ),
            ],
            builtin=True,
        ),
        Playbook(
            DELIVERY,
            "A delivery or an order for a customer: confirm before, be reachable on the day, check after.",
            [
                Step(
                    Phase.BEFORE,
                    "Confirm the delivery date of the {engagement} with {first}",
                    days=-2,
                    working_days=True,
                    at=ten,
                    notes="Confirm date, address and who receives it.",
                ),
                Step(
                    Phase.BEFORE,
                    "Check that the {engagement} is on track",
                    days=-1,
                    working_days=True,
                    at=nine,
                    channel=NO_CHANNEL,
                    notes="Check with your own team or carrier; warn early if it slips.",
                ),
                Step(
                    Phase.DURING,
                    "Be reachable for {first} on delivery day",
                    channel=NO_CHANNEL,
                    notes="Keep your phone at hand; solve problems the same day.",
                ),
                Step(
                    Phase.AFTER,
                    "Check that {first} received the {engagement} in good order",
                    anchor=Anchor.END,
                    days=1,
                    at=ten,
                    per_contact=True,
                ),
                Step(
                    Phase.AFTER,
                    "Ask {first} how satisfied they are with the {engagement}",
                    anchor=Anchor.END,
                    days=7,
                    at=ten,
                    per_contact=True,
                ),
                Step(
                    Phase.AFTER,
                    "Ask {first} for a review or a referral",
                    anchor=Anchor.END,
                    days=30,
                    at=ten,
                    per_contact=True,
                ),
            ],
            builtin=True,
        ),
        Playbook(
            INTERNAL_REQUEST,
            "A colleague or your manager asked for something: the start is when it is due.",
            [
                Step(
                    Phase.BEFORE,
                    "Confirm with {first} what the {engagement} needs, and by when",
                    days=-3,
                    working_days=True,
                    at=nine,
                    notes="Repeat the request in your words; agree the deadline.",
                ),
                Step(
                    Phase.BEFORE,
                    "Send {first} a progress update on the {engagement}",
                    days=-1,
                    working_days=True,
                    at=two_pm,
                    notes="Say what is done, what is left, and any risk, before they have to ask.",
                ),
                Step(Phase.DURING, "Deliver the {engagement} to {first}"),
                Step(
                    Phase.AFTER,
                    "Check that the {engagement} met {first}'s need",
                    anchor=Anchor.END,
                    days=3,
                    at=ten,
                    per_contact=True,
                ),
            ],
            builtin=True,
        ),
        Playbook(
            SUPPLIER_ORDER,
            "An order from a supplier: your suppliers are customers of your attention too.",
            [
                Step(
                    Phase.BEFORE,
                    "Confirm the {engagement} details and delivery date with {first}",
                    days=-5,
                    working_days=True,
                    at=ten,
                ),
                Step(Phase.BEFORE, "Check that the {engagement} has shipped", days=-1, working_days=True, at=nine),
                Step(Phase.DURING, "Receive the {engagement} and check it", channel=NO_CHANNEL),
                Step(
                    Phase.AFTER,
                    "Thank {first}, and report any problem with the {engagement}",
                    anchor=Anchor.END,
                    days=1,
                    at=ten,
                    per_contact=True,
                ),
                Step(
                    Phase.AFTER,
                    "Review {first}'s service on the {engagement}",
                    anchor=Anchor.END,
                    days=14,
                    at=ten,
                    per_contact=True,
                    channel=NO_CHANNEL,
                ),
            ],
            builtin=True,
        ),
        Playbook(
            DIFFICULT,
            "A hard conversation: prepared, held by phone or in person, and followed up by phone.",
            [
                Step(
                    Phase.BEFORE,
                    "Prepare the conversation with {first}: facts, their view, the outcome you want",
                    days=-1,
                    working_days=True,
                    at=nine,
                    channel=NO_CHANNEL,
                    notes="Write down the facts, what you think matters to them, and one outcome you can both "
                    "accept. " + WHY_CALL,
                ),
                Step(Phase.DURING, "Call {first}: {engagement}", channel="phone", notes=WHY_CALL),
                Step(
                    Phase.AFTER,
                    "Call {first} to see how they feel after the conversation",
                    anchor=Anchor.END,
                    days=2,
                    working_days=True,
                    at=ten,
                    channel="phone",
                    per_contact=True,
                    notes=WHY_CALL,
                ),
            ],
            builtin=True,
        ),
    ]


RECURRING_MEETING = "Recurring meeting"


def RECURRING_MEETING_PLAYBOOK() -> Playbook:
    """For a weekly sync or a monthly review: no thanks and no feedback request
    each time, just a short preparation and the promises written down after.
    Not in migration 3: the calendar import adds it through the store the
    first time a repeating meeting is imported (followup/calendar/import_ics.py)."""
    return Playbook(
        RECURRING_MEETING,
        "A repeating meeting: prepare an hour before, write down what was promised after.",
        [
            Step(
                Phase.BEFORE,
                "Prepare for the {engagement}",
                minutes=-60,
                notes="What changed since the last one? What did you promise, and is it done?",
                channel=NO_CHANNEL,
            ),
            Step(
                Phase.AFTER,
                "Write down what was promised at the {engagement}",
                anchor=Anchor.END,
                minutes=30,
                notes="Who does what by when; log it as a touch point, so the next one starts from there.",
                channel=NO_CHANNEL,
            ),
        ],
    )
