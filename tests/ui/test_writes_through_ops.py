"""Every write from the UI goes through ``ui.ops`` (ARCHITECTURE.md, "The UI").

Read statically, like test_import_rules.py: in every module of ui/ outside
ops/, a call that writes to the store (a ``transaction()``, a repository's
write method on ``store.<repo>``, or a named core function that writes) must
sit inside a callable handed to one of the GATES: ``ops.run`` and
``ops.run_in_dialog`` (errors shown in one place, success emits ``changed``),
``Shell.offer_undo`` (the window runs an undo through ``ops.run``), or the one
background executor (``TaskRunner.run``, ``ProgressJob.with_store``,
``run_with_progress``, ``write_on_worker``: the
job's own connection, its result published on the hub). A callable counts as handed
over when it is a lambda passed to a gate, or a function whose name is passed
to a gate or called from one that is.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GATES = {"run", "run_in_dialog", "offer_undo", "with_store", "run_with_progress", "write_on_worker"}
REPOS = {"contacts", "touch_points", "settings", "playbooks", "engagements", "follow_ups"}
REPO_WRITES = {
    "add", "add_many", "update", "delete", "restore", "set", "set_archived", "close", "reopen",
    "snooze", "reschedule", "remove", "set_status", "set_origin", "set_pin", "update_planned",
}  # fmt: skip
CORE_WRITES = {
    "followup.engine.touch_points.log_touch_point",
    "followup.engine.replies.edit_touch_point",
    "followup.engine.replies.delete_touch_point",
    "followup.engine.replies.restore_touch_point",
    "followup.engine.plans.create",
    "followup.engine.plans.replan",
    "followup.engine.plans.reschedule",
    "followup.engine.plans.cancel",
    "followup.engine.engagement_edit.edit",
    "followup.engine.engagement_edit.replan_all",
    "followup.engine.follow_ups.complete",
    "followup.engine.follow_ups.reopen",
    "followup.engine.follow_ups.reschedule",
    "followup.engine.follow_ups.restore",
    "followup.engine.follow_ups.skip",
    "followup.engine.follow_ups.snooze",
    "followup.engine.follow_ups.sync_cadences",
    "followup.engine.dates.sync_dates",
    "followup.engine.merge_contacts.merge_contacts",
    "followup.engine.reminders_one_off.add_reminder",
    "followup.meeting_reminders.set_lead",
    "followup.meeting_reminders.snooze_until_before",
    "followup.reminders.pause",
    "followup.reminders.resume",
    "followup.reminders.dismiss",
    "followup.reminders.snooze_all",
    "followup.demo.generate",
    "followup.demo_marks.remove",
    "followup.preferences.Preferences.save",
    "followup.contacts_io.backup.restore",
    "followup.contacts_io.merge.apply_import",
    "followup.calendar.import_ics.apply",
    "followup.calendar.live_file.set_live_path",
    "followup.caldav.proposals.plan_proposal",
    "followup.caldav.proposals.dismiss",
    "followup.caldav.accounts.add_account",
    "followup.caldav.accounts.remove_account",
    "followup.caldav.accounts.upsert_calendar",
    "followup.caldav.accounts.set_read",
    "followup.caldav.accounts.set_status",
    "followup.caldav.sync.sync_all",
    "followup.mail.setup.add_account",
    "followup.mail.setup.remove_account",
    "followup.mail.sync.sync_all",
    "followup.mail.files.import_path",
    "followup.mail.drafts.send_draft",
}
# Writes that by design are not a user's action with a dialog to show an error in.
# Each names its module and function, so a new write beside them is still caught.
EXEMPT = {
    # the reminder tick never shows a dialog: it logs, says so in the status bar
    # and tries again; the window publishes its `changed` on the hub
    ("ui.reminders.service", "_tick"),
    ("ui.reminders.service", "_complete"),
    ("ui.reminders.service", "snooze"),
    ("ui.reminders.service", "snooze_all"),
    ("ui.reminders.service", "snooze_meeting"),
    ("ui.reminders.service", "dismiss"),
    ("ui.reminders.service", "pause"),
    ("ui.reminders.service", "resume"),
    ("ui.reminders.service", "closed_to_tray"),
}

Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _chain(node: ast.expr) -> list[str]:
    """``w.store.contacts.add`` as ['w', 'store', 'contacts', 'add'] (empty when not a plain chain)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return parts[::-1] if parts else []


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> the core's dotted name, from every import in the module (functions included)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("followup"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("followup"):
                    names[alias.asname or alias.name.split(".")[0]] = (alias.asname and alias.name) or alias.name
    return names


