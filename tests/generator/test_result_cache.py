"""`refcat check` serves a stored result only while nothing it depends on has changed."""

from __future__ import annotations

import io
from pathlib import Path

from generator.commands import check
from tests.factories import AS_OF, Project, day


def _check(project: Project, **options) -> tuple[int, str]:
    out = io.StringIO()
    code = check.run(project.content, project.settings, options.pop("as_of", AS_OF), out, **options)
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
