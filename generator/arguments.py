"""Argument forms every command shares: the date as records write it, the settings file.

Both `generator.cli` and the edit commands' options (`generator.cli_edit`) use them.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path


def day(text: str) -> date:
    """A date as records write it: `fromisoformat` alone would also take 20261125."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def settings_file(args: argparse.Namespace) -> Path | None:
    """`--settings` as given, else `pelicanconf.py` when there is one."""
    if args.settings is not None:
        return args.settings
    default = Path("pelicanconf.py")
    return default if default.is_file() else None
