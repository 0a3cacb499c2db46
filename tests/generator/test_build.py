"""`refcat build`: nothing internal reaches the public catalog, and a build that fails or
is killed leaves the previous output as it was."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from refcat.checks.logos import read_logo
from refcat.checks.run import cache_folder, review_project
from refcat.generator.build.sites import markdown_texts
from refcat.generator.build.takedown import MANIFEST
from refcat.generator.commands import build
from tests.generator.program import (
    AS_OF,
    CanaryProgram,
    canary_program,
    found,
    large_program,
    reproducible,
    snapshot,
)


def run_build(program: CanaryProgram, output: Path, **options) -> tuple[int, str]:
    out = io.StringIO()
    code = build.run(program.content, program.settings, AS_OF, output, out, **options)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def canary_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[CanaryProgram, Path]:
    """The canary program built once, both audiences."""
    program = canary_program(tmp_path_factory.mktemp("canary"))
    output = program.root / "output"
    code, log = run_build(program, output)
    assert code == 0, log
    return program, output


# -- nothing internal in the public catalog -------------------------------------------


def test_no_internal_field_reaches_any_public_file(canary_output):
    program, output = canary_output
    leaks = found(output / "public", program.internal.fields)
    assert leaks == {}, {program.internal.fields[t]: files for t, files in leaks.items()}


def test_no_trace_of_an_excluded_reference_in_any_public_file(canary_output):
    program, output = canary_output
    leaks = found(output / "public", program.excluded.fields)
    assert leaks == {}, {program.excluded.fields[t]: files for t, files in leaks.items()}
    names = {p.relative_to(output / "public").as_posix() for p in (output / "public").rglob("*")}
    assert not [n for n in names for ref in program.excluded_ids if ref in n]
    assert not [n for n in names if "lapsed" in n]  # the customer no public page names


def published_logo(path: Path) -> bytes:
    """A logo as the catalogs write it: the sanitized form, never the file's bytes."""
    return read_logo(path, f"logos/{path.name}").published


def test_anonymized_customer_is_neither_named_nor_shown_by_logo(canary_output):
    program, output = canary_output
    public = output / "public"
    leaks = found(public, program.anonymous.fields)
    assert leaks == {}, {program.anonymous.fields[t]: files for t, files in leaks.items()}
    logo = published_logo(program.anonymous_logo)
    assert not [p for p in public.rglob("*") if p.is_file() and p.read_bytes() == logo]
    assert not [p for p in public.rglob("*") if "quill" in p.name]
    # the anonymized reference itself is published, under its sector label
    pages = (public / "references").glob("*/index.html")
    (path,) = [p for p in pages if p.parent.name != "northwind-core"]
    page = path.read_text(encoding="utf-8")
    assert "Fund data consolidation" in page
    assert "Asset management" in page


def test_published_references_are_in_the_public_catalog(canary_output):
    program, output = canary_output
    pages = {p.parent.name for p in (output / "public" / "references").glob("*/index.html")}
    assert len(pages) == len(program.published)  # an anonymized one may get another name
    assert "northwind-core" in pages
    assert (output / "public" / "logos" / "northwind.svg").is_file()  # named, logo consent


def test_canaries_do_reach_the_internal_catalog(canary_output):
    """The same search finds them where they belong: the public scans above can fail."""
    program, output = canary_output
    internal = output / "internal"
    # a reference page sales may show a prospect leaves out a quote's author once the
    # customer's name consent lapsed: the one value the internal catalog holds back
    held_back = {t for t, w in program.excluded.fields.items() if w.endswith("quote author")}
    for group in (program.internal, program.excluded):
        missing = set(group.fields) - set(found(internal, group.fields)) - held_back
        assert not missing, sorted(group.fields[t] for t in missing)
    assert program.anonymous_name.lower().split()[0] in found(internal, program.anonymous.fields)
    logo = published_logo(program.anonymous_logo)
    assert logo in {p.read_bytes() for p in internal.rglob("*.svg")}


def test_the_search_indexes_are_scanned_too(canary_output):
    """Pagefind's gzipped files hold the page text: the scan must unpack them. Only the
    public catalog has Pagefind; the internal one's word index holds every caveat."""
    program, output = canary_output
    assert not (output / "internal" / "pagefind").exists()
    caveats = {t: w for t, w in program.internal.fields.items() if w.endswith("caveats")}
    hits = found(output / "internal" / "data" / "words", caveats)
    assert caveats and set(hits) == set(caveats), "the word index holds every caveat"
    hits = found(output / "public" / "pagefind", {"northwind-core": "a published page"})
    files = {f.rsplit(".", 1)[-1] for found_in in hits.values() for f in found_in}
    assert "pf_fragment" in files  # gzipped: read only once unpacked


# -- exit codes --------------------------------------------------------------------------


def test_build_exits_0_whatever_the_findings_and_leaves_out_blocked_references(tmp_path):
    program = canary_program(tmp_path)
    code, log = run_build(program, tmp_path / "output")
    assert code == 0, log
    assert "2 errors" in log
    assert not (tmp_path / "output/public/references/lapsed-portal.html").exists()


def test_strict_build_exits_1_on_error_findings_but_still_builds(tmp_path):
    program = canary_program(tmp_path)
    code, log = run_build(program, tmp_path / "output", strict=True)
    assert code == 1, log
    assert (tmp_path / "output/public/references/northwind-core.html").is_file()
    assert not (tmp_path / "output/public/references/lapsed-portal.html").exists()


