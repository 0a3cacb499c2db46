"""Write the API's releases into a lifecycle file, keeping every other byte.

Releases already in the file keep their block and place; only the lines of values
that changed are rewritten (`eol`, and `releaseDate`, `eoas`, `eoes`, `latest`,
`latestReleaseDate` where the block has them). A new release gets a block in the
file's own layout, placed where the API lists it; a release the API no longer lists
loses its block.
"""

from __future__ import annotations

import re

from refcat.generator.lifecycle.releases import FIELDS, Releases, equal, render
from refcat.generator.lifecycle.source import Release, Value


def apply(current: Releases, fresh: list[Release]) -> tuple[str, list[Release]]:
    """The file's new text, and the releases it will hold in file order."""
    by_cycle = {release.cycle: release for release in fresh}
    kept = {release.cycle for release in current.releases} & set(by_cycle)
    indent = re.match(r" *", current.lines[current.blocks[0][0]]).group()  # type: ignore[union-attr]
    lines: list[str] = current.lines[: current.blocks[0][0]]
    result: list[Release] = []
    pending = _new_before(fresh, kept)
    for release, (start, end) in zip(current.releases, current.blocks, strict=True):
        for new in pending.pop(release.cycle, []):
            lines += _block(new, indent, current.keys)
            result.append(new)
        if release.cycle in by_cycle:
            lines += _edited(current.lines[start:end], by_cycle[release.cycle])
            result.append(by_cycle[release.cycle])
    tail_start = current.blocks[-1][1]
    for new in pending.pop(None, []):  # older than any release the file keeps
        lines += _block(new, indent, current.keys)
        result.append(new)
    return "".join(lines + current.lines[tail_start:]), result


def _new_before(fresh: list[Release], kept: set[str]) -> dict[str | None, list[Release]]:
    """New releases by the kept cycle they come before in the API's order (None: the end)."""
    placed: dict[str | None, list[Release]] = {}
    waiting: list[Release] = []
    for release in fresh:
        if release.cycle in kept:
            placed[release.cycle], waiting = waiting, []
        else:
            waiting.append(release)
    placed[None] = waiting
    return placed


def _edited(block: list[str], fresh: Release) -> list[str]:
    values: dict[str, Value] = {**fresh.fields, "eol": fresh.eol}
    return [_line(line, values) for line in block]


def _line(line: str, values: dict[str, Value]) -> str:
    match = re.match(r"^(\s*(?:- )?)(\w+):([ \t]*)(.*?)([ \t]+#.*)?(\r?\n)?$", line)
    if match is None or match.group(2) not in values:
        return line
    lead, key, space, old, comment, newline = match.groups()
    new = values[key]
    if equal(_parsed(old), new):
        return line
    return f"{lead}{key}:{space or ' '}{render(new, old)}{comment or ''}{newline or ''}"


def _parsed(text: str) -> object:
    import yaml

    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return None
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _block(release: Release, indent: str, keys: set[str]) -> list[str]:
    """A new release written as endoflife.date writes one, followed by a blank line."""
    values: dict[str, Value] = {**release.fields, "eol": release.eol}
    lines = [f'{indent}- releaseCycle: "{release.cycle}"\n']
    for key in FIELDS:
        if key in values and (key in keys or key == "eol"):
            lines.append(f"{indent}  {key}: {render(values[key])}\n")
    return [*lines, "\n"]
