"""The command line of `refcat export` and `refcat import`: their options and handlers.

Kept beside `generator.cli` as the edit commands are (`generator.cli_edit`): the
table of commands there names these; each handler imports its command when called.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.generator.arguments import day, settings_file


def export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("--audience", choices=["public", "internal"], required=True)
    export.add_argument("--format", choices=["csv"], default="csv", help="output format")
    export.add_argument("--bom", action="store_true", help="start with a UTF-8 byte-order mark")
    export.add_argument(
        "--output", default="-", metavar="FILE", help="the file to write (default: -, stdout)"
    )
    export.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    export.add_argument("--settings", type=Path, default=None, help="Pelican settings")
    export.add_argument("--as-of", type=day, default=None, help="review as of (default: today)")


def export(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.checks.days import check_as_of
    from refcat.checks.run import load_policy
    from refcat.generator.commands import export as command

    check_as_of(as_of, load_policy(settings_file(args)), None)
    output = None if args.output == "-" else Path(args.output)
    options = command.Options(args.audience, args.format, args.bom, output)
    return command.run(args.content, settings_file(args), as_of, out, options)


def import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("accounts", type=Path, metavar="FILE", help="the CRM's account export")
    command.add_argument(
        "--map", required=True, metavar="MAP", help="hubspot, salesforce or a map file (YAML)"
    )
    command.add_argument("--content", type=Path, default=Path("content"))
    command.add_argument("--dry-run", action="store_true", help="report only, write nothing")


def accounts(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import import_accounts as command

    options = command.Options(crm_map=args.map, dry_run=args.dry_run)
    return command.run(args.accounts, args.content, as_of, out, options)  # as_of: today