def writes_in(call: ast.Call, aliases: dict[str, str]) -> str | None:
    """What ``call`` writes, or None when it is no write."""
    chain = _chain(call.func)
    if not chain:
        return None
    if chain[-1] == "transaction":
        return ".".join(chain)
    if len(chain) >= 3 and chain[-3] in ("store", "_store") and chain[-2] in REPOS and chain[-1] in REPO_WRITES:
        return ".".join(chain)
    if chain[0] in aliases:
        qualified = ".".join([aliases[chain[0]], *chain[1:]])
        if qualified in CORE_WRITES:
            return qualified
    return None


def _gated(tree: ast.Module) -> tuple[set[int], set[str]]:
    """The lambdas (by id) passed to a gate, and the function names handed over."""
    lambdas: set[int] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (chain := _chain(node.func)) and chain[-1] in GATES:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Lambda):
                    lambdas.add(id(arg))
                elif arg_chain := _chain(arg):
                    names.add(arg_chain[-1])
    # a function called from a handed-over callable is handed over too
    scopes = [n for n in ast.walk(tree) if isinstance(n, Scope)]
    grew = True
    while grew:
        grew = False
        for scope in scopes:
            inside = id(scope) in lambdas or (not isinstance(scope, ast.Lambda) and scope.name in names)
            if not inside:
                continue
            for node in ast.walk(scope):
                if isinstance(node, ast.Call) and (chain := _chain(node.func)) and chain[-1] not in names:
                    names.add(chain[-1])
                    grew = True
                elif isinstance(node, ast.Lambda) and id(node) not in lambdas:
                    lambdas.add(id(node))
                    grew = True
    return lambdas, names


def bypasses(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Each write in ``path`` that no gate runs, as 'module:line function: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(root).with_suffix("").parts)
    aliases = _aliases(tree)
    lambdas, names = _gated(tree)
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (what := writes_in(node, aliases)) is None:
            continue
        enclosing: list[Scope] = []
        up: ast.AST | None = parents.get(id(node))
        while up is not None:
            if isinstance(up, Scope):
                enclosing.append(up)
            up = parents.get(id(up))
        defs = [s.name for s in enclosing if not isinstance(s, ast.Lambda)]
        if any(id(s) in lambdas or (not isinstance(s, ast.Lambda) and s.name in names) for s in enclosing):
            continue
        if (module, defs[-1] if defs else "") in EXEMPT or (module, defs[0] if defs else "") in EXEMPT:
            continue
        found.append(f"{module}:{node.lineno} {defs[0] if defs else '<module>'}: {what}")
    return found


def ui_modules() -> list[Path]:
    return sorted(p for p in (REPO_ROOT / "ui").rglob("*.py") if "ops" not in p.relative_to(REPO_ROOT / "ui").parts)


def test_every_ui_write_goes_through_ops() -> None:
    # GIVEN every module of ui/ but ops/ itself
    paths = ui_modules()
    assert len(paths) > 80  # the walk found the tree
    # WHEN their write calls are read THEN each runs inside ops.run, an undo or the executor
    assert [b for p in paths for b in bypasses(p)] == []


def test_the_writes_it_looks_for_exist() -> None:
    # GIVEN the core functions the check names WHEN each is looked up THEN it is there (a rename
    # would otherwise quietly stop the check from seeing that write)
    for qualified in sorted(CORE_WRITES):
        module, _, name = qualified.rpartition(".")
        if module.endswith(".Preferences"):
            module, owner = module.rsplit(".", 1)
            assert hasattr(getattr(importlib.import_module(module), owner), name), qualified
        else:
            assert hasattr(importlib.import_module(module), name), qualified


def test_the_check_notices_a_write_that_bypasses_ops(tmp_path: Path) -> None:
    # GIVEN a feature module with writes inside and outside the gates
    probe = tmp_path / "ui" / "today" / "_writes_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from followup.engine import follow_ups as engine\n"
        "from followup.engine.touch_points import log_touch_point\n"
        "from ui.ops.operations import run\n"
        "class C:\n"
        "    def direct(self, fu_id):\n"
        "        engine.skip(self.store, fu_id)\n"
        "        self.store.contacts.set_archived(1, True)\n"
        "        with self.store.transaction():\n"
        "            pass\n"
        "    def gated(self, fu_id):\n"
        "        run(self.hub, None, 'Skip', lambda: engine.skip(self.store, fu_id), None)\n"
        "        run(self.hub, None, 'Log', self._log, None)\n"
        "        self.shell.offer_undo('x', lambda: self.store.contacts.set_archived(1, False))\n"
        "    def _log(self):\n"
        "        self._write()\n"
        "    def _write(self):\n"
        "        log_touch_point(self.store, None)\n"
    )
    # WHEN it is read THEN exactly the three direct writes are reported
    assert bypasses(probe, root=tmp_path) == [
        "ui.today._writes_probe:6 direct: followup.engine.follow_ups.skip",
        "ui.today._writes_probe:7 direct: self.store.contacts.set_archived",
        "ui.today._writes_probe:8 direct: self.store.transaction",
    ]
