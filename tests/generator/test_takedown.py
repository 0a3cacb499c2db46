"""A failed build still takes down what the new review no longer publishes.

A customer withdraws its name consent, and the nightly build fails (a rendering error,
the leak guard, a full disk): the withdrawn customer must still leave every file of
the live public catalog, its own pages, the other references' related lists, the home
page, the logo wall, the sitemap and the search index.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from refcat.generator import pelican_plugin
from refcat.generator.build import fallback
from refcat.generator.build.takedown import MANIFEST, NOTHING, read_manifest, takedown
from refcat.generator.commands import build
from tests.factories import AS_OF, Project, day
from tests.generator.program import found, snapshot

CONSENTS = [{"scope": s, "granted": day(-400)} for s in ("name", "logo", "case-study", "quote")]
CONTACT = "zqc-dispatch@vega.example"  # an internal value: a contact's e-mail address
WITHDRAWN = {"kestrel": "the customer", "zqk": "its logo file"}


def program(root: Path) -> Project:
    """Kestrel (named, with a logo and a website) and Vega, all in one industry, so
    that Vega's pages list Kestrel's among their related references."""
    project = Project(root)
    project.taxonomy()
    project.policy()
    project.write(
        "logos/kestrel.svg", '<svg xmlns="http://www.w3.org/2000/svg"><title>zqk</title></svg>'
    )
    kestrel(project, CONSENTS)
    project.reference(
        "kestrel-core",
        customer="kestrel",
        title="Core data migration",
        summary="A savings bank moved its core data over one weekend.",
        body="The bank moved its core data over one weekend.\n",
    )
    contact = {"name": "Robin Dispatch", "email": CONTACT}
    project.customer("vega", name="Vega Freight", consents=CONSENTS, contacts=[contact])
    for id, title in (("vega-tracking", "Shipment tracking"), ("vega-portal", "Carrier portal")):
        project.reference(id, customer="vega", title=title, summary=f"{title} at Vega Freight.")
    return project


def kestrel(project: Project, consents: list[dict[str, Any]]) -> None:
    project.customer(
        "kestrel",
        name="Kestrel Savings Bank",
        website="https://www.kestrel.example",
        logo="logos/kestrel.svg",
        consents=consents,
    )


def withdraw_name_consent(project: Project) -> None:
    kestrel(project, [{**CONSENTS[0], "withdrawn": day(-1)}, *CONSENTS[1:]])


def add_launch(project: Project) -> None:
    """A reference only the new review publishes."""
    project.reference("vega-launch", customer="vega", title="Launch pad", summary="A launch.")


def run_build(project: Project) -> tuple[int, str]:
    out = io.StringIO()
    code = build.run(project.content, project.settings, AS_OF, project.root / "output", out)
    return code, out.getvalue()


def fail_public_build(monkeypatch, when: str, how: str = "render") -> None:
    """The public build fails whenever reference `when` is published: a rendering error,
    or (`how="leak"`) a page showing a contact, which the leak guard stops."""
    real = pelican_plugin.build_site

    def failing(audience, report, settings, start_search):
        if audience != "public" or when not in report.published:
            return real(audience, report, settings, start_search)
        if how == "render":
            raise RuntimeError(f"cannot render {when}")
        site = real(audience, report, settings, start_search)
        home = site.pages[0]
        home.variables["description"] = f"Write to {CONTACT}"
        return site

    monkeypatch.setattr(pelican_plugin, "build_site", failing)  # the forks inherit it


def theme_failing_on(project: Project, title: str) -> None:
    """A project theme whose reference page fails to render for one title only."""
    templates = project.root / "theme" / "templates" / "public"
    templates.mkdir(parents=True)
    (templates / "reference.html").write_text(
        '{% extends "public/layout.html" %}{% block content %}'
        f'{{% if reference.title == "{title}" %}}{{{{ undefined_name.x }}}}{{% endif %}}'
        "<h1>{{ reference.title }}</h1>{% endblock %}\n",
        encoding="utf-8",
    )
    assert project.settings is not None
    with project.settings.open("a", encoding="utf-8") as settings:
        settings.write('THEME = "theme"\n')


def assert_withdrawn_everywhere(public: Path) -> None:
    assert found(public, WITHDRAWN) == {}  # pages, related lists, sitemap, search index
    assert not [p for p in public.rglob("*") if "kestrel" in p.name]


@pytest.fixture
def live(tmp_path: Path) -> Project:
    """The program after a good build: Kestrel is on the website."""
    project = program(tmp_path)
    code, log = run_build(project)
    assert code == 0, log
    public = tmp_path / "output" / "public"
    hits = found(public, WITHDRAWN)
    pages = {"sitemap.xml", "references/vega-portal/index.html", "index.html", "list.json"}
    assert pages <= set(hits["kestrel"])
    assert any(f.startswith("pagefind/") for f in hits["kestrel"])
    assert (public / "logos" / "kestrel.svg").is_file()
    return project


@pytest.mark.parametrize(
    ("how", "why"),
    [
        ("render", "cannot render vega-launch"),
        ("leak", "Leak guard: internal data in the public output"),
    ],
)
def test_a_failed_build_publishes_what_both_reviews_publish(live, monkeypatch, how, why):
    output = live.root / "output"
    internal = snapshot(output / "internal")
    withdraw_name_consent(live)
    add_launch(live)
    fail_public_build(monkeypatch, when="vega-launch", how=how)

    code, log = run_build(live)

    assert code == 1
    assert f"Build failed (public): {why}.\n" in log
    assert "Took down 1 reference no longer published: kestrel-core (consent-expired)" in log
    assert "Published a reduced public catalog: 2 references." in log
    assert_withdrawn_everywhere(output / "public")
    pages = sorted(p.parent.name for p in (output / "public" / "references").glob("*/index.html"))
    assert pages == ["vega-portal", "vega-tracking"]  # not the new one either
    copies = {p.name for p in (output / "public" / "references").glob("*.gz")}
    assert copies <= {f"{page}.gz" for page in pages}  # no compressed copy of what came down
    assert snapshot(output / "internal") == internal
    manifest = read_manifest(output)
    assert manifest is not None
    assert manifest.published == {"vega-portal", "vega-tracking"}


def test_where_the_reduced_catalog_fails_too_a_page_says_the_catalog_is_unavailable(live):
    output = live.root / "output"
    withdraw_name_consent(live)
    theme_failing_on(live, "Shipment tracking")  # a reference both reviews publish

    code, log = run_build(live)

    assert code == 1
    assert "The reduced public catalog failed too: 'undefined_name' is undefined." in log
    assert f"unavailable: {output / 'public' / 'index.html'}" in log
    files = set(snapshot(output / "public"))
    assert {f for f in files if not f.startswith("theme/")} == {"index.html"}
    page = (output / "public" / "index.html").read_text(encoding="utf-8")
    assert "temporarily unavailable" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "theme/css/site.css" in files
    assert_withdrawn_everywhere(output / "public")

    # the page stays while builds fail, and the catalog returns with the first good one
    code, log = run_build(live)
    assert code == 1
    assert "The previous output is unchanged." in log
    assert set(snapshot(output / "public")) == files
    (live.root / "theme" / "templates" / "public" / "reference.html").unlink()
    assert run_build(live)[0] == 0
    assert (output / "public" / "references" / "vega-tracking" / "index.html").is_file()


def test_a_customer_now_anonymized_loses_name_logo_and_website(live, monkeypatch):
    output = live.root / "output"
    live.reference(
        "kestrel-core",
        customer="kestrel",
        title="Core data migration",
        summary="A savings bank moved its core data over one weekend.",
        body="The bank moved its core data over one weekend.\n",
        anonymize=True,
    )
    add_launch(live)
    fail_public_build(monkeypatch, when="vega-launch")

    code, log = run_build(live)

    assert code == 1
    assert (
        "Took down what the new review no longer shows: logo logos/kestrel.svg, "
        "name Kestrel Savings Bank, website https://www.kestrel.example"
    ) in log
    assert "Published a reduced public catalog: 3 references." in log
    assert_withdrawn_everywhere(output / "public")
    assert (output / "public" / "references" / "core-data-migration" / "index.html").is_file()


def test_a_failed_build_keeps_a_catalog_that_holds_nothing_to_take_down(live, monkeypatch):
    output = live.root / "output"
    before = snapshot(output)
    add_launch(live)  # published from now on: nothing the live catalog shows goes
    fail_public_build(monkeypatch, when="vega-launch")

    code, log = run_build(live)

    assert code == 1
    assert "Build failed (public): cannot render vega-launch." in log
    assert "The previous public catalog shows nothing that must come down." in log
    assert "The previous output is unchanged." in log
    assert snapshot(output) == before


def test_when_only_the_internal_build_fails_the_public_catalog_goes_live(live, monkeypatch):
    output = live.root / "output"
    internal = snapshot(output / "internal")
    withdraw_name_consent(live)
    real = pelican_plugin.build_site

    def internal_broken(audience: str, *args: Any):
        if audience == "internal":
            raise RuntimeError("the internal theme is broken")
        return real(audience, *args)

    monkeypatch.setattr(pelican_plugin, "build_site", internal_broken)
    code, log = run_build(live)

    assert code == 1
    assert "Build failed (internal): the internal theme is broken." in log
    assert "The previous internal catalog is unchanged." in log
    assert_withdrawn_everywhere(output / "public")
    assert (output / "public" / "references" / "vega-tracking" / "index.html").is_file()
    assert snapshot(output / "internal") == internal


def test_without_a_record_of_the_live_catalog_a_failed_build_takes_it_all_down(live, monkeypatch):
    output = live.root / "output"
    (output / MANIFEST).unlink()  # a catalog built before refcat kept manifests
    fail_public_build(monkeypatch, when="vega-tracking")

    code, log = run_build(live)

    assert code == 1
    assert "No record of what the previous public catalog shows: all of it goes." in log
    assert (output / "public" / "index.html").read_text().count("temporarily unavailable") == 1
    assert read_manifest(output) == NOTHING


def test_where_not_even_the_page_can_be_written_the_catalog_is_removed(live, monkeypatch):
    output = live.root / "output"
    withdraw_name_consent(live)
    fail_public_build(monkeypatch, when="vega-tracking")

    def full_disk(folder: Path, settings: Path | None) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fallback, "write_unavailable_site", full_disk)
    code, log = run_build(live)

    assert code == 1
    assert "Removed the public catalog (no page could replace it: " in log
    assert not (output / "public").exists()
    assert sorted(p.name for p in output.iterdir()) == [MANIFEST, "internal"]


def test_an_unreadable_manifest_counts_as_none(tmp_path):
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    assert read_manifest(tmp_path) is None
    assert read_manifest(tmp_path / "missing") is None


def test_without_a_manifest_everything_must_come_down(tmp_path):
    report = program(tmp_path).review()
    found_nothing_known = takedown(None, report)
    assert found_nothing_known and found_nothing_known.reduced is None
    assert not takedown(NOTHING, report)  # an empty catalog holds nothing to take down


# -- a full disk -----------------------------------------------------------------------

# Runs in a user and mount namespace of its own: the output folder is a small tmpfs, a
# first build fills part of it, a file fills the rest but for `room` bytes, then the
# second build runs on the full disk. What is left is copied out before the namespace
# (and its tmpfs) ends.
FULL_DISK = r"""
import os, shutil, subprocess, sys
root, room = sys.argv[1], int(sys.argv[2])
output = os.path.join(root, "output")
os.mkdir(output)
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", output], check=True)

