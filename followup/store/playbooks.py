"""Playbooks and their steps."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import time
from typing import TYPE_CHECKING, Any

from followup.errors import NotFoundError, ValidationError
from followup.planning.mail_templates import check_template
from followup.planning.model import Anchor, Phase, Playbook, Step
from followup.timeutil import to_db
from followup.validation import clean_line, clean_notes

if TYPE_CHECKING:
    from followup.store.store import Store

_STEP_COLUMNS = (
    "id, phase, anchor, days, working_days, at_time, minutes, title, notes, channel, per_contact, "
    "mail_subject, mail_body"
)


def insert_playbook(conn: sqlite3.Connection, playbook: Playbook, stamp: str) -> int:
    cur = conn.execute(
        "INSERT INTO playbooks (name, description, builtin, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (playbook.name, playbook.description, int(playbook.builtin), stamp, stamp),
    )
    playbook_id = int(cur.lastrowid or 0)
    _insert_steps(conn, playbook_id, playbook.steps)
    return playbook_id


def _insert_steps(conn: sqlite3.Connection, playbook_id: int, steps: list[Step]) -> None:
    for position, step in enumerate(steps):
        _insert_step(conn, playbook_id, position, step)


def _step_values(position: int, step: Step) -> tuple[object, ...]:
    return (
        position,
        Phase(step.phase).value,
        Anchor(step.anchor).value,
        step.days,
        int(step.working_days),
        step.at.strftime("%H:%M") if step.at else None,
        step.minutes,
        step.title,
        step.notes,
        step.channel,
        int(step.per_contact),
        step.mail_subject,
        step.mail_body,
    )


def _insert_step(conn: sqlite3.Connection, playbook_id: int, position: int, step: Step) -> None:
    cur = conn.execute(
        """INSERT INTO playbook_steps (playbook_id, position, phase, anchor, days, working_days, at_time,
               minutes, title, notes, channel, per_contact, mail_subject, mail_body)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (playbook_id, *_step_values(position, step)),
    )
    step.id = int(cur.lastrowid or 0)


def _replace_steps(conn: sqlite3.Connection, playbook_id: int, steps: list[Step]) -> None:
    """Steps that keep their id are updated in place, so plans made from them
    recognise them (a follow-up's step key names its step's id); new steps are
    added, removed ones deleted."""
    kept = {sid for (sid,) in conn.execute("SELECT id FROM playbook_steps WHERE playbook_id = ?", (playbook_id,))} & {
        s.id for s in steps if s.id is not None
    }
    conn.execute(
        f"DELETE FROM playbook_steps WHERE playbook_id = ? AND id NOT IN ({','.join('?' * len(kept))})",
        (playbook_id, *kept),
    )
    for position, step in enumerate(steps):
        if step.id in kept:
            conn.execute(
                """UPDATE playbook_steps SET position = ?, phase = ?, anchor = ?, days = ?, working_days = ?,
                       at_time = ?, minutes = ?, title = ?, notes = ?, channel = ?, per_contact = ?,
                       mail_subject = ?, mail_body = ? WHERE id = ?""",
                (*_step_values(position, step), step.id),
            )
        else:
            _insert_step(conn, playbook_id, position, step)


def validate_playbook(playbook: Playbook) -> None:
    playbook.name = clean_line(playbook.name, "The playbook's name", 120, required=True)
    playbook.description = clean_line(playbook.description, "The description", 500)
    if not playbook.steps:
        raise ValidationError("A playbook needs at least one step.")
    for n, step in enumerate(playbook.steps, 1):
        step.title = clean_line(step.title, f"Step {n}'s title", 300, required=True)
        step.notes = clean_notes(step.notes, f"Step {n}'s notes")
        if abs(step.days) > 3650 or abs(step.minutes) > 60 * 24 * 366:
            raise ValidationError(f"Step {n} is more than ten years away from the engagement.")
        check_template(step, n)
        try:
            step.title.format(first="", contact="", engagement="", organisation="")
        except (KeyError, IndexError, ValueError) as error:
            raise ValidationError(
                f"Step {n}'s title has an unknown placeholder ({error}); use {{first}}, {{contact}}, "
                "{engagement} or {organisation}."
            ) from None


class PlaybooksRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[Playbook]:
        conn = self._store.conn
        books = [
            Playbook(name=name, description=description, builtin=bool(builtin), id=pid)
            for pid, name, description, builtin in conn.execute(
                "SELECT id, name, description, builtin FROM playbooks ORDER BY builtin DESC, name COLLATE NOCASE"
            )
        ]
        steps: dict[int, list[Step]] = {}
        for row in conn.execute(
            f"SELECT playbook_id, {_STEP_COLUMNS} FROM playbook_steps ORDER BY playbook_id, position"
        ):
            steps.setdefault(row[0], []).append(_step(row[1:]))
        for book in books:
            book.steps = steps.get(book.id or 0, [])
        return books

    def get(self, playbook_id: int) -> Playbook:
        for book in self.all():
            if book.id == playbook_id:
                return book
        raise NotFoundError(f"There is no playbook with id {playbook_id}.")

    def by_name(self, name: str) -> Playbook:
        wanted = name.strip().casefold()
        books = self.all()
        for book in books:
            if book.name.casefold() == wanted:
                return book
        names = ", ".join(b.name for b in books)
        raise NotFoundError(f"There is no playbook called {name!r}. Playbooks: {names}.")

    def add(self, playbook: Playbook) -> int:
        validate_playbook(playbook)
        with self._store.transaction() as conn:
            self._check_unique(conn, playbook)
            playbook.id = insert_playbook(conn, playbook, to_db(self._store.clock.now()))
        return playbook.id

    def update(self, playbook: Playbook) -> None:
        """Replace a playbook's steps. Plans already made keep their follow-ups:
        editing a playbook changes future plans, not history."""
        if playbook.id is None:
            raise ValueError("update() needs a playbook with an id")
        validate_playbook(playbook)
        with self._store.transaction() as conn:
            self._check_unique(conn, playbook)
            cur = conn.execute(
                "UPDATE playbooks SET name = ?, description = ?, updated_at = ? WHERE id = ?",
                (playbook.name, playbook.description, to_db(self._store.clock.now()), playbook.id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no playbook with id {playbook.id}.")
            _replace_steps(conn, playbook.id, playbook.steps)

    def copy(self, playbook_id: int, new_name: str) -> int:
        original = self.get(playbook_id)
        steps = [dataclasses.replace(s, id=None) for s in original.steps]
        return self.add(Playbook(new_name, original.description, steps))

    def delete(self, playbook_id: int) -> None:
        with self._store.transaction() as conn:
            cur = conn.execute("DELETE FROM playbooks WHERE id = ?", (playbook_id,))
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no playbook with id {playbook_id}.")

    def _check_unique(self, conn: sqlite3.Connection, playbook: Playbook) -> None:
        clash = conn.execute(
            "SELECT id FROM playbooks WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (playbook.name, playbook.id)
        ).fetchone()
        if clash:
            raise ValidationError(f"There is already a playbook called {playbook.name!r}.")


def _step(row: tuple[Any, ...]) -> Step:
    sid, phase, anchor, days, working, at, minutes, title, notes, channel, per_contact, subject, body = row
    return Step(
        id=int(sid),
        phase=Phase(phase),
        anchor=Anchor(anchor),
        days=int(days),
        working_days=bool(working),
        at=time.fromisoformat(str(at)) if at else None,
        minutes=int(minutes),
        title=str(title),
        notes=str(notes),
        channel=str(channel),
        per_contact=bool(per_contact),
        mail_subject=str(subject),
        mail_body=str(body),
    )
