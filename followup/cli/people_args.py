"""The people commands (issue 15): edit, archive, delete, merge, show,
timeline, tag, dates. argparse only: the work is in people_commands.py."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command
from followup.domain import Kind

CONTACT_HELP = "a unique name, email or id"


def register(sub: Any) -> None:
    edit = command(sub, "edit-contact", "people_commands:edit_contact", help="change a contact's details")
    edit.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
    edit.add_argument("--name", metavar="N")
    edit.add_argument("--email", action="append", metavar="E", help="email address (repeatable; replaces the list)")
    edit.add_argument("--phone", action="append", metavar="P", help="phone number (repeatable; replaces the list)")
    edit.add_argument("--kind", choices=[k.value for k in Kind])
    edit.add_argument("--tz", metavar="Z", help="IANA time zone")
    edit.add_argument("--org", "--organisation", dest="organisation", metavar="O")
    edit.add_argument("--title", metavar="T", help="role or title")
    edit.add_argument("--channel", metavar="C", help="preferred channel: email, phone, video, in_person, text")
    edit.add_argument("--tag", action="append", metavar="T", help="tag (repeatable; replaces the tags)")
    edit.add_argument(
        "--birthday",
        metavar="DATE",
        help="1980-04-12, or 04-12 (or --birthday=--04-12) without the year; '' removes it",
    )
    edit.add_argument("--json", action="store_true")

    for name, verb in (("archive", "hide a contact from the list, losing nothing"), ("unarchive", "bring one back")):
        archive = command(sub, name, f"people_commands:{name}", help=verb)
        archive.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
        archive.add_argument("--json", action="store_true")

    delete = command(sub, "delete-contact", "people_commands:delete_contact", help="delete a contact and their log")
    delete.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
    delete.add_argument("--yes", action="store_true", help="do not ask")
    delete.add_argument("--json", action="store_true")

    merge = command(
        sub, "merge-contacts", "people_commands:merge_contacts", help="merge OTHER into KEEP (nothing is lost)"
    )
    merge.add_argument("keep", metavar="KEEP", help=f"the contact that stays ({CONTACT_HELP})")
    merge.add_argument("other", metavar="OTHER", help="the contact merged into KEEP, then removed")
    merge.add_argument("--dry-run", action="store_true", help="show what would be kept; change nothing")
    merge.add_argument("--json", action="store_true")

    show = command(sub, "show", "people_commands:show", help="a contact: details, dates, follow-ups, log")
    show.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
    show.add_argument("--json", action="store_true")

    timeline = command(sub, "timeline", "people_commands:timeline", help="a contact's touch points, newest first")
    timeline.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
    timeline.add_argument("--limit", type=int, default=50, metavar="N", help="how many (default 50)")
    timeline.add_argument("--json", action="store_true")

    tag = command(sub, "tag", "people_commands:tag", help="add or remove a tag on contacts")
    tag.add_argument("contacts", nargs="+", metavar="CONTACT", help=CONTACT_HELP)
    what = tag.add_mutually_exclusive_group(required=True)
    what.add_argument("--add", metavar="T")
    what.add_argument("--remove", metavar="T")
    tag.add_argument("--json", action="store_true")

    dates = command(sub, "dates", "people_commands:dates", help="birthdays and other dates coming up")
    dates.add_argument("--within", default="30d", metavar="PERIOD", help="30d, 2w, 1y (default 30d)")
    dates.add_argument("--now", metavar="ISO", help="as if it were this time (default: now)")
    dates.add_argument("--json", action="store_true")
