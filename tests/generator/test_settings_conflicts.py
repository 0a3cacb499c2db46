"""A project's Pelican settings are combined with refcat's; one refcat controls stops."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from refcat.generator.cli import main
from refcat.generator.controlled_settings import combined_excludes, conflicts

RECORDS = ["customers", "references", "lifecycle", "logos"]


def test_a_value_that_would_publish_records_is_named_with_its_line(tmp_path: Path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text('SITENAME = "x"\nSTATIC_PATHS = ["customers"]\n', encoding="utf-8")
    [message] = conflicts({"STATIC_PATHS": ["customers"]}, settings)
    assert message.startswith(f"{settings}:2: STATIC_PATHS = ['customers'] would copy")
    assert "refcat controls this setting (see README)" in message


@pytest.mark.parametrize(
    "user",
    [
        {"STATIC_PATHS": [], "FEED_ALL_ATOM": None, "TAG_SAVE_AS": ""},
        {"ARTICLE_EXCLUDES": [*RECORDS, "drafts"]},
        {"JINJA_ENVIRONMENT": {"autoescape": True, "extensions": ["jinja2.ext.do"]}},
        {"THEME_TEMPLATES_OVERRIDES": ["templates"], "RELATIVE_URLS": False},
    ],
)
def test_values_refcat_agrees_with_are_accepted(user):
    assert conflicts(user, None) == []


@pytest.mark.parametrize(
    "user",
    [
        {"ARTICLE_PATHS": ["articles"]},
        {"STATIC_EXCLUDES": ["customers"]},
        {"FEED_ALL_ATOM": "feeds/all.atom.xml"},  # Pelican's default, set on purpose
        {"LOAD_CONTENT_CACHE": True},
        {"JINJA_ENVIRONMENT": {"autoescape": False}},
    ],
)
def test_values_that_would_publish_or_unescape_are_refused(user):
    assert len(conflicts(user, None)) == 1


def test_own_excludes_are_kept_beside_the_record_folders():
    assert combined_excludes("PAGE_EXCLUDES", {"PAGE_EXCLUDES": ["drafts"]}) == [
        "drafts",
        *RECORDS,
    ]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert main(["init", str(tmp_path)]) == 0
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _append(project: Path, text: str) -> None:
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(text)


def test_refcat_build_stops_with_exit_2_and_builds_nothing(project: Path, capsys):
    _append(project, 'STATIC_PATHS = ["customers"]\n')
    assert main(["build"]) == 2
    line = len((project / "pelicanconf.py").read_text(encoding="utf-8").splitlines())
    assert f"pelicanconf.py:{line}: STATIC_PATHS = ['customers']" in capsys.readouterr().err
    assert not (project / "output").exists()


def test_plain_pelican_stops_with_exit_2_and_the_message(project: Path):
    _append(project, 'JINJA_ENVIRONMENT = {"autoescape": False}\n')
    pelican = Path(sys.executable).parent / "pelican"
    done = subprocess.run(
        [str(pelican), "content", "-s", "pelicanconf.py"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "would insert customer text into pages as raw HTML" in " ".join(done.stdout.split())
    assert not (project / "output/public/index.html").exists()


def test_own_template_overrides_come_before_refcats_theme(project: Path):
    builtin = Path(__file__).resolve().parents[2] / "theme/templates/base.html"
    own = project / "templates/base.html"
    own.parent.mkdir()
    own.write_text(
        builtin.read_text("utf-8").replace("</body>", "<p id=ours>ours</p></body>"), "utf-8"
    )
    _append(project, 'THEME_TEMPLATES_OVERRIDES = ["templates"]\n')
    assert main(["build", "--audience", "public"]) == 0
    assert "<p id=ours>" in (project / "output/public/index.html").read_text("utf-8")
