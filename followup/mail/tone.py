"""The tone check: offline rules, each finding explained.

A finding has a ``rule`` (a stable name), a ``message`` for the user and a
``span`` ([start, end) offsets into the text, or None for the whole text).
No network service is used.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime

GREETING = re.compile(
    r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten (morgen|tag)|liebe[rs]?|bonjour|"
    r"hola|ciao|greetings|morning)\b",
    re.I,
)
CLOSING = re.compile(
    r"^\s*(best|regards|kind regards|warm regards|best wishes|thanks|thank you|many thanks|cheers|sincerely|"
    r"yours|talk soon|all the best|viele grüße|beste grüße|mit freundlichen grüßen|bien à vous|cordialement|"
    r"saludos|take care)\b",
    re.I,
)
SLANG = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "thx": "thanks",
    "pls": "please",
    "plz": "please",
    "lol": "",
    "btw": "by the way",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "omg": "",
    "imo": "in my view",
    "idk": "I don't know",
    "tbh": "to be honest",
    "k": "OK",
    "kk": "OK",
    "ya": "yes",
    "yep": "yes",
    "nope": "no",
    "cuz": "because",
    "coz": "because",
    "w/e": "",
    "np": "no problem",
    "brb": "",
    "ttyl": "",
}
HARSH = re.compile(
    r"\b(obviously|clearly you|your fault|you failed|you never|you always|unacceptable|ridiculous|incompetent|"
    r"stupid|useless|as i (already )?said|per my last (e-?mail|message)|as previously stated|you should have|"
    r"i told you|blame)\b",
    re.I,
)
ACRONYMS = {
    "ASAP",
    "FYI",
    "CEO",
    "CFO",
    "CTO",
    "API",
    "PDF",
    "URL",
    "HTML",
    "GDPR",
    "NASA",
    "EMEA",
    "APAC",
    "KPI",
    "SLA",
    "ETA",
    "UTC",
    "USD",
    "EUR",
    "GBP",
    "CET",
    "IBAN",
    "VAT",
    "OK",
    "IT",
    "HR",
    "PR",
    "QA",
}
APOLOGY = re.compile(r"\b(sorry|apolog|delay|late|took me|belated|entschuldig|verspät|désolé|lo siento)", re.I)
WALL_WORDS = 120


@dataclass(slots=True, frozen=True)
class Finding:
    rule: str
    message: str
    span: tuple[int, int] | None = None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["span"] = list(self.span) if self.span else None
        return data


@dataclass(slots=True, frozen=True)
class Context:
    """What is known about the person and the conversation."""

    first_name: str = ""
    reply_due: datetime | None = None  # an open reply promise's due time
    now: datetime | None = None
    last_difficult: bool = False
    last_mood_stressed: bool = False


def check(text: str, channel: str = "email", context: Context | None = None) -> list[Finding]:
    context = context or Context()
    findings: list[Finding] = []
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    content = [(start, line) for start, line in lines if line.strip()]
    written = channel in ("email", "mail")
    if written and content and not GREETING.match(content[0][1]):
        start, line = content[0]
        who = f"“Hi {context.first_name},”" if context.first_name else "“Hi …,”"
        findings.append(
            Finding(
                "missing-greeting",
                f"No greeting: open with {who} so it reads as written to them.",
                (start, start + len(line)),
            )
        )
    if written and len(content) > 1 and not any(CLOSING.match(line) for _, line in content[-3:]):
        start, line = content[-1]
        findings.append(
            Finding(
                "missing-closing",
                "No closing: end with “Best,” or “Thanks,” and your name; without it the message can read as curt.",
                (start, start + len(line)),
            )
        )
    for m in re.finditer(r"\b[A-Z][A-Z']{3,}\b", text):
        if m.group() not in ACRONYMS:
            findings.append(
                Finding(
                    "shouting",
                    f"“{m.group()}” in capitals reads as shouting; write it in lower case, or use bold sparingly.",
                    (m.start(), m.end()),
                )
            )
    for m in re.finditer(r"[!?]*![!?]*!+[!?]*", text):
        if m.group().count("!") >= 2:
            findings.append(
                Finding(
                    "shouting",
                    "Several exclamation marks read as shouting or alarm; one is plenty, none is usually better.",
                    (m.start(), m.end()),
                )
            )
    for m in re.finditer(r"(?<![\w/])[\w/]+(?![\w/])", text):
        word = m.group().lower()
        if word in SLANG:
            better = f" (write “{SLANG[word]}”)" if SLANG[word] else ""
            findings.append(
                Finding(
                    "slang",
                    f"“{m.group()}” is text-speak{better}: fine with friends, careless with a customer.",
                    (m.start(), m.end()),
                )
            )
    for m in HARSH.finditer(text):
        findings.append(
            Finding(
                "harsh",
                f"“{m.group()}” sounds blaming or harsh; say what happened and what you propose instead.",
                (m.start(), m.end()),
            )
        )
    words = len(re.findall(r"\w+", text))
    if (
        words > WALL_WORDS
        and text.count("?") <= 1
        and max((len(p.split()) for p in text.split("\n\n")), default=0) > 80
    ):
        findings.append(
            Finding(
                "wall-of-text",
                f"{words} words for a quick question: put the question first, in "
                "two or three lines; details can follow or wait for a call.",
                None,
            )
        )
    if context.reply_due and context.now and context.now > context.reply_due and not APOLOGY.search(text):
        hours = int((context.now - context.reply_due).total_seconds() // 3600)
        findings.append(
            Finding(
                "late-reply",
                f"This answer is {hours} h past the reply you promised: a short "
                "“Sorry for the slow reply” acknowledges it.",
                None,
            )
        )
    if written and (context.last_difficult or context.last_mood_stressed):
        why = "your last conversation was difficult" if context.last_difficult else "they were stressed last time"
        findings.append(
            Finding(
                "better-as-call",
                f"This is better as a call: {why}, and tone is lost in writing. "
                "Plan a call instead, and send a short note to set it up.",
                None,
            )
        )
    return sorted(findings, key=lambda f: f.span[0] if f.span else len(text))
