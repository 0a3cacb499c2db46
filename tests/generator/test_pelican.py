"""Pelican at the edge: plain `pelican content` builds the public catalog only, records
are never published as Pelican content, builds are reproducible, and the sitemap and
robots.txt say what crawlers may see."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree as ET

import pytest

from refcat.checks.run import Report, review_project
from tests.generator.program import (
    AS_OF,
    canary_program,
    output_texts,
    reproducible,
    snapshot,
)

PROJECT = Path(__file__).resolve().parents[2]
SITE_URL = "https://www.tessellate.example/customers"  # REFCAT_SITE_URL of the demo
RECORDS = (".yaml", ".yml", ".md")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def demo_copy(root: Path) -> Path:
    """The demo project as a user has it: content/ and pelicanconf.py, no theme/."""
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copy(PROJECT / "pelicanconf.py", root / "pelicanconf.py")
    return root


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def pelican(cwd: Path) -> subprocess.CompletedProcess:
    as_of = f'REFCAT_AS_OF="{AS_OF.isoformat()}"'
    return run("pelican", "content", "-s", "pelicanconf.py", "-e", as_of, cwd=cwd)


def refcat_build(cwd: Path, *options: str) -> subprocess.CompletedProcess:
    return run("refcat.generator.cli", "build", "--as-of", AS_OF.isoformat(), *options, cwd=cwd)


def demo_report(project: Path) -> Report:
    return review_project(project / "content", project / "pelicanconf.py", AS_OF, cache=False)


# -- plain `pelican content` -------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_pelican(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = demo_copy(tmp_path_factory.mktemp("plain"))
    result = pelican(project)
    assert result.returncode == 0, result.stderr
    return project


def test_plain_pelican_builds_the_public_catalog_only(plain_pelican):
    output = plain_pelican / "output"
    assert sorted(p.name for p in output.iterdir()) == ["public"]
    public = output / "public"
    assert (public / "index.html").is_file()
    assert (public / "sitemap.xml").is_file()
    assert list((public / "pagefind").glob("pagefind*.js"))
    assert 'content="noindex' not in (public / "index.html").read_text(encoding="utf-8")


def test_plain_pelican_publishes_what_the_review_publishes(plain_pelican):
    report = demo_report(plain_pelican)
    pages = list((plain_pelican / "output/public/references").glob("*/index.html"))
    assert len(pages) == len(report.published) > 0
    excluded = {f.id for f in report.catalog.reference_files} - report.published
    assert excluded, "the demo content should keep some references off the website"
    assert not {p.parent.name for p in pages} & excluded


def test_records_are_never_published_as_pelican_content(plain_pelican):
    public = plain_pelican / "output" / "public"
    files = [p.relative_to(public) for p in public.rglob("*") if p.is_file()]
    assert not [f for f in files if f.suffix in (".yaml", ".yml", ".md")]
    folders = {part for f in files for part in f.parts[:-1]}
    assert not folders & {"customers", "lifecycle", "author", "category", "tag", "feeds"}
    records = {
        p.read_bytes() for p in (plain_pelican / "content").rglob("*") if p.suffix in RECORDS
    }
    assert not [f for f in files if (public / f).read_bytes() in records]


def test_plain_pelican_keeps_internal_fields_out(plain_pelican):
    catalog = demo_report(plain_pelican).catalog
    secrets = {
        contact.email or contact.name
        for record in catalog.customers.values()
        for contact in record.customer.contacts
    }
    secrets |= {r.customer.owner for r in catalog.customers.values() if r.customer.owner}
    assert len(secrets) > 10
    public = plain_pelican / "output" / "public"
    leaks = [(f, s) for f, text in output_texts(public) for s in secrets if s.lower() in text]
    assert leaks == []


def test_plain_pelican_removes_what_the_leak_guard_finds(tmp_path):
    project = demo_copy(tmp_path)
    email = next(
        c.email
        for record in demo_report(project).catalog.customers.values()
        for c in record.customer.contacts
        if c.email
    )
    templates = project / "theme" / "templates" / "public"
    templates.mkdir(parents=True)
    (templates / "reference.html").write_text(
        '{% extends "base.html" %}{% block content %}' + email + "{% endblock %}\n"
    )
    result = pelican(project)
    assert result.returncode == 1
    assert "Leak guard" in result.stdout + result.stderr
    public = project / "output" / "public"
    assert not [f for f, text in output_texts(public) if email.lower() in text]


# -- refcat build on the command line -------------------------------------------------------


def test_refcat_build_exits_0_with_error_findings_and_strict_exits_1(tmp_path):
    program = canary_program(tmp_path)
    assert program.settings.name == "pelicanconf.py"
    result = refcat_build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 errors" in result.stdout
    assert not (tmp_path / "output/public/references/lapsed-portal").exists()
    strict = refcat_build(tmp_path, "--strict")
    assert strict.returncode == 1, strict.stderr
    assert (tmp_path / "output/public/references/northwind-core/index.html").is_file()


def test_a_project_without_a_theme_folder_builds_with_refcats_theme(tmp_path):
    project = demo_copy(tmp_path)
    assert not (project / "theme").exists()
    result = refcat_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "output/public/theme/css/site.css").is_file()


@pytest.fixture(scope="module")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = demo_copy(tmp_path_factory.mktemp("demo"))
    result = refcat_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_same_content_and_as_of_give_byte_identical_public_files(demo_built, tmp_path):
    """All but Pagefind's filter files (see `reproducible`): pages, logos, search index."""
    again = demo_copy(tmp_path)
    assert refcat_build(again).returncode == 0
    first, second = snapshot(demo_built / "output/public"), snapshot(again / "output/public")
    stable, stable_again = reproducible(first), reproducible(second)
    assert sorted(stable) == sorted(stable_again)
    assert [name for name in stable if stable[name] != stable_again[name]] == []
    assert len([n for n in stable if n.endswith(".html")]) > 20
    assert len(first) == len(second)


