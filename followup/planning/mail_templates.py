"""A playbook step's mail template: a subject and a body with placeholders,
checked when the playbook is saved and filled when a draft is written.

Only the names below are replaced; any other text in braces is left as it is
written, so a template can never fail to fill."""

from __future__ import annotations

import re
from collections.abc import Mapping

from followup.errors import ValidationError
from followup.planning.model import Step
from followup.validation import clean_line, clean_notes

PLACEHOLDERS: dict[str, str] = {
    "first": "their first name",
    "contact": "their full name",
    "organisation": "their organisation",
    "engagement": "the engagement's title",
    "when": "when the engagement is (day and time)",
    "last_touch": "the summary of your last touch point with them",
    "last_date": "the day of your last touch point with them",
    "me": "your first name (Settings)",
}
_NAME = re.compile(r"\{([A-Za-z_]+)\}")
SUBJECT_LIMIT = 300


def unknown_placeholders(text: str) -> list[str]:
    return [m.group(1) for m in _NAME.finditer(text) if m.group(1) not in PLACEHOLDERS]


def check_template(step: Step, n: int) -> None:
    """Clean a step's template in place; a misspelt placeholder is refused with its name."""
    step.mail_subject = clean_line(step.mail_subject, f"Step {n}'s mail subject", SUBJECT_LIMIT)
    step.mail_body = clean_notes(step.mail_body, f"Step {n}'s mail text")
    if step.mail_body.strip() and not step.mail_subject:
        raise ValidationError(f"Step {n}'s mail template has a text but no subject; give it one.")
    wrong = unknown_placeholders(step.mail_subject + "\n" + step.mail_body)
    if wrong:
        known = ", ".join("{" + k + "}" for k in PLACEHOLDERS)
        raise ValidationError(f"Step {n}'s mail template has an unknown placeholder {{{wrong[0]}}}; use {known}.")


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every known placeholder replaced by its value."""
    return _NAME.sub(lambda m: values.get(m.group(1), m.group(0)), text)
