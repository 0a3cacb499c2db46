"""Find a referee: the demo's banking prospect in EMEA evaluating Data Hub, and the rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checks.run import review_project
from generator.internal.finder import WEIGHTS, Query, rank, referee_entries
from generator.internal.views import Program
from tests.factories import AS_OF, day

PROJECT = Path(__file__).resolve().parents[2]
BANK_IN_EMEA = Query(industry="banking", region="EMEA", product="data-hub")


@cache
def demo_entries():
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    return referee_entries(Program(report))


def ids(candidates):
    return [c.entry.card.id for c in candidates]


def test_kestrel_ranks_first_for_a_bank_in_emea_evaluating_data_hub():
    ranking = rank(BANK_IN_EMEA, demo_entries())
    assert ids(ranking.ranked)[:2] == ["kestrel-core-data-migration", "kestrel-fraud-alerts-pilot"]
    first = ranking.ranked[0]
    assert first.full
    assert [m.label for m in first.matches] == ["Banking", "EMEA", "Tessellate Data Hub"]
    assert first.entry.referees[0].startswith("Eleanor Whitcombe, Chief Information Officer")


def test_full_matches_rank_above_partial_ones_and_every_ranked_customer_may_be_asked():
    ranked = rank(BANK_IN_EMEA, demo_entries()).ranked
    fulls = [c.full for c in ranked]
    assert fulls == sorted(fulls, reverse=True)
    assert all(c.entry.askable and not c.entry.blockers for c in ranked)
    assert all(c.entry.card.availability.state == "available" for c in ranked)
    # a bank elsewhere with Data Hub, or a Data Hub project in EMEA elsewhere, is partial
    partial = {c.entry.card.id for c in ranked if not c.full}
    assert {"meridian-customer-360", "harbourview-fund-data-hub"} <= partial


def test_near_misses_say_why_they_cannot_be_asked():
    near = {
        c.entry.card.id: c.entry.blockers for c in rank(BANK_IN_EMEA, demo_entries()).near_misses
    }
    assert near["lumen-loyalty-analytics"] == ("resting until 2026-12-02",)
    assert near["lumen-omnichannel-stock"] == ("resting until 2026-12-02",)
    assert near["hanse-regulatory-reporting"] == ("no reference-call consent",)
    assert near["saltmarsh-asset-data-hub"] == ("rating review was due 2026-06-12",)
    assert near["alpine-policy-archive"] == ("Completed on 2019-05-14, 7 years ago",)
    assert near["kronberg-spare-parts-catalog"] == (
        "rated D (not eligible)",
        "reference-call consent withdrawn 2026-07-20",
    )
    assert next(iter(near)) == "hanse-regulatory-reporting"  # the only full match among them


def test_a_reference_matching_less_than_half_of_the_weight_is_no_candidate():
    ranking = rank(BANK_IN_EMEA, demo_entries())
    shown = set(ids(ranking.ranked)) | set(ids(ranking.near_misses))
    # Data Hub alone (4 of 9): a retailer in APAC; banking alone (3 of 9): a bank in APAC
    assert "marigold-prescription-analytics" not in shown
    assert "larkspur-digital-onboarding" not in shown


def test_the_score_is_the_criteria_matched_plus_the_merits():
    for candidate in rank(BANK_IN_EMEA, demo_entries()).ranked:
        matched = sum(m.points for m in candidate.matches)
        assert candidate.score == matched + sum(m.points for m in candidate.entry.merits)
    first = rank(BANK_IN_EMEA, demo_entries()).ranked[0]
    assert sum(m.points for m in first.matches) == WEIGHTS["industry"] + WEIGHTS["region"] + 4
    assert {m.label for m in first.entry.merits} >= {"Rated A", "NPS 9 (May 2026)"}


def test_strengths_add_points_and_alone_they_must_match_one():
    entries = demo_entries()
    plain = {c.entry.card.id: c.score for c in rank(BANK_IN_EMEA, entries).ranked}
    with_strength = rank(
        Query("banking", "EMEA", "data-hub", ("zero-downtime-migration",)), entries
    )
    first = with_strength.ranked[0]
    assert first.entry.card.id == "kestrel-core-data-migration"
    assert first.score == plain["kestrel-core-data-migration"] + WEIGHTS["strength"]
    only = rank(Query(strengths=("zero-downtime-migration",)), entries)
    assert all(
        "zero-downtime-migration" in {s.slug for s in c.entry.card.strengths}
        for c in (*only.ranked, *only.near_misses)
    )


def test_no_criteria_ranks_every_referee_that_may_be_asked():
    entries = demo_entries()
    ranking = rank(Query(), entries)
    assert len(ranking.ranked) + len(ranking.near_misses) == len(entries)
    assert all(c.full for c in ranking.ranked)


def test_merits_reward_a_fresh_published_story_and_penalise_a_referee_about_to_rest(project):
    project.customer(
        consents=[{"scope": s, "granted": day(-400)} for s in ("name", "case-study", "quote")]
        + [{"scope": "reference-call", "granted": day(-400), "expires": day(20)}],
        forms=["passive", "active"],
        contacts=[{"name": "Jane Roe", "role": "CIO", "languages": ["en"], "referee": True}],
        requests=[
            {"date": day(-d), "kind": "reference-call", "outcome": "won"} for d in (5, 9, 12)
        ],
        nps=[{"date": day(-300), "score": 10}, {"date": day(-10), "score": 5}],
    )
    (entry,) = referee_entries(Program(project.review()))
    merits = {m.label: m.points for m in entry.merits}
    assert merits == {
        "Rated A": 2,
        f"NPS 5 ({day(-10):%b %Y})": -2,
        "Helped win 3 deals": 1,
        f"Completed {day(-365):%b %Y}": 1,
        "Published case study": 1,
        "Asked 3 times lately: one more ask and it rests": -1,
        f"Reference-call consent ends {day(20)}": -1,
    }
    assert entry.askable and entry.referees == ("Jane Roe, CIO (en)",)
