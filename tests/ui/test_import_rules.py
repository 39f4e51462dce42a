"""The shape of ui/, checked the way test_no_qt.py checks the core.

Imports flow app → shell → features → ops, widgets, style → followup. A feature
never imports another feature or the shell; ops, widgets and style know no
feature; the core never imports ui. Every import counts: top level, inside a
function, or under TYPE_CHECKING (a type is a dependency too).
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FEATURES = {"contacts", "today", "engagements", "calendar", "contacts_io", "insights", "reminders", "mail"}
BASE = {"ops", "widgets", "style"}


def layer(module: str) -> str:
    """'core', 'app', 'shell', 'base' or 'feature:<name>' for a dotted module name."""
    parts = module.split(".")
    if parts[0] == "followup":
        return "core"
    if parts[0] != "ui" or len(parts) == 1:
        return "other"
    if parts[1] == "app":
        return "app"
    if parts[1] == "shell":
        return "shell"
    if parts[1] in BASE:
        return "base"
    if parts[1] in FEATURES:
        return f"feature:{parts[1]}"
    return "unknown"


def allowed(source: str, target: str) -> bool:
    """May a module in layer ``source`` import one in layer ``target``?"""
    if target in ("other", "core") and source != "core":
        return True
    if source == "core":
        return target in ("core", "other")
    if source == "app":
        return target != "unknown"
    if source == "shell":
        return target not in ("app", "unknown")
    if source.startswith("feature:"):
        return target in ("base", source)
    if source == "base":
        return target == "base"
    return False


def module_name(path: Path, root: Path = REPO_ROOT) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[str]:
    """Every module an import statement in ``path`` names (``from ui.x import y`` gives ui.x and ui.x.y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def violations(paths: list[Path], root: Path = REPO_ROOT) -> list[str]:
    found = []
    for path in paths:
        source_module = module_name(path, root)
        source = layer(source_module)
        for target_module in imported_modules(path):
            target = layer(target_module)
            if target_module == "ui" or (target == "unknown" and target_module.count(".") > 1):
                continue  # "from ui.x import name": the name is not a module; ui.x itself is checked
            if not allowed(source, target):
                found.append(f"{source_module} ({source}) imports {target_module} ({target})")
    return sorted(set(found))


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO_ROOT / folder).rglob("*.py"))


def test_ui_and_core_follow_the_import_rules() -> None:
    # GIVEN every module of ui/ and followup/
    paths = python_files("ui", "followup")
    assert len(paths) > 100  # the walk found the tree
    # WHEN their imports are read THEN none goes against the flow
    assert violations(paths) == []


def test_every_ui_package_has_a_layer() -> None:
    # GIVEN the packages under ui/ WHEN each is placed THEN none is unknown to the rules
    packages = {p.name for p in (REPO_ROOT / "ui").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == FEATURES | BASE | {"shell"}


def test_the_rules_notice_a_feature_reaching_into_another(tmp_path: Path) -> None:
    # GIVEN a feature module that imports another feature, the shell, and a base module
    # WHEN the rules read it THEN the first two are reported and the third is not (the test above can fail)
    fake = tmp_path / "ui" / "today" / "_rules_probe.py"
    fake.parent.mkdir(parents=True)
    fake.write_text(
        "from ui.contacts.page import ContactPage\nfrom ui.shell import window\nfrom ui.style import theme\n"
    )
    found = violations([fake], root=tmp_path)
    assert found == [
        "ui.today._rules_probe (feature:today) imports ui.contacts.page (feature:contacts)",
        "ui.today._rules_probe (feature:today) imports ui.contacts.page.ContactPage (feature:contacts)",
        "ui.today._rules_probe (feature:today) imports ui.shell (shell)",
        "ui.today._rules_probe (feature:today) imports ui.shell.window (shell)",
    ]


def test_the_rules_notice_base_reaching_up_and_core_importing_ui() -> None:
    # GIVEN the layers WHEN base or core reach upward THEN it is not allowed
    assert not allowed("base", "feature:today")
    assert not allowed("base", "shell")
    assert not allowed("core", "base")
    assert not allowed("shell", "app")
    assert allowed("app", "shell") and allowed("shell", "feature:today") and allowed("feature:today", "base")


# The shell's action objects ask the window through ops.shell.Shell, like a feature
# (ARCHITECTURE.md): they may not name the window, not even for a type.
ACTION_OBJECTS = ("contact_actions", "engagement_actions", "follow_up_actions", "data_io", "undo")


def window_reachers(root: Path = REPO_ROOT) -> list[str]:
    return [
        name
        for name in ACTION_OBJECTS
        if any(m.startswith("ui.shell.window") for m in imported_modules(root / "ui" / "shell" / f"{name}.py"))
    ]


def test_the_shells_action_objects_ask_through_the_shell_protocol() -> None:
    # GIVEN the shell's action objects WHEN their imports are read THEN none names the window
    assert window_reachers() == []
