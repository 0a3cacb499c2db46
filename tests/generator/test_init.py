"""`refcat init`: a new project passes review and builds, and never overwrites a folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pelican.settings import get_settings_from_file

from refcat.generator.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "references"
    assert main(["init", str(folder), "--name", "Acme <references>", "--author", "Acme"]) == 0
    monkeypatch.chdir(folder)
    return folder


def test_a_new_project_passes_review_and_publishes_its_example(project: Path, capsys):
    assert main(["check", "--strict"]) == 0
    assert "1 of 1 references published" in capsys.readouterr().out
    assert main(["build", "--audience", "public"]) == 0
    page = project / "output/public/references/example-bank-cloud-data-platform.html"
    assert "A cloud data platform for Example Bank" in page.read_text(encoding="utf-8")
    index = (project / "output/public/index.html").read_text(encoding="utf-8")
    assert "Acme &lt;references&gt;" in index


def test_publishing_settings_extend_the_project_settings(project: Path, monkeypatch):
    # publishconf.py imports `pelicanconf`: this project's, not one an earlier test loaded
    monkeypatch.delitem(sys.modules, "pelicanconf", raising=False)
    published = get_settings_from_file(str(project / "publishconf.py"))
    assert published["SITENAME"] == "Acme <references>"
    assert published["SITEURL"].startswith("https://")
    assert published["RELATIVE_URLS"] is False
    assert published["PLUGINS"] == ["refcat"]


def test_the_editor_settings_point_at_the_written_schemas(project: Path):
    editor = json.loads((project / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in editor["yaml.schemas"]:
        assert json.loads((project / schema).read_text(encoding="utf-8"))["$schema"]
    assert "output/" in (project / ".gitignore").read_text(encoding="utf-8").split()
    hooks = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "id: refcat-check" in hooks
    assert "refcat check" in (project / ".github/workflows/references.yml").read_text("utf-8")


def test_a_folder_of_dotfiles_only_becomes_a_project(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "content/taxonomy.yaml").is_file()


def test_a_non_empty_folder_is_refused_and_left_as_it_was(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "not empty (notes.txt)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_existing_dotfile_is_never_overwritten(tmp_path: Path, capsys):
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert ".gitignore exists already" in capsys.readouterr().err
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"
