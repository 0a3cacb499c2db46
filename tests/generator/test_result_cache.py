"""`refcat check` serves a stored result only while nothing it depends on has changed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from refcat.generator.commands import check
from refcat.generator.result_cache import KEEP
from tests.factories import AS_OF, Project, day


def _check(project: Project, **options) -> tuple[int, str]:
    out = io.StringIO()
    code = check.run(
        project.content,
        project.settings,
        options.pop("as_of", AS_OF),
        out,
        check.Options(**options),
    )
    return code, out.getvalue()


def _stored(project: Project) -> list[Path]:
    folder = project.content.parent / ".refcat-cache" / "results"
    return [p for p in folder.iterdir() if not p.name.startswith(".")] if folder.is_dir() else []


def test_an_unchanged_program_is_answered_from_the_stored_result(project: Project):
    first = _check(project, fmt="json")
    assert len(_stored(project)) == 1
    assert _check(project, fmt="json") == first
    assert len(_stored(project)) == 1


def test_a_changed_record_is_reviewed_again(project: Project):
    assert _check(project)[0] == 0
    project.customer(rating={"grade": "D", "reviewed": day(-30)})
    code, output = _check(project)
    assert code == 1
    assert "rating-unusable" in output


def test_another_day_or_format_is_reviewed_again(project: Project):
    project.customer(rating={"grade": "A", "reviewed": day(-300)})
    assert _check(project)[0] == 0
    code, output = _check(project, as_of=day(100))
    assert code == 1 and "rating-review-overdue" in output
    assert _check(project, fmt="sarif")[1].lstrip().startswith("{")


def test_strict_applies_to_a_stored_result(project: Project):
    project.reference(benefits=["Ran for a year without incident"], review_by=day(20))
    project.customer(consents=[
        {"scope": "name", "granted": day(-400), "expires": day(10)},
        {"scope": "case-study", "granted": day(-400)},
        {"scope": "quote", "granted": day(-400)},
    ])  # fmt: skip
    assert _check(project)[0] == 0
    assert _check(project, strict=True)[0] == 1


def test_without_cache_nothing_is_stored(project: Project):
    _check(project, cache=False)
    assert _stored(project) == []


def test_a_deleted_logo_is_noticed(project: Project):
    logo = project.logo()
    project.customer(logo="logos/acme.svg")
    assert _check(project)[0] == 0
    logo.unlink()
    code, output = _check(project)
    assert code == 1 and "missing-file" in output


# -- a stored result is served only when it is intact and everything it depends on is the same


def _result_file(project: Project) -> Path:
    (stored,) = _stored(project)
    return stored


def test_another_content_folder_is_reviewed_again(project: Project):
    """Same bytes, another folder: the findings name the folder that was checked."""
    project.customer(rating={"grade": "D", "reviewed": day(-30)})
    other = project.root / "content-b"
    shutil.copytree(project.content, other)
    assert "content/customers/acme.yaml" in _check(project, fmt="json")[1]
    out = io.StringIO()
    assert check.run(other, None, AS_OF, out, check.Options(fmt="json")) == 1
    assert "content-b/customers/acme.yaml" in out.getvalue()
    assert "content/customers" not in out.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        lambda stored: stored[: len(stored) // 2],
        lambda stored: stored.replace(b"\n10 ", b"\n00 ", 1),
        lambda stored: stored + b"\n",
        lambda stored: b"00\n",
    ],
    ids=["truncated", "flags", "extended", "older-format-no-finding"],
)
def test_a_damaged_result_is_not_served(project: Project, damage):
    project.customer(rating={"grade": "D", "reviewed": day(-30)})
    expected = _check(project, fmt="json", cache=False)
    assert expected[0] == 1
    _check(project, fmt="json")
    result = _result_file(project)
    damaged = damage(result.read_bytes())
    assert damaged != result.read_bytes()
    result.write_bytes(damaged)
    assert _check(project, fmt="json") == expected
    assert _check(project, fmt="json") == expected  # served from the repaired result


def test_a_logo_link_leading_out_of_content_is_noticed(project: Project, tmp_path: Path):
    outside = tmp_path / "elsewhere.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    inside = project.logo("logos/real.svg")
    link = project.content / "logos" / "acme.svg"
    link.symlink_to(inside)
    project.customer(logo="logos/acme.svg")
    assert _check(project)[0] == 0
    link.unlink()
    link.symlink_to(outside)
    code, output = _check(project)
    assert code == 1 and "missing-file" in output


def test_a_policy_value_from_a_module_pelicanconf_imports_is_noticed(project: Project, refcat):
    """The settings file is unchanged; the policy it evaluates to is not."""
    project.customer(rating={"grade": "A", "reviewed": day(-300)})
    (project.root / "pelicanconf.py").write_text(
        "import sys, os\n"
        "sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
        "from review_periods import DAYS\n"
        "REFCAT = {'rating_review_days': DAYS}\n"
    )
    periods = project.root / "review_periods.py"
    periods.write_text("DAYS = 365\n")
    args = ("check", "--content", "content", "--as-of", AS_OF.isoformat())
    assert refcat(*args, cwd=project.root).returncode == 0
    periods.write_text("DAYS = 200\n")
    result = refcat(*args, cwd=project.root)
    assert result.returncode == 1 and "rating-review-overdue" in result.stdout


def test_a_failed_write_leaves_no_temporary_file(project: Project, monkeypatch):
    def full_disk(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    assert _check(project, fmt="json") == _check(project, fmt="json", cache=False)
    cache = project.root / ".refcat-cache"
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_only_the_newest_results_are_kept(project: Project):
    for offset in range(KEEP + 3):
        _check(project, as_of=day(offset))
    assert len(_stored(project)) == KEEP


def test_the_filesystem_root_as_content_writes_no_cache():
    written = Path("/.refcat-cache")
    if written.exists():
        pytest.skip("a cache at the filesystem root exists already")
    assert check.run(Path("/"), None, AS_OF, io.StringIO()) == 0
    assert not written.exists()
