"""Find a referee on the demo: a bank in EMEA and an insurer in the Nordics evaluating
Data Hub; countries, languages, the policy's weights, each customer once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from refcat.checks.policy import ConfigError, FinderPolicy, policy_from
from refcat.checks.run import review_project
from refcat.generator.internal.finder import Query, rank, referee_entries
from refcat.generator.internal.views import Program
from tests.factories import AS_OF, day

PROJECT = Path(__file__).resolve().parents[2]
BANK_IN_EMEA = Query(industry="banking", region="EMEA", product="data-hub")
INSURER = Query("insurance", "EMEA", "data-hub", ("regulatory-compliance",))
WEIGHTS = FinderPolicy().weights


@cache
def demo_entries():
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    return referee_entries(Program(report))


def ids(candidates):
    return [c.entry.card.id for c in candidates]


def customers(candidates):
    return [c.entry.card.customer.url for c in candidates]


def test_kestrel_ranks_first_for_a_bank_in_emea_evaluating_data_hub():
    ranking = rank(BANK_IN_EMEA, demo_entries())
    first = ranking.ranked[0]
    assert first.entry.card.id == "kestrel-core-data-migration" and first.full
    assert [m.label for m in first.matches] == ["Banking", "EMEA", "Tessellate Data Hub"]
    # the same customer's other project is folded under it, not listed again
    assert ids(first.others)[0] == "kestrel-fraud-alerts-pilot"
    eleanor = first.entry.referees[0]
    assert eleanor.line.startswith("Eleanor Whitcombe, Chief Information Officer (English")
    assert eleanor.tel and eleanor.tel.startswith("tel:+44") and " " not in eleanor.tel


def test_insurance_peers_rank_above_banks_with_the_same_product_by_default():
    ranked = rank(INSURER, demo_entries()).ranked
    industries = [c.entry.card.industry.slug for c in ranked]
    assert industries[:3] == ["insurance"] * 3
    assert "insurance" not in industries[3:]
    assert ids(ranked).index("kestrel-core-data-migration") > 2
    assert WEIGHTS.industry > WEIGHTS.product


def test_each_customer_is_listed_once_with_its_other_references_folded():
    ranking = rank(INSURER, demo_entries())
    listed = customers(ranking.ranked) + customers(ranking.near_misses)
    assert len(listed) == len(set(listed))
    alpine = ranking.ranked[0]
    assert alpine.entry.card.id == "alpine-solvency-analytics"
    # an askable project first, then the one too old to be used, with its reason
    assert ids(alpine.others) == ["alpine-claims-integration", "alpine-policy-archive"]
    assert alpine.others[1].entry.blockers == ("Completed on 2019-05-14, 7 years ago",)


def test_a_group_of_countries_gives_its_members_the_country_points():
    ranked = rank(Query("insurance", "EMEA", "data-hub", country="Nordics"), demo_entries()).ranked
    by_id = {c.entry.card.id: c for c in ranked}
    labels = [m.label for m in by_id["aurora-smart-meter-stream"].matches]
    assert "Norway (Nordics)" in labels
    assert "other country" in [m.label for m in by_id["alpine-solvency-analytics"].matches]
    # a bank in Britain matches 5 of 12 points: no longer a candidate
    assert "kestrel-core-data-migration" not in by_id
    single = rank(Query(country="SE"), demo_entries()).ranked
    assert {c.entry.card.country for c in single} == {"SE"}


def test_the_language_filter_matches_what_the_referees_speak():
    ranking = rank(Query(region="EMEA", language="sv"), demo_entries())
    for candidate in ranking.ranked:
        labels = [m.label for m in candidate.matches]
        speaks = "sv" in candidate.entry.languages
        assert ("Swedish-speaking referee" in labels) == speaks
        assert ("no Swedish-speaking referee" in labels) == (not speaks)
    assert ranking.ranked[0].entry.card.country in {"SE", "NO"}
    assert all(c.full == ("sv" in c.entry.languages) for c in ranking.ranked if c.full)


def test_the_weights_are_the_policys():
    product_first = FinderPolicy.model_validate({"weights": {"industry": 1, "product": 10}})
    order = ids(rank(INSURER, demo_entries(), product_first).ranked)
    # a bank in EMEA with Data Hub now fits better than an insurer elsewhere with it
    assert order.index("kestrel-core-data-migration") < order.index(
        "southern-cross-cloud-data-platform"
    )
    assert "quayside-broker-data-exchange" not in order  # insurance alone: 3 of 13 points


@pytest.mark.parametrize(
    ("finder", "message"),
    [
        ({"weights": {"industri": 4}}, "finder.weights.industri"),
        ({"weights": {"industry": "4"}}, "finder.weights.industry"),
        ({"country_groups": {"SE": ["SE"]}}, "not a country code"),
        ({"country_groups": {"Nordics": ["Sweden"]}}, "ISO 3166"),
    ],
)
def test_a_bad_finder_setting_is_a_clear_configuration_error(finder, message):
    with pytest.raises(ConfigError, match=message):
        policy_from({"REFCAT": {"finder": finder}}, "pelicanconf.py", {})


def test_groups_given_in_the_settings_replace_the_default_ones():
    finder = FinderPolicy.model_validate({"country_groups": {"Alps": ["AT", "CH"]}})
    assert finder.country_groups == {"Alps": ("AT", "CH")}
    assert set(FinderPolicy().country_groups) >= {"Nordics", "DACH", "Benelux"}


def test_near_misses_say_why_they_cannot_be_asked():
    near = {c.entry.card.id: c for c in rank(BANK_IN_EMEA, demo_entries()).near_misses}
    lumen = near["lumen-loyalty-analytics"]
    assert lumen.entry.blockers == ("resting until 2026-12-02",)
    assert ids(lumen.others) == ["lumen-omnichannel-stock"]
    assert near["hanse-regulatory-reporting"].entry.blockers == ("no reference-call consent",)
    assert near["saltmarsh-asset-data-hub"].entry.blockers == ("rating review was due 2026-06-12",)
    assert near["kronberg-spare-parts-catalog"].entry.blockers == (
        "rated D (not eligible)",
        "reference-call consent withdrawn 2026-07-20",
    )
    assert next(iter(near)) == "hanse-regulatory-reporting"  # the only full match among them


def test_a_reference_matching_less_than_half_of_the_weight_is_no_candidate():
    ranking = rank(BANK_IN_EMEA, demo_entries())
    shown = {c.entry.card.id for c in ranking.ranked + ranking.near_misses}
    shown |= {o.entry.card.id for c in ranking.ranked + ranking.near_misses for o in c.others}
    # Data Hub alone (3 of 9): a retailer in APAC; banking alone (4 of 9): a bank in APAC
    assert "marigold-prescription-analytics" not in shown
    assert "larkspur-digital-onboarding" not in shown


def test_the_score_is_the_criteria_matched_plus_the_merits_and_fit_ranks_first():
    ranked = rank(BANK_IN_EMEA, demo_entries()).ranked
    for candidate in ranked:
        matched = sum(m.points for m in candidate.matches)
        assert candidate.score == matched + sum(m.points for m in candidate.entry.merits)
    order = [(-c.full, -c.fit) for c in ranked]
    assert order == sorted(order)
    assert ranked[0].fit == WEIGHTS.industry + WEIGHTS.region + WEIGHTS.product
    assert {m.label for m in ranked[0].entry.merits} >= {"Rated A", "NPS 9 (May 2026)"}


def test_strengths_add_points_and_alone_they_must_match_one():
    entries = demo_entries()
    plain = {c.entry.card.id: c.score for c in rank(BANK_IN_EMEA, entries).ranked}
    with_strength = rank(
        Query("banking", "EMEA", "data-hub", ("zero-downtime-migration",)), entries
    )
    first = with_strength.ranked[0]
    assert first.entry.card.id == "kestrel-core-data-migration"
    assert first.score == plain["kestrel-core-data-migration"] + WEIGHTS.strength
    only = rank(Query(strengths=("zero-downtime-migration",)), entries)
    assert all(
        "zero-downtime-migration" in {s.slug for s in c.entry.card.strengths}
        for c in (*only.ranked, *only.near_misses)
    )


def test_no_criteria_lists_every_customer_once():
    entries = demo_entries()
    ranking = rank(Query(), entries)
    listed = ranking.ranked + ranking.near_misses
    assert len(listed) + sum(len(c.others) for c in listed) == len(entries)
    assert len(set(customers(listed))) == len(listed)
    assert all(c.full for c in ranking.ranked)


def test_merits_reward_a_fresh_published_story_and_penalise_a_referee_about_to_rest(project):
    project.customer(
        consents=[{"scope": s, "granted": day(-400)} for s in ("name", "case-study", "quote")]
        + [{"scope": "reference-call", "granted": day(-400), "expires": day(20)}],
        forms=["passive", "active"],
        contacts=[
            {"name": "Jane Roe", "role": "CIO", "languages": ["en"], "referee": True},
            {"name": "John Doe", "phone": "+49 30 1234", "referee": False},
        ],
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
    assert entry.askable and [r.line for r in entry.referees] == ["Jane Roe, CIO (English)"]
    assert entry.referees[0].tel is None  # no phone: no link that calls nobody


def test_the_brief_says_whom_to_call_what_to_ask_and_what_to_avoid():
    entries = {e.card.id: e for e in demo_entries()}
    brief = entries["kestrel-fraud-alerts-pilot"].brief
    assert brief.splitlines()[:3] == [
        "Reference call: Kestrel Savings Bank plc (Banking · EMEA · GB · 2026)",
        "Reference: Real-time fraud alerts from card transactions",
        "Page: references/kestrel-fraud-alerts-pilot.html",
    ]
    asks, avoid = brief.split("What to ask them about:\n")[1].split("What to avoid:\n")
    assert "- Card transactions reach the fraud rules in under two seconds" in asks
    assert avoid.startswith("Only debit cards so far")
    assert "  Phone: +44 20 7946 0184" in brief
    assert entries["lumen-omnichannel-stock"].brief == ""  # resting: no call to prepare
