"""Mail threads in a contact's timeline: the touch points of one thread are
one card (the newest message, with the thread's count) that opens to show
the others under it. Pure grouping; the model (timeline_model.py) keeps
which threads are open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from followup.domain import TouchPoint

# contact id -> {touch point id: thread key}, from the store (MailMessagesRepo.thread_keys)
ThreadSource = Callable[[int], dict[int, str]]


@dataclass(frozen=True, slots=True)
class Row:
    """One card of the timeline: a touch point, and its place in a thread."""

    tp: TouchPoint
    thread: str = ""  # "" when it is no mail thread of more than one message
    count: int = 1  # on a thread's first card: how many messages it has
    member: bool = False  # an older message, shown under its thread's card
    expanded: bool = False


def group(items: list[TouchPoint], threads: dict[int, str]) -> list[tuple[str, list[TouchPoint]]]:
    """Newest first, as given; the messages of a thread gathered under the newest of them."""
    groups: list[tuple[str, list[TouchPoint]]] = []
    by_key: dict[str, list[TouchPoint]] = {}
    for tp in items:
        key = threads.get(tp.id or 0, "")
        if key and key in by_key:
            by_key[key].append(tp)
            continue
        members = [tp]
        if key:
            by_key[key] = members
        groups.append((key, members))
    return groups


def rows(groups: list[tuple[str, list[TouchPoint]]], expanded: set[str]) -> list[Row]:
    out: list[Row] = []
    for key, members in groups:
        if len(members) == 1:
            out.append(Row(members[0]))
            continue
        is_open = key in expanded
        out.append(Row(members[0], key, len(members), expanded=is_open))
        if is_open:
            out.extend(Row(tp, key, member=True) for tp in members[1:])
    return out
