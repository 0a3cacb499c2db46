"""Whatever happens to `.refcat-cache/`, `refcat check` says what a run without it says.

CI restores caches from other runs; a run may be killed mid-write or meet a full disk.
Every file of the cache is corrupted at random (bytes flipped, replaced, inserted,
digits changed, cut short, deleted) and the output and exit code must equal those of a
run without cache. `HYPOTHESIS_PROFILE=fuzz` runs many more corruptions.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcat.generator.commands import check
from tests.factories import AS_OF, Project, baseline, day

DEFAULT = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("cache-corruption", DEFAULT)
settings.register_profile("cache-corruption-fuzz", DEFAULT, max_examples=2000)
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
PROFILE = settings.get_profile("cache-corruption-fuzz" if FUZZ else "cache-corruption")


def _program(root: Path) -> Project:
    """A published reference, one taken down by a withdrawal, a warning and an error."""
    project = baseline(Project(root))
    project.customer("bolt", name="Bolt Insurance", consents=[
        {"scope": "name", "granted": day(-400), "withdrawn": day(-1)},
        {"scope": "case-study", "granted": day(-400)},
        {"scope": "quote", "granted": day(-400)},
    ])  # fmt: skip
    project.reference("bolt-claims", customer="bolt", title="Claims platform")
    project.customer("cobalt", name="Cobalt Bank", rating={"grade": "D", "reviewed": day(-30)})
    project.reference("cobalt-app", customer="cobalt", title="Mobile app", publish="internal")
    project.logo()
    return project


def _check(project: Project, cache: bool = True) -> tuple[int, str]:
    out = io.StringIO()
    code = check.run(project.content, None, AS_OF, out, check.Options(fmt="json", cache=cache))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, tuple[int, str]]:
    project = _program(tmp_path_factory.mktemp("corruption"))
    expected = _check(project, cache=False)
    assert expected[0] == 1 and '"published": 1, "errors": 1, "warnings": 1' in expected[1]
    _check(project)
    return project, expected


def _cache_files(project: Project) -> dict[Path, bytes]:
    cache = project.root / ".refcat-cache"
    return {path: path.read_bytes() for path in sorted(cache.rglob("*")) if path.is_file()}


OPERATIONS = ("keep", "flip", "replace", "insert", "digit", "truncate", "delete")


def _corrupted(data: st.DataObject, stored: bytes) -> bytes | None:
    """`stored` with one random corruption; None: the file is deleted."""
    operation = data.draw(st.sampled_from(OPERATIONS))
    at = data.draw(st.integers(0, max(len(stored) - 1, 0)))
    digits = [i for i, byte in enumerate(stored) if 0x30 <= byte <= 0x39]
    if operation == "delete":
        return None
    if operation == "truncate":
        return stored[:at]
    if operation == "insert":
        return stored[:at] + data.draw(st.binary(min_size=1, max_size=32)) + stored[at:]
    if operation == "replace":
        new = data.draw(st.binary(min_size=1, max_size=16))
        return stored[:at] + new + stored[at + len(new) :]
    if operation == "flip" and stored:
        flipped = stored[at] ^ data.draw(st.integers(1, 255))
        return stored[:at] + bytes([flipped]) + stored[at + 1 :]
    if operation == "digit" and digits:  # a date or a count changed: marshal stays valid
        at = data.draw(st.sampled_from(digits))
        digit = data.draw(st.sampled_from(b"0123456789".replace(stored[at : at + 1], b"")))
        return stored[:at] + bytes([digit]) + stored[at + 1 :]
    return stored


@PROFILE
@given(data=st.data())
def test_a_corrupted_cache_never_changes_the_result(program, data: st.DataObject):
    project, expected = program
    pristine = _cache_files(project)
    try:
        for path, stored in pristine.items():
            corrupted = _corrupted(data, stored)
            if corrupted is None:
                path.unlink()
            else:
                path.write_bytes(corrupted)
        assert _check(project) == expected
        assert _check(project) == expected  # with what the first run left
        leftovers = [p.name for p in (project.root / ".refcat-cache").rglob("*.tmp")]
        assert leftovers == []
    finally:
        shutil.rmtree(project.root / ".refcat-cache")
        for path, stored in pristine.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(stored)
