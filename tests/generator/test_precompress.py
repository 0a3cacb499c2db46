"""Precompressed `.gz` copies: beside every large text file, reproducible, read by the guard."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from refcat.checks.run import review_project
from refcat.generator.build.guard import find_leaks
from refcat.generator.build.precompress import MIN_BYTES, MIN_PAGE_BYTES, precompress
from refcat.generator.commands import build
from tests.factories import AS_OF
from tests.generator.program import canary_program

LARGE = "<p>Core banking migration in eleven weeks.</p>\n" * 1000  # a large page: 46 KB
SMALL = "<p>Core banking migration in eleven weeks.</p>\n" * 100  # 4.6 KB: sent as it is


def _write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


def test_large_text_files_get_a_gzip_copy_small_ones_and_images_do_not(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "index.html": LARGE,
            "references/acme.html": SMALL,  # a server compresses small pages on the fly
            "data/references.json": '{"rows":[' + ",".join(['"a row"'] * 400) + "]}",
            "theme/js/internal.js": "function f() { return 1; }\n" * 60,
            "robots.txt": "User-agent: *\n",
            "logos/acme.png": b"\x89PNG" + bytes(MIN_BYTES * 2),
        },
    )
    assert precompress(site) == 3
    for name in ("index.html", "data/references.json", "theme/js/internal.js"):
        copy = site / f"{name}.gz"
        assert gzip.decompress(copy.read_bytes()) == (site / name).read_bytes()
        assert copy.stat().st_size < (site / name).stat().st_size
    assert len(SMALL) < MIN_PAGE_BYTES <= len(LARGE)
    assert not (site / "references/acme.html.gz").exists()
    assert not (site / "robots.txt.gz").exists()
    assert not (site / "logos/acme.png.gz").exists()


def test_copies_are_byte_reproducible(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", {"index.html": LARGE})
    second = _write(tmp_path / "b", {"index.html": LARGE})
    precompress(first)
    precompress(second)
    assert (first / "index.html.gz").read_bytes() == (second / "index.html.gz").read_bytes()


def test_a_copy_whose_file_is_gone_is_removed(tmp_path: Path) -> None:
    site = _write(tmp_path, {"index.html": LARGE, "old.html.gz": gzip.compress(b"old page")})
    precompress(site)
    assert not (site / "old.html.gz").exists()
    assert (site / "index.html.gz").exists()


def test_the_leak_guard_finds_a_canary_inside_a_gzip_copy(tmp_path: Path) -> None:
    program = canary_program(tmp_path / "program")
    report = review_project(program.content, program.settings, AS_OF)
    token = next(
        t for t, w in program.internal.fields.items() if w == "customer lapsed: rating note"
    )
    page = f"<p>Strong sponsor {token}</p>\n" + "<p>Nothing to see.</p>\n" * 2000
    site = _write(tmp_path / "site", {"index.html": page})
    precompress(site)
    (site / "index.html").write_text("<p>Nothing to see.</p>")  # only the copy has it
    leaks = find_leaks(site, report, ["Core banking migration"])
    assert leaks == ["index.html.gz: the owner or rating of customer lapsed"]


def test_a_build_writes_copies_in_both_catalogs_and_the_guard_passes(tmp_path: Path) -> None:
    program = canary_program(tmp_path)
    out = io.StringIO()
    code = build.run(program.content, program.settings, AS_OF, program.root / "output", out)
    assert code == 0, out.getvalue()
    for audience in ("public", "internal"):
        folder = program.root / "output" / audience
        copies = sorted(folder.rglob("*.gz"))
        assert folder / "theme" / "js" / f"{audience}.js.gz" in copies
        for copy in copies:
            assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes()
