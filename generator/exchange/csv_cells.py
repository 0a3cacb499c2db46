"""CSV that Excel opens as written and that cannot run: writing and reading cells.

Excel reads a cell starting with `=`, `+`, `-` or `@` (and, after a tab or carriage
return, the same) as a formula: a customer name such as `=HYPERLINK("http://evil")`
would become a live link, or worse, in the spreadsheet of whoever opens the export.
Each such cell is written with a leading `'`, as OWASP recommends, which Excel shows
as text. Rows end in CRLF; a byte-order mark (`--bom`) makes older Excel read UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from refcat.checks.policy import ConfigError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
MAX_BYTES = 50 * 1024 * 1024  # an account export of a few hundred thousand rows


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet shows rather than evaluates."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = False) -> str:
    """The rows as CSV text: CRLF line ends, every cell neutralised, optional BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return (BOM if bom else "") + buffer.getvalue()


@dataclass(frozen=True)
class Row:
    """One record of a CSV file: where it starts and its cells by column name."""

    line: int
    cells: dict[str, str]
    width: int  # how many cells the record has, against the header's count


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(raw: bytes, source: str) -> Table:
    """A CSV file's header and rows; ConfigError (with the line) when it is not a CSV
    file refcat can read: not UTF-8, a broken quote, a NUL byte, no header."""
    if len(raw) > MAX_BYTES:
        raise ConfigError(f"{source}: larger than {MAX_BYTES // 1024 // 1024} MB")
    text = _decode(raw, source)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = list(_records(reader, source))
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise ConfigError(f"{source}: empty, no header row")
    header = tuple(cell.strip() for cell in records[0][1])
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise ConfigError(f"{source}:1: the header names {', '.join(repeated)} twice")
    rows = tuple(
        Row(line, dict(zip(header, (c.strip() for c in cells), strict=False)), len(cells))
        for line, cells in records[1:]
    )
    return Table(header, rows)


def _decode(raw: bytes, source: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{source}:{line}: not UTF-8 text; save the export as 'CSV UTF-8' and try again"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ConfigError(f"{source}:{line}: a NUL byte: not a CSV text file")
    return text


def _records(reader: Iterator[list[str]], source: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num  # type: ignore[attr-defined]
            raise ConfigError(f"{source}:{line}: not a well-formed CSV file: {error}") from None
        start, end = end + 1, reader.line_num  # type: ignore[attr-defined]
        yield start, cells
