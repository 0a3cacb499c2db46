"""Share images: one PNG per public reference, the same bytes for the same card, drawn
once, showing only what the public view shows, and gone with a withdrawn reference."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from refcat.generator.build.sites import public_site
from refcat.generator.commands import build
from refcat.generator.public import share_cache
from refcat.generator.public.share_cache import ShareImages
from refcat.generator.public.share_images import ShareCard, render, share_card
from refcat.generator.public.views import public_catalog
from tests.factories import AS_OF, Project, day
from tests.generator import test_takedown as takedown_program
from tests.generator.program import CanaryProgram, canary_program

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30">'
    '<rect width="90" height="30" fill="#0a5"/></svg>'
)
SCOPES = ("name", "logo", "case-study", "quote")
LOGO_CONSENTS = [{"scope": s, "granted": day(-400)} for s in SCOPES]


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def card(**changes: object) -> ShareCard:
    fields = {"title": "Core banking moved over one weekend", "label": "Acme Bank"}
    fields |= {"figure": "31 % faster month-end", "logo": None, "logo_kind": None}
    return ShareCard(**(fields | changes))  # type: ignore[arg-type]


def test_a_share_image_is_a_1200x630_png_without_metadata():
    image = png(render(card()))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    assert image.info == {} and not image.getexif()


def test_the_same_card_gives_the_same_bytes_and_another_card_others():
    assert render(card()) == render(card())
    assert render(card()) != render(card(figure="40 % fewer errors"))


def test_a_long_title_still_fits_and_a_logo_is_drawn():
    long = card(title="Migration " * 40, logo=LOGO.encode(), logo_kind="svg")
    image = png(render(long))
    assert image.size == (1200, 630)
    colours = {colour for _, colour in image.getcolors(1_000_000) or []}
    assert (0, 170, 85) in colours  # the logo's green, on its plate


def test_a_logo_that_cannot_be_drawn_leaves_it_out():
    broken = card(logo=b"<svg", logo_kind="svg")
    assert render(broken) == render(card())


def reference_with_logo(project: Project, **changes: object) -> None:
    project.write("logos/acme.svg", LOGO)
    project.customer(logo="logos/acme.svg", consents=LOGO_CONSENTS)
    project.reference(**changes)  # type: ignore[arg-type]


def test_the_card_shows_the_first_figure_and_the_logo_the_consent_allows(project):
    benefits = ["Happier auditors", "31 % faster month-end", "2 teams merged"]
    reference_with_logo(project, benefits=benefits)
    catalog = public_catalog(project.review())
    shown = share_card(catalog.references[0], catalog.logo_files)
    assert (shown.title, shown.label) == ("Core banking migration", "Acme Bank")
    assert shown.figure == benefits[1]
    assert shown.logo == catalog.logo_files["logos/acme.svg"] and shown.logo_kind == "svg"


def test_without_a_figure_or_logo_consent_the_card_has_neither(project):
    no_logo = [c for c in LOGO_CONSENTS if c["scope"] != "logo"]
    project.customer(logo="logos/acme.svg", consents=no_logo)
    project.write("logos/acme.svg", LOGO)
    project.reference(benefits=["Happier auditors"])
    catalog = public_catalog(project.review())
    shown = share_card(catalog.references[0], catalog.logo_files)
    assert (shown.figure, shown.logo) == (None, None)


def test_the_cache_draws_an_image_once_and_redraws_a_damaged_one(tmp_path):
    first = ShareImages(tmp_path)
    drawn = first.image(card())
    again = ShareImages(tmp_path)
    assert again.image(card()) == drawn and again.drawn == 0
    (stored,) = tmp_path.glob("*.share")
    stored.write_bytes(stored.read_bytes()[:-10])  # cut short, as a crash would leave it
    damaged = ShareImages(tmp_path)
    assert damaged.image(card()) == drawn and damaged.drawn == 1
    assert ShareImages(tmp_path).image(card(label="Globex")) != drawn


def test_the_site_writes_an_image_per_reference_and_hands_its_texts_to_the_guard(project):
    project.reference(benefits=["31 % faster month-end"])
    site = public_site(project.review(), {"REFCAT_SITE_URL": "https://example.com/refs/"})
    page = next(p for p in site.pages if p.template == "public/reference")
    assert page.variables["image_url"] == "https://example.com/refs/share/acme-core.png"
    assert png(site.files["share/acme-core.png"]).size == (1200, 630)
    assert site.drawn_texts["share/acme-core.png"].splitlines()[1:] == [
        "Acme Bank",
        "31 % faster month-end",
    ]


def test_a_build_reuses_the_cached_images(project, monkeypatch):
    project.reference()
    output = project.root / "output"
    assert run(project, output) == 0
    images = sorted((project.root / ".refcat-cache" / "share").glob("*.share"))
    assert len(images) == 1
    monkeypatch.setattr(share_cache, "render", lambda card: pytest.fail("drawn again"))
    assert run(project, output) == 0  # the fork inherits the patch
    assert (output / "public" / "share" / "acme-core.png").is_file()


def run(project: Project, output: Path) -> int:
    return build.run(project.content, None, AS_OF, output, io.StringIO(), audience="public")


def test_internal_text_handed_to_the_renderer_fails_the_build(tmp_path, monkeypatch, capfd):
    program = canary_program(tmp_path)
    email = next(t for t, w in program.internal.fields.items() if w.endswith("contact email"))
    real = share_cache.share_card

    def leaking(reference, logo_files):
        drawn = real(reference, logo_files)
        return ShareCard(drawn.title, f"{email}@mail.example", None, None, None)

    monkeypatch.setattr(share_cache, "share_card", leaking)  # the fork inherits it
    out = io.StringIO()
    code = build_program(program, out)
    assert code == 1, out.getvalue()
    err = capfd.readouterr().err
    assert "Leak guard" in err and "share/" in err and ".png: a contact of customer" in err


def build_program(program: CanaryProgram, out: io.StringIO) -> int:
    return build.run(program.content, program.settings, AS_OF, program.root / "output", out)


def test_a_withdrawn_reference_takes_its_share_image_along(tmp_path):
    project = takedown_program.program(tmp_path)
    assert takedown_program.run_build(project)[0] == 0
    share = tmp_path / "output" / "public" / "share"
    assert (share / "kestrel-core.png").is_file()
    takedown_program.withdraw_name_consent(project)
    code, log = takedown_program.run_build(project)
    assert code == 0, log
    assert sorted(p.name for p in share.iterdir()) == ["vega-portal.png", "vega-tracking.png"]


def test_a_failed_build_still_takes_the_withdrawn_share_image_down(tmp_path, monkeypatch):
    project = takedown_program.program(tmp_path)
    assert takedown_program.run_build(project)[0] == 0
    takedown_program.withdraw_name_consent(project)
    takedown_program.add_launch(project)
    takedown_program.fail_public_build(monkeypatch, when="vega-launch")
    code, log = takedown_program.run_build(project)
    assert code == 1 and "Published a reduced public catalog: 2 references." in log
    share = tmp_path / "output" / "public" / "share"
    assert sorted(p.name for p in share.iterdir()) == ["vega-portal.png", "vega-tracking.png"]
