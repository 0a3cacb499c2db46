"""Long lists split into pages: the catalog, customers, findings; topic pages stay short."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from refcat.checks.rules import RULES
from refcat.checks.run import review_project
from refcat.generator.internal import findings as internal_findings
from refcat.generator.internal import topics as internal_topics
from refcat.generator.internal.findings import findings_pages
from refcat.generator.internal.pagination import paginate
from refcat.generator.internal.topics import topics
from refcat.generator.internal.views import Program
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]


@cache
def program() -> Program:
    return Program(
        review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    )


def test_paginate_splits_a_list_and_names_its_pages():
    pages = paginate(list(range(105)), 50, "index.html", "page/{n}.html")
    assert [(p.path, p.first, p.last, len(chunk)) for p, chunk in pages] == [
        ("index.html", 1, 50, 50),
        ("page/2.html", 51, 100, 50),
        ("page/3.html", 101, 105, 5),
    ]
    ((only, chunk),) = paginate([], 50, "index.html", "page/{n}.html")
    assert (only.count, only.path, list(chunk)) == (1, "index.html", [])


def test_a_pager_offers_the_ends_and_two_pages_either_side():
    pagination = paginate(list(range(1000)), 50, "a.html", "a/{n}.html")[9][0]
    assert pagination.nearby() == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_findings_are_grouped_by_rule_in_spec_order_and_split_into_pages(monkeypatch):
    monkeypatch.setattr(internal_findings, "FINDINGS_PER_PAGE", 5)
    pages = findings_pages(program())
    report = program().report
    assert len(pages) == -(-len(report.findings) // 5)
    rows = [row for page in pages for group in page.groups for row in group.rows]
    key = lambda f: f.sort_key  # noqa: E731
    assert sorted((r.finding for r in rows), key=key) == sorted(report.findings, key=key)
    order = [rule.NAME for rule in RULES]
    seen = [row.rule for row in rows]
    assert seen == sorted(seen, key=order.index)
    toc = pages[0].rules
    assert [e.rule for e in toc] == list(dict.fromkeys(seen))
    assert sum(e.total for e in toc) == len(report.findings)
    for entry in toc:  # each rule's link points to the page where it starts, with an anchor
        path, anchor = entry.url.split("#")
        page = next(p for p in pages if p.pagination.path == path)
        first = next(g for g in page.groups if g.rule == entry.rule)
        assert anchor == f"rule-{entry.rule}" and not first.continued
    continued = [g for p in pages for g in p.groups if g.continued]
    assert continued, "with five a page, some rule runs on to the next page"


def test_findings_link_to_the_record_they_are_about():
    rows = [r for p in findings_pages(program()) for g in p.groups for r in g.rows]
    by_rule = {r.rule: r for r in rows}
    assert by_rule["referee-overused"].record.url == "customers/lumen-retail-group.html"
    assert by_rule["no-arguments"].record.url == "references/southern-cross-pricing-pilot.html"
    assert [link.url for link in by_rule["referee-overused"].references] == [
        "references/lumen-loyalty-analytics.html",
        "references/lumen-omnichannel-stock.html",
    ]


def test_topic_pages_list_every_customer_and_the_usable_latest_references(monkeypatch):
    monkeypatch.setattr(internal_topics, "TOPIC_CARDS", 3)
    (hub,) = [t for t in topics(program(), "product") if t.term.slug == "data-hub"]
    assert len(hub.shown) == 3 < len(hub.references)
    order = {"published": 0, "internal": 1, "not-usable": 2}
    assert [c.id for c in hub.shown] == [
        c.id
        for c in sorted(hub.references, key=lambda c: (order[c.status], -c.completed.toordinal()))
    ][:3]
    customers = {program().catalog.references[c.id].reference.customer for c in hub.references}
    assert {c.customer.url for c in hub.customers} == {f"customers/{c}.html" for c in customers}
    assert hub.catalog_query == "product=data-hub"
    (release,) = [t for t in topics(program(), "technology") if t.term.slug == "centos@7"]
    assert release.lifecycle.state == "ended" and release.url == "technologies/centos/7.html"
    assert release.catalog_query == "technology=centos%407"