def test_one_audience_leaves_the_other_alone(tmp_path):
    program = canary_program(tmp_path)
    output = tmp_path / "output"
    code, log = run_build(program, output, audience="public")
    assert code == 0, log
    assert sorted(p.name for p in output.iterdir()) == [MANIFEST, "public"]
    run_build(program, output, audience="internal")
    before = snapshot(output / "public")
    run_build(program, output, audience="internal")
    assert snapshot(output / "public") == before
    assert sorted(p.name for p in output.iterdir()) == [MANIFEST, "internal", "public"]


def test_same_content_and_as_of_give_byte_identical_catalogs(tmp_path):
    program = canary_program(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_build(program, first)[0] == 0
    assert run_build(program, second)[0] == 0
    for audience in ("public", "internal"):
        one, two = snapshot(first / audience), snapshot(second / audience)
        assert sorted(one) == sorted(two) or reproducible(one) == reproducible(two)
        assert reproducible(one) == reproducible(two), audience
        assert [n for n in one if n.endswith(".html")] == [n for n in two if n.endswith(".html")]


# -- a killed build ------------------------------------------------------------------------


def _refcat(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "refcat.generator.cli", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def test_a_build_killed_half_way_leaves_the_previous_output_intact(tmp_path):
    project = large_program(tmp_path, 400)
    args = ("build", "--content", "content", "--as-of", AS_OF.isoformat())
    first = subprocess.run(
        [sys.executable, "-m", "refcat.generator.cli", *args], cwd=tmp_path, capture_output=True
    )
    assert first.returncode == 0, first.stderr
    output = tmp_path / "output"
    before = {audience: snapshot(output / audience) for audience in ("public", "internal")}
    assert len(before["public"]) > 400

    # change the content so that a completed build would change the output
    project.reference("reference-0000", customer="customer-00", title="Changed title")
    build_process = _refcat(*args, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not list(output.glob(f"{build.STAGING_PREFIX}*/*")):
        assert build_process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.005)
    os.killpg(build_process.pid, signal.SIGKILL)
    assert build_process.wait(timeout=30) == -signal.SIGKILL

    stale = list(output.glob(f"{build.STAGING_PREFIX}*"))
    assert stale, "the killed build's staging folder should still be there"
    for audience in ("public", "internal"):
        assert snapshot(output / audience) == before[audience], audience

    again = subprocess.run(
        [sys.executable, "-m", "refcat.generator.cli", *args], cwd=tmp_path, capture_output=True
    )
    assert again.returncode == 0, again.stderr
    assert not [p for p in stale if p.exists()], "the stale staging folder is cleaned"
    assert sorted(p.name for p in output.iterdir()) == [MANIFEST, "internal", "public"]
    page = (output / "public/references/reference-0000.html").read_text(encoding="utf-8")
    assert "Changed title" in page


def test_a_failed_build_leaves_no_staging_folder(tmp_path, monkeypatch):
    program = canary_program(tmp_path)
    output = tmp_path / "output"
    assert run_build(program, output)[0] == 0
    before = snapshot(output)

    def broken(*args, **kwargs):
        raise RuntimeError("the theme is broken")

    monkeypatch.setattr("refcat.generator.pelican_plugin.run_pelican", broken)
    code, log = run_build(program, output)
    assert code == 1
    assert "previous output is unchanged" in log
    assert snapshot(output) == before
    assert sorted(p.name for p in output.iterdir()) == [MANIFEST, "internal", "public"]


def test_stale_staging_of_a_live_process_is_kept(tmp_path):
    """Two builds at once: the second must not delete the first one's staging folder."""
    program = canary_program(tmp_path)
    output = tmp_path / "output"
    live = output / f"{build.STAGING_PREFIX}{os.getppid()}"
    dead = output / f"{build.STAGING_PREFIX}999999999"
    for folder in (live, dead):
        (folder / "public").mkdir(parents=True)
    assert run_build(program, output)[0] == 0
    assert live.is_dir()
    assert not dead.exists()


# -- what each catalog declares it renders -----------------------------------------------


def test_each_catalog_declares_the_markdown_it_renders(tmp_path):
    """The internal catalog's texts render during the review; the public catalog renders
    only the stories of what the review publishes, known after it."""
    program = canary_program(tmp_path)
    report = review_project(program.content, program.settings, AS_OF, cache=False)
    catalog = report.catalog
    before = markdown_texts(("public", "internal"), catalog, None)
    notes = {c.customer.notes for c in catalog.customers.values() if c.customer.notes}
    assert {r.body for r in catalog.references.values()} | notes <= set(before)
    assert markdown_texts(("public",), catalog, None) == []
    public = markdown_texts(("public",), catalog, report)
    assert public == [catalog.references[r].body for r in sorted(report.published)]
    assert set(public) < {r.body for r in catalog.references.values()}
    assert markdown_texts(("internal",), catalog, report) == []


def test_a_build_removes_the_internal_search_records_earlier_versions_kept(tmp_path):
    program = canary_program(tmp_path)
    old = cache_folder(program.content) / "search"
    for name in ("internal", "internal.pagefind"):
        (old / name).mkdir(parents=True)
        (old / name / "record.html").write_text(" ".join(program.internal.fields), "utf-8")
    code, log = run_build(program, tmp_path / "output")
    assert code == 0, log
    assert not (old / "internal").exists() and not (old / "internal.pagefind").exists()
    assert (old / "public").is_dir()
