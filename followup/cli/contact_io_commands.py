"""import-contacts, export-contacts, backup and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from followup import outfile
from followup.cli.output import write_json
from followup.contacts_io import ContactsFileError, read_file
from followup.contacts_io import backup as backups
from followup.contacts_io.batch import Batch, apply_batch, parse_tags
from followup.contacts_io.export import format_for_path, load_contacts, write
from followup.contacts_io.merge import Action, apply_import, plan_import
from followup.domain import Kind
from followup.errors import ValidationError
from followup.store import Store

EXIT_BAD_FILE = 1


def import_contacts(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    # the kind and tags given to the whole batch (issue 15), as the import dialog asks them
    batch = Batch(Kind(args.kind) if args.kind else None, parse_tags(args.tag))
    try:
        parsed = read_file(args.file, args.format)
    except ContactsFileError as error:
        print(f"followup: {args.file}: {error} Nothing was imported.", file=sys.stderr)
        return EXIT_BAD_FILE
    parsed.items = apply_batch(parsed.items, batch)
    if args.dry_run:
        plan = plan_import(store, parsed.items)
        created: list[tuple[int | None, str]] = [(None, r.name) for r in plan.rows if r.action is Action.NEW]
        merged: list[tuple[int | None, str, list[str]]] = [
            (r.target_id, r.target_name, r.changes) for r in plan.rows if r.action is Action.MERGE
        ]
        skipped = [(r.item.source, r.name, r.reason) for r in plan.rows if r.action is Action.SKIP]
    else:
        summary = apply_import(store, parsed.items)
        created, merged, skipped = list(summary.created), list(summary.merged), summary.skipped
    if args.json:
        data: dict[str, Any] = {
            "file": str(args.file),
            "format": parsed.format,
            "encoding": parsed.encoding,
            "dry_run": bool(args.dry_run),
            "notes": parsed.notes,
            "batch": {"kind": batch.kind.value if batch.kind else None, "tags": list(batch.tags)},
            "created": len(created),
            "merged": len(merged),
            "skipped": [{"source": s, "name": n, "reason": r} for s, n, r in skipped],
            "created_contacts": [{"id": i, "name": n} for i, n in created],
            "merged_contacts": [{"id": i, "name": n, "changes": c} for i, n, c in merged],
        }
        write_json(out, data)
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    out.write(
        f"{verb} {len(created)} new, merged {len(merged)}, skipped {len(skipped)} "
        f"({parsed.format}, {parsed.encoding})" + (f", {batch.describe()}" if not batch.empty else "") + ".\n"
    )
    for note in parsed.notes:
        out.write(f"  note: {note}\n")
    for _, name, changes in merged:
        out.write(f"  merged {name}: {'; '.join(changes)}\n")
    for source, name, reason in skipped:
        out.write(f"  skipped {source}{f' ({name})' if name else ''}: {reason}\n")
    return 0


def export_contacts(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    where = outfile.target(args.out, protect=store.path)  # checked before any work: a missing folder is one sentence
    if where.special:  # standard output, a device or a pipe: no file name to tell the format by
        fmt = "google-csv" if args.csv else "vcard4"
    else:
        name = Path(args.out).name
        if not name.lower().endswith((".vcf", ".vcard", ".csv")):
            raise ValidationError(f"{name}: the file name should end in .vcf (vCard) or .csv.")
        fmt = format_for_path(name)
    if fmt == "vcard4" and args.vcard_version == "3.0":
        fmt = "vcard3"
    if fmt == "google-csv" and args.csv == "outlook":
        fmt = "outlook-csv"
    ids = [store.contacts.resolve(args.contact)] if args.contact else None
    count = write(load_contacts(store, ids), where, fmt)
    say = sys.stderr if where.path is None else out  # standard output carries the contacts
    if args.json:
        write_json(say, {"file": str(args.out), "format": fmt, "contacts": count})
    else:
        say.write(f"Exported {count} contact{'s' if count != 1 else ''} to {where.shown}.\n")
    return 0


def backup(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    to_stdout = args.out == outfile.STDOUT
    if (to_stdout and sys.stdout.isatty()) or outfile.is_terminal(args.out):
        raise ValidationError(
            "A backup is a binary file: give a file name, or send `backup -` into a pipe or a file, not a terminal."
        )
    info = backups.back_up(store, args.out)
    shown = "standard output" if to_stdout else str(info.path)
    say = sys.stderr if to_stdout else out  # standard output carries the backup itself
    if args.json:
        write_json(say, {"file": shown if not to_stdout else "-", "version": info.version, "counts": info.counts})
    else:
        say.write(f"Backed up {info.describe()} to {shown}.\n")
    return 0


def restore(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    result = backups.restore(store, args.file, force=args.force)
    kept = str(result.kept_copy) if result.kept_copy else None
    if args.json:
        write_json(
            out,
            {
                "file": str(args.file),
                "counts": result.restored.counts,
                "kept_copy": kept,
                "settings_not_restored": {**result.dropped_paths, **dict.fromkeys(result.dropped_unknown)},
            },
        )
    else:
        out.write(f"Restored {result.restored.describe()} from {args.file}.\n")
        if kept:
            out.write(f"The database it replaced was kept at {kept}.\n")
    for key, value in result.dropped_paths.items():
        print(
            f"followup: the backup's setting {key} ({value}) was not restored: a path from a backup is never "
            "used without your word. Set it again in Settings if you want it.",
            file=sys.stderr,
        )
    if result.dropped_unknown:
        print(
            f"followup: settings this version does not know were not restored: {', '.join(result.dropped_unknown)}.",
            file=sys.stderr,
        )
    return 0