# -- sitemap.xml and robots.txt --------------------------------------------------------------


def test_sitemap_lists_home_and_exactly_the_published_reference_pages(demo_built):
    public = demo_built / "output" / "public"
    root = ET.parse(public / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locations = [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
    assert len(locations) == len(set(locations))
    assert f"{SITE_URL}/" in locations
    folders = (public / "references").glob("*/index.html")
    pages = {f"{SITE_URL}/references/{p.parent.name}/" for p in folders}
    listed = {loc for loc in locations if loc.startswith(f"{SITE_URL}/references/")}
    assert listed == pages
    assert len(pages) == len(demo_report(demo_built).published)
    for loc in locations:  # every other entry is a page that exists
        relative = loc.removeprefix(f"{SITE_URL}/") or "index.html"
        assert (public / relative).is_file() or (public / relative / "index.html").is_file()


def test_robots_of_internal_disallows_everything_public_points_to_sitemap(demo_built):
    internal = RobotFileParser()
    internal.parse((demo_built / "output/internal/robots.txt").read_text().splitlines())
    assert not internal.can_fetch("*", "/")
    assert not internal.can_fetch("Googlebot", "/references/x.html")
    public = RobotFileParser()
    public.parse((demo_built / "output/public/robots.txt").read_text().splitlines())
    assert public.can_fetch("*", "/references/x.html")
    assert public.site_maps() == [f"{SITE_URL}/sitemap.xml"]
    assert not (demo_built / "output/internal/sitemap.xml").exists()


def test_a_project_theme_overrides_single_templates_and_adds_static_files(tmp_path):
    project = demo_copy(tmp_path)
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write('THEME = "theme"\n')
    css = project / "theme" / "static" / "css" / "brand.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: teal; }\n")
    result = refcat_build(project, "--audience", "public")
    assert result.returncode == 0, result.stderr
    public = project / "output" / "public"
    assert (public / "theme/css/brand.css").read_text() == "body { color: teal; }\n"
    assert (public / "theme/css/site.css").is_file()  # refcat's own stay underneath


def test_the_plugin_is_named_once_whatever_name_the_project_gave_it(capsys):
    from refcat.generator.pelican_plugin import with_this_plugin

    plugin = "refcat.generator.pelican_plugin"
    assert with_this_plugin([]) == [plugin]
    assert with_this_plugin(["refcat", "other"]) == ["other", plugin]
    assert capsys.readouterr().err == ""
    assert with_this_plugin(["generator.pelican_plugin"]) == [plugin]  # before 0.2
    assert 'name it "refcat"' in capsys.readouterr().err
