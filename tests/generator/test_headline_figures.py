"""Which benefits are headline figures, and how the page, its list and the share image
use them."""

from __future__ import annotations

import pytest

from refcat.generator.public.figures import first_figure, headline_figures, split_figure
from refcat.generator.public.share_images import share_card
from refcat.generator.public.views import public_catalog
from tests.factories import Project, baseline


@pytest.mark.parametrize(
    ("benefit", "number", "label"),
    [
        ("31 % faster month-end", "31 %", "faster month-end"),
        ("2 data centres closed", "2", "data centres closed"),
        ("€1.2 M saved", "€1.2 M", "saved"),
        ("3x faster", "3x", "faster"),
        ("99.95 % uptime", "99.95 %", "uptime"),
        ("$2.4M saved a year", "$2.4M", "saved a year"),
        ("-40 % errors", "-40 %", "errors"),
        ("\u221218 % overtime", "\u221218 %", "overtime"),
        ("10,000 users onboarded", "10,000", "users onboarded"),
        ("2 million readings a day", "2 million", "readings a day"),
        ("1.2 M€ saved", "1.2 M€", "saved"),
        ("  46 e-services behind one login ", "46", "e-services behind one login"),
        ("50 %", "50 %", ""),
    ],
)
def test_a_benefit_that_starts_with_a_number_is_a_figure(benefit, number, label):
    figure = split_figure(benefit)
    assert figure is not None
    assert (figure.number, figure.label, figure.text) == (number, label, benefit.strip())


@pytest.mark.parametrize(
    "benefit",
    [
        "Faster month-end",
        "ISO 27001 certified",  # a number, but not a result that leads
        "Month-end processing 3 times faster",
        "Two data centres closed",  # a figure in words is a sentence, not a headline
        "24/7 support",
        "",
    ],
)
def test_a_benefit_that_does_not_start_with_a_number_is_not(benefit):
    assert split_figure(benefit) is None


def test_a_unit_is_only_a_whole_word():
    figure = split_figure("2 Mbit links to every branch")
    assert figure is not None and (figure.number, figure.label) == (
        "2",
        "Mbit links to every branch",
    )


def test_at_most_three_headline_figures_in_the_order_written():
    benefits = ["Paperless", "1 portal", "2 tools retired", "Faster", "3x faster", "4 % less"]
    assert [f.number for f in headline_figures(benefits)] == ["1", "2", "3x"]
    assert first_figure(benefits) == "1 portal"
    assert first_figure(["Paperless"]) is None


def test_the_page_shows_figures_large_and_the_other_benefits_as_a_list(tmp_path):
    project = baseline(Project(tmp_path))
    benefits = ["Faster month-end", "31 % lower costs", "2 data centres closed"]
    project.reference(benefits=benefits)
    (page,) = public_catalog(project.review()).references
    assert [(f.number, f.label) for f in page.headline_figures] == [
        ("31 %", "lower costs"),
        ("2", "data centres closed"),
    ]
    assert page.other_benefits == ("Faster month-end",)
    assert page.benefits == tuple(benefits)  # feeds and search keep every benefit as written
    assert share_card(page, {}).figure == "31 % lower costs"  # the same figure, as written
