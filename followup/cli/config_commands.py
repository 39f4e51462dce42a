"""config (registered in config_args.py)."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup.cli.output import write_json
from followup.preferences import Preferences
from followup.settings_table import SETTINGS, setting, stored
from followup.store import Store


def config(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    values = stored(store.settings.get)
    values["user_tz"] = store.settings.user_zone()
    if args.key is None:
        if args.json:
            write_json(out, values)
        else:
            width = max(len(s.key) for s in SETTINGS)
            for s in SETTINGS:
                out.write(f"{s.key:<{width}}  {s.show(values[s.key])}\n")
        return 0
    s = setting(args.key)
    if args.value is not None:
        Preferences.save(store, {s.key: s.parse(args.value)})
        values = stored(store.settings.get)
        values["user_tz"] = store.settings.user_zone()
        if not args.json:
            out.write(f"{s.key} = {s.show(values[s.key])}\n")
    if args.json:
        write_json(out, {s.key: values[s.key]})
    elif args.value is None:
        out.write(f"{s.show(values[s.key])}\n")
    return 0
