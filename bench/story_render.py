"""How long refcat takes to render the worst Markdown a story may hold.

    python bench/story_render.py [--sizes 10,25,50,100] [--one-block]

Each pattern is repeated up to each size (KB) in blocks as `refcat check` allows them
(at most 20 KB without a blank line, 20 levels of nesting), and rendered through
`checks.markup.render`, the function the catalogs call. The promise: a story of up to
100 KB renders in under 2 s whatever it holds. `--one-block` renders each size as one
block instead, beyond what `check` allows: the time grows faster within a block.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from refcat.checks.markup import render
from refcat.checks.story_limits import MAX_DEPTH

BLOCK = 20_000  # bytes per block: under the 20 KB limit, newlines included


def _repeat(unit: str, end: str = "") -> Callable[[int], str]:
    """A block of `unit` repeated within `size` bytes, then `end`."""
    return lambda size: unit * ((size - len(end.encode())) // len(unit.encode())) + end


def _table(size: int) -> str:
    columns = size // 4
    return "|a" * columns + "\n" + "|-" * columns


def _lines(make: Callable[[int], str]) -> Callable[[int], str]:
    """A block of numbered lines made by `make`, within `size` bytes."""

    def block(size: int) -> str:
        lines, used, number = [], 0, 0
        while used + len(make(number)) + 1 <= size:
            lines.append(make(number))
            used += len(lines[-1]) + 1
            number += 1
        return "\n".join(lines)

    return block


DEEP = MAX_DEPTH
PATTERNS: dict[str, Callable[[int], str]] = {
    "open brackets [": _repeat("["),
    "open images ![": _repeat("!["),
    "bracket pairs []": _repeat("[]"),
    "nested brackets [[]]": lambda size: "[" * (size // 2) + "]" * (size // 2),
    "open links [a](": _repeat("[a]("),
    "open links, a title at the end": _repeat("[a](", '")'),
    'open titles [a]("': _repeat('[a]("', '")'),
    "links [a](b)": _repeat("[a](b) "),
    "reference links [a][b]": _repeat("[a][b] "),
    "reference definitions": _lines(lambda n: f"[r{n}]: https://example.com/{n}"),
    "numeric entities &#x41;": _repeat("&#x41;"),
    "ampersands &": _repeat("&"),
    "backslashes \\\\": _repeat("\\\\"),
    "backslash runs \\": _repeat("\\"),
    "stars *a": _repeat("*a "),
    "nested emphasis *a … a*": lambda size: "*a " * (size // 6) + "a* " * (size // 6),
    "strong and em ***": _repeat("***a"),
    "underscores _a": _repeat("_a "),
    "backticks `": _repeat("`"),
    "code spans `a": _repeat("`a "),
    "less-than <": _repeat("<"),
    "unclosed tags <a b": _repeat("<a b"),
    "unclosed tags <a": _repeat("<a"),
    "unclosed end tags </a b": _repeat("</a b"),
    "unclosed end tags </a": _repeat("</a"),
    "autolinks <http://": _repeat("<http://"),
    "unclosed comment <!--": lambda size: "<!--" + "a" * (size - 4),
    "comment openings <!--": _repeat("<!--"),
    "declarations <!x": _repeat("<!x"),
    "processing instructions <?": _repeat("<?"),
    "CDATA <![CDATA[": _repeat("<![CDATA["),
    "wide table": _table,
    "long line": _repeat("word "),
    "lines": _repeat("a\n"),
    "hashes #": _repeat("#"),
    "parentheses (": _repeat("("),
    "nested lists, 20 levels": _lines(lambda n: "    " * (n % DEEP) + "- x"),
    "nested quotes, 20 levels": _lines(lambda n: "> " * DEEP + "x"),
    "inline lists - - -": _lines(lambda n: "- " * DEEP + "x"),
    "quoted lists > - > -": _lines(lambda n: "> - " * (DEEP // 2) + "x"),
}


def story(pattern: str, size: int, block: int = BLOCK) -> str:
    """`pattern` repeated in blocks of at most `block` bytes, up to `size` bytes."""
    make, parts, used = PATTERNS[pattern], [], 0
    while size - used > 2:
        part = make(min(block, size - used - 2))
        if not part:
            break
        parts.append(part)
        used += len(part.encode()) + 2
    return "\n\n".join(parts)


def timed(text: str) -> float:
    """Seconds of processor time to render `text` once."""
    started = time.process_time()
    render(text)
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,25,50,100", help="story sizes in KB")
    parser.add_argument("--one-block", action="store_true", help="each size as one block")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    render("warm *up*")
    print(f"{'pattern':34}" + "".join(f"{size:>7} KB" for size in sizes))
    worst = 0.0
    for pattern in PATTERNS:
        times = []
        for size in sizes:
            block = size * 1024 if options.one_block else BLOCK
            times.append(timed(story(pattern, size * 1024, block)))
        worst = max(worst, *times)
        print(f"{pattern:34}" + "".join(f"{t:>9.3f}s" for t in times), flush=True)
    print(f"worst: {worst:.3f} s of processor time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
