"""The worklist page: the demo's known items as of 2026-11-25 in their bucket and owner
group with the exact command, the edit link only with `edit_url`, and the dashboard's
tiles and the findings' records leading to pages that exist."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from refcat.checks.policy import ConfigError, policy_from
from refcat.checks.rules import RULES
from refcat.checks.worklist import worklist
from refcat.generator.internal.views import Program
from refcat.generator.internal.worklist import (
    HORIZON,
    NO_OWNER,
    WorkItem,
    Worklist,
    consents_worklist,
    full_worklist,
)
from tests.demo import build_demo, demo_report
from tests.factories import AS_OF, Project

PROJECT = Path(__file__).resolve().parents[2]
EDIT = "https://git.example.com/refs/-/edit/main/{path}"


@cache
def demo_program(edit_url: str | None = None) -> Program:
    report = demo_report()
    policy = report.policy.model_copy(update={"edit_url": edit_url})
    return Program(replace(report, policy=policy))


def placed(view: Worklist) -> dict[tuple[str, str], tuple[str, str, WorkItem]]:
    """(kind, record page) -> (bucket, owner, item)."""
    return {
        (item.kind, item.record.url): (bucket.key, group.owner, item)
        for bucket in view.buckets
        for group in bucket.groups
        for item in group.items
    }


def test_the_demo_items_in_their_bucket_and_owner_group_with_the_exact_command():
    found = placed(full_worklist(demo_program()))
    bucket, owner, rating = found[("rating-review", "customers/saltmarsh-water-authority.html")]
    assert (bucket, owner, rating.due) == ("overdue", "Daniel Okafor", date(2026, 6, 12))
    assert rating.how.commands == ('refcat rate saltmarsh-water-authority A --by "YOUR NAME"',)
    key = ("evaluation-missing", "references/pacifica-5g-usage-analytics.html")
    bucket, owner, evaluation = found[key]
    assert (bucket, owner, evaluation.customer.url) == (
        "overdue",
        "Amelia Chen",
        "customers/pacifica-telecom.html",
    )
    assert evaluation.how.commands == (
        'refcat evaluate pacifica-5g-usage-analytics --verdict reference --by "YOUR NAME"',
    )
    bucket, owner, quote = found[("consent-expiring", "customers/helios-solar-farms.html")]
    assert (bucket, owner, quote.days) == ("due-60", "Lucia Moretti", 51)
    assert quote.how.commands == (
        'refcat consent renew helios-solar-farms quote --until YYYY-MM-DD --by "YOUR NAME"',
    )
    bucket, _, cobalt = found[("rating-review", "customers/cobalt-mobile.html")]
    assert (bucket, cobalt.due) == ("due-90", date(2027, 2, 10))


def test_what_no_command_does_says_what_to_edit():
    found = placed(full_worklist(demo_program()))
    _, _, withdrawn = found[("consent-expired", "customers/quayside-mutual.html")]
    assert withdrawn.how.commands == ()
    assert "quayside-broker-data-exchange" in withdrawn.how.note
    _, _, eol = found[("technology-eol", "references/ferrovia-mes-bridge.html")]
    assert eol.how.commands == () and "centos@7" in eol.how.note
    bucket, _, resting = found[("referee-resting", "customers/lumen-retail-group.html")]
    assert bucket == "due-30"
    for line in resting.how.commands:
        assert line.startswith("refcat request close lumen-retail-group --prospect ")
        assert line.endswith("--outcome OUTCOME")


def test_every_item_of_refcat_review_is_listed_once_in_date_order():
    program = demo_program()
    items = worklist(program.catalog, program.report.policy, AS_OF, HORIZON)
    view = full_worklist(program)
    listed = [i for b in view.buckets for g in b.groups for i in g.items]
    assert view.count == len(listed) == len(items) == 10
    assert len({i.id for i in listed}) == len(listed)
    assert [b.count for b in view.buckets] == [7, 1, 1, 1]
    for bucket in view.buckets:
        owners = [g.owner for g in bucket.groups]
        assert owners == sorted(owners, key=str.lower)


def test_the_consents_list_holds_only_consents():
    view = consents_worklist(demo_program())
    kinds = {i.kind for b in view.buckets for g in b.groups for i in g.items}
    assert kinds == {"consent-expiring", "consent-expired"}


def test_the_edit_link_appears_only_with_the_policys_edit_url():
    plain = placed(full_worklist(demo_program()))
    assert all(item.edit_url is None for _, _, item in plain.values())
    edit = placed(full_worklist(demo_program(EDIT)))
    _, _, rating = edit[("rating-review", "customers/saltmarsh-water-authority.html")]
    assert rating.edit_url == (
        "https://git.example.com/refs/-/edit/main/content/customers/saltmarsh-water-authority.yaml"
    )


def test_a_customer_without_owner_comes_last(project: Project):
    project.customer("zeta", name="Zeta", owner="Anna Zed")
    project.reference("zeta-core", customer="zeta", publish="internal")
    report = project.review(date(2030, 1, 1))
    owners = [g.owner for b in full_worklist(Program(report)).buckets for g in b.groups]
    assert owners and owners[-1] == NO_OWNER and "Anna Zed" in owners


@pytest.mark.parametrize(
    "value, problem",
    [
        ("https://git.example.com/edit/main/", "must contain {path}"),
        ("git@example.com:{path}", "http(s) URL"),
        (7, "valid string"),
    ],
)
def test_a_bad_edit_url_is_a_configuration_problem(value, problem):
    kinds = {rule.NAME: rule.KIND for rule in RULES}
    with pytest.raises(ConfigError, match=re.escape(problem)):
        policy_from({"REFCAT": {"edit_url": value}}, "pelicanconf.py", kinds)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = f"\nREFCAT = {{**REFCAT, 'edit_url': {EDIT!r}}}\n"
    return build_demo(tmp_path_factory.mktemp("worklist"), settings) / "internal"


def _hrefs(html: str, within: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', within if within else html)


def _resolves(page: Path, href: str) -> bool:
    path, _, anchor = href.partition("#")
    target = (page.parent / path.split("?")[0]).resolve() if path else page
    if not target.is_file():
        return False
    return not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8")


def test_every_dashboard_tile_links_to_a_page_or_section_that_exists(built: Path):
    page = built / "dashboard.html"
    tiles = re.findall(r'<li class="tile[^"]*">(.*?)</li>', page.read_text(encoding="utf-8"))
    assert len(tiles) >= 10
    for tile in tiles:
        hrefs = _hrefs("", tile)
        assert len(hrefs) == 1, tile
        assert _resolves(page, hrefs[0]), hrefs[0]


def test_the_worklist_page_links_records_and_edit_pages(built: Path):
    page = built / "worklist.html"
    html = page.read_text(encoding="utf-8")
    assert "refcat rate saltmarsh-water-authority A --by &#34;YOUR NAME&#34;" in html
    edit = EDIT.replace("{path}", "content/customers/saltmarsh-water-authority.yaml")
    assert f'href="{edit}"' in html
    for href in _hrefs(html, ""):
        if not href.startswith("https://"):
            assert _resolves(page, href), href


def test_every_finding_about_a_record_links_to_the_records_page(built: Path):
    page = built / "findings.html"
    rows = re.findall(r"<tr>(.*?)</tr>", page.read_text(encoding="utf-8"), re.S)
    about_records = [r for r in rows if "content/customers/" in r or "content/references/" in r]
    assert about_records
    for row in about_records:
        first_cell = row.split("</td>")[1]
        links = _hrefs("", first_cell)
        assert links and all(_resolves(page, href) for href in links), row