def build(content, log):
    command = [sys.executable, "-m", "refcat.generator.cli", "build", "--content", content,
               "--settings", "pelicanconf.py", "--as-of", sys.argv[3]]
    with open(os.path.join(root, log), "w") as out:
        return subprocess.run(command, cwd=root, stdout=out, stderr=subprocess.STDOUT).returncode

assert build("before", "first.log") == 0
disk = os.statvfs(output)
with open(os.path.join(output, "filler"), "wb") as filler:
    filler.truncate(0)
    filler.write(b"\0" * (disk.f_bavail * disk.f_frsize - room))
with open(os.path.join(root, "second.code"), "w") as code:
    code.write(str(build("content", "second.log")))
os.remove(os.path.join(output, "filler"))
shutil.copytree(output, os.path.join(root, "after"))
"""


def _namespaces() -> bool:
    """Can this user make a user and mount namespace (and so mount a tmpfs)?"""
    if shutil.which("unshare") is None:
        return False
    probe = ["unshare", "--user", "--map-root-user", "--mount", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.skipif(not _namespaces(), reason="needs user namespaces (unshare) for a tmpfs")
def test_on_a_full_disk_the_withdrawn_customer_still_comes_down(tmp_path):
    project = program(tmp_path)
    shutil.copytree(project.content, tmp_path / "before")
    withdraw_name_consent(project)
    script = ["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c", FULL_DISK]
    done = subprocess.run(
        [*script, str(tmp_path), str(64 * 1024), AS_OF.isoformat()], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr + (tmp_path / "first.log").read_text()

    log = (tmp_path / "second.log").read_text(encoding="utf-8")
    assert (tmp_path / "second.code").read_text() == "1", log
    assert "No space left on device" in log
    assert "Took down 1 reference no longer published: kestrel-core (consent-expired)" in log
    public = tmp_path / "after" / "public"
    assert "temporarily unavailable" in (public / "index.html").read_text(encoding="utf-8")
    assert_withdrawn_everywhere(public)
