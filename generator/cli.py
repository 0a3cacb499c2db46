"""The `refcat` command line: parse arguments, read the clock, map errors to exit codes.

Only this module reads the clock (the `--as-of` default) and `argparse`; commands
are plain functions that get plain values and return an exit code.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from refcat.checks.policy import MAX_DAYS, ConfigError
from refcat.generator import cli_edit as edit
from refcat.generator import cli_exchange as exchange
from refcat.generator.arguments import day, settings_file
from refcat.generator.commands import lifecycle
from refcat.generator.terminal import COLOR_CHOICES, interactive, use_color

DESCRIPTION = """\
refcat keeps a customer-reference program as YAML/Markdown records in git, reviews
them (consent, technology lifecycle, rating, reputation, churn, overuse, unsafe
content) and renders a public and an internal catalog with Pelican.
"""

EPILOG = """\
exit codes of check: 0 no error, 1 at least one error finding (--strict: or
warning), 2 a usage or configuration problem. `refcat check --explain RULE`
documents a rule.
"""


def _review_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument(
        "--settings",
        type=Path,
        default=None,
        help="Pelican settings with the REFCAT review policy (default: pelicanconf.py, if present)",
    )
    parser.add_argument(
        "--as-of", type=day, default=None, help="review as of this date (default: today)"
    )


def _check_options(check: argparse.ArgumentParser) -> None:
    _review_options(check)
    check.add_argument(
        "--format",
        choices=["text", "json", "github", "junit", "sarif"],
        default="text",
        help="output format",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--explain", metavar="RULE", help="print the documentation of RULE and exit")


def _build_options(build: argparse.ArgumentParser) -> None:
    _review_options(build)
    build.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    build.add_argument("--audience", choices=["public", "internal", "both"], default="both")
    build.add_argument("--strict", action="store_true", help="exit 1 when there are error findings")


def _worklist_options(review: argparse.ArgumentParser) -> None:
    _review_options(review)
    review.add_argument(
        "--within", type=int, default=90, metavar="DAYS", help="look ahead this many days"
    )
    review.add_argument("--format", choices=["text", "json", "csv", "ics"], default="text")


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--audience",
        choices=["public", "internal"],
        default=None,
        help="the catalog to serve (default: public; internal with --edit)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.add_argument(
        "--output",
        type=Path,
        default=Path("output"),
        help="the folder `refcat build` wrote, holding public/ and internal/ (default: output)",
    )
    serve.add_argument(
        "--edit",
        action="store_true",
        help="also serve the Decap CMS editor at /admin/, which writes the records (needs Node.js)",
    )
    serve.add_argument("--content", type=Path, default=Path("content"), help="with --edit")


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("kind", choices=["customer", "reference"])
    new.add_argument("id")
    new.add_argument("--content", type=Path, default=Path("content"))


def _schema_options(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("kind", choices=["customer", "reference"])


def _diff_options(diff: argparse.ArgumentParser) -> None:
    diff.add_argument(
        "base",
        nargs="?",
        metavar="BASE",
        help="a git revision or another content folder (default: the merge base with "
        "origin/$GITHUB_BASE_REF or the default branch)",
    )
    _review_options(diff)
    diff.add_argument("--format", choices=["text", "markdown", "json"], default="text")


class _Version(argparse.Action):
    """`--version`: looked up only when asked, so other commands do not pay for it."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from refcat import __version__

        print(f"refcat {__version__}")
        parser.exit()


def _top_level_options(parser: argparse.ArgumentParser) -> None:
    """Options of every command, given before it: `refcat --color never check`."""
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the output: auto (default) on a terminal, unless NO_COLOR is set or TERM=dumb",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print a command's report only when it fails (exit 1); problems (exit 2) always",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refcat",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _top_level_options(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.options(commands.add_parser(command.name, help=command.help))
    return parser


def _check_as_of(args: argparse.Namespace, as_of: date) -> None:
    """Refuse an as-of date too near the calendar's ends for the policy's windows."""
    from refcat.checks.days import check_as_of
    from refcat.checks.run import load_policy

    within = getattr(args, "within", None)
    if within is not None and not 0 <= within <= MAX_DAYS:  # longer is a typo
        raise ConfigError(f"--within {within}: give a number of days from 0 to {MAX_DAYS}")
    check_as_of(as_of, load_policy(settings_file(args)), within)


def check_output(output: Path, content: Path) -> None:
    """ConfigError unless `output` can be a folder of its own, apart from the content."""
    for folder in (output, *output.parents):
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"--output {output}: {folder} is a file, not a folder")
    target, records = output.resolve(), content.resolve()
    if target.is_relative_to(records):
        raise ConfigError(f"--output {output} is inside the content folder {content}")
    if records.is_relative_to(target):
        raise ConfigError(f"--output {output} contains the content folder {content}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ConfigError as error:
        print(f"refcat: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `refcat ... | head` stopped reading: not a problem to report
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - the closed pipe is not flushed
        return 141
    except OSError as error:  # the file system refused what the command needed
        where = f"{error.filename}: " if error.filename else ""
        print(f"refcat: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    as_of = getattr(args, "as_of", None) or date.today()
    args.paint = use_color(args.color, sys.stdout, os.environ)
    args.progress = not args.quiet and interactive(sys.stderr, os.environ)
    handler = BY_NAME[args.command].handler
    if not (args.quiet and _is_report(args)):
        return handler(args, as_of, sys.stdout)
    report = io.StringIO()  # --quiet: shown only when the command fails
    code = handler(args, as_of, report)
    if code != 0:
        sys.stdout.write(report.getvalue())
    return code


# Output that is the product, asked for by name, is written even with --quiet.
DATA_COMMANDS = frozenset({"schema", "serve", "export"})


def _is_report(args: argparse.Namespace) -> bool:
    """Whether the command's output is a report for a person, which --quiet holds back."""
    if args.command in DATA_COMMANDS or getattr(args, "explain", None):
        return False
    return getattr(args, "format", "text") == "text"


# Handlers: plain values out of the parsed arguments into a command's `run`. Each
# imports its command when called, so `refcat --help` loads none of them.


def _check(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import check

    if args.explain:
        return check.run_explain(args.explain, out)
    _check_as_of(args, as_of)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")  # GitHub Actions names the job summary
    options = check.Options(
        fmt=args.format,
        strict=args.strict,
        color=args.paint,
        step_summary=Path(summary) if summary else None,
    )
    return check.run(args.content, settings_file(args), as_of, out, options)


def _build(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    _check_as_of(args, as_of)
    check_output(args.output, args.content)
    from refcat.generator.commands import build
    from refcat.generator.pelican_plugin import check_settings_file

    check_settings_file(settings_file(args))  # a setting refcat controls: exit 2, no build
    return build.run(
        args.content,
        settings_file(args),
        as_of,
        args.output,
        out,
        audience=args.audience,
        strict=args.strict,
        progress=args.progress,
    )


def _review(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    _check_as_of(args, as_of)
    from refcat.generator.commands import review

    options = review.Options(within=args.within, fmt=args.format)
    return review.run(args.content, settings_file(args), as_of, out, options)


def _serve(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import serve

    audience = args.audience or ("internal" if args.edit else "public")
    if not args.edit:
        return serve.run(args.output, audience, args.port, out)
    modules = [Path(".cache/node/node_modules"), serve.CHECKOUT_MODULES]
    return serve.run(args.output, audience, args.port, out, serve.Edit(args.content, modules))


def _new(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import new

    return new.run(args.kind, args.id, args.content, as_of, out)  # as_of: today, the record's date


def _schema(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import schema

    return schema.run(args.kind, out)


def _diff(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    _check_as_of(args, as_of)
    from refcat.generator.commands import diff

    options = diff.Options(base=args.base, fmt=args.format, env=dict(os.environ))
    return diff.run(args.content, settings_file(args), as_of, out, options)


def _fmt_options(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="record files or folders (default: the content folder's customers/ and references/)",
    )
    fmt.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    fmt.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when a file is not canonical"
    )


def _fmt(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import fmt

    return fmt.run(args.content, args.paths, args.check, out)


def _init_options(init: argparse.ArgumentParser) -> None:
    init.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="a new or empty folder (default: the current folder)",
    )
    init.add_argument("--name", default="Customer references", help="SITENAME of the catalogs")
    init.add_argument("--author", default="Example Ltd", help="AUTHOR: your company's name")


def _init(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    from refcat.generator.commands import init

    project = init.Project(args.dir, sitename=args.name, author=args.author)
    return init.run(project, as_of, out)  # as_of: today, the examples' date


@dataclass(frozen=True)
class Command:
    """One row of the command line: adding a command is adding a row."""

    name: str
    help: str
    options: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, date, TextIO], int]


COMMANDS = (
    Command("check", "review every record; exit 1 on error findings", _check_options, _check),
    Command("build", "review, then build the public and internal catalogs", _build_options, _build),
    Command("review", "the program owner's worklist of what is due", _worklist_options, _review),
    Command("serve", "preview a built catalog on 127.0.0.1", _serve_options, _serve),
    Command("new", "create a new customer or reference from a template", _new_options, _new),
    Command("schema", "print the JSON Schema of a record, for editors", _schema_options, _schema),
    Command("diff", "what a change does to the public catalog", _diff_options, _diff),
    Command("request", "log a reference request, its outcome", edit.request_options, edit.request),
    Command("consent", "renew or withdraw a consent", edit.consent_options, edit.consent),
    Command("rate", "re-rate a customer", edit.rate_options, edit.rate),
    Command("evaluate", "record a post-evaluation", edit.evaluate_options, edit.evaluate),
    Command("export", "the references as CSV", exchange.export_options, exchange.export),
    Command("import", "CRM accounts as new customers", exchange.import_options, exchange.accounts),
    Command("fmt", "put record files into their canonical form", _fmt_options, _fmt),
    Command(
        "lifecycle", "refresh lifecycles from endoflife.date", lifecycle.options, lifecycle.handle
    ),
    Command("init", "start a new catalog project in a folder", _init_options, _init),
)
BY_NAME = {command.name: command for command in COMMANDS}


def run() -> NoReturn:
    """The `refcat` command: `main`, then an exit that skips tearing down the heap.

    A build or check of thousands of records leaves millions of objects; freeing them
    one by one at interpreter exit takes a second at 10,000 references, and the
    operating system reclaims the memory at once anyway. Output is flushed first.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
