"""A story image in the built catalog: the leak guard reads it and its alt text like
every other public output (an alt text repeating an internal note is shown on purpose,
a contact's address drawn into an image is a leak), and a failed build still takes it
down when its consent goes."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from refcat.generator.commands import build
from tests.factories import AS_OF, Project, baseline, customer_record, day
from tests.generator.test_takedown import fail_public_build

ALT = "Night shift engineers at the Rotterdam cut-over"
CONTACT = "zq-night-desk@acme.example"


def built(tmp_path: Path, svg_title: str, caveats: str) -> tuple[int, str, Path]:
    project = baseline(Project(tmp_path))
    project.customer(contacts=[{"name": "Robin Nightdesk", "email": CONTACT}])
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><title>{svg_title}</title><rect/></svg>'
    project.write("images/cut-over.svg", svg)
    project.reference(caveats=caveats, image={"path": "images/cut-over.svg", "alt": ALT})
    out = io.StringIO()
    output = tmp_path / "output"
    code = build.run(project.content, None, AS_OF, output, out, audience="public")
    return code, out.getvalue(), output / "public"


def test_an_alt_text_that_an_internal_note_repeats_is_no_leak(tmp_path):
    code, log, public = built(tmp_path, "Cut-over", caveats=f"{ALT} ran two hours late.")
    assert code == 0, log
    assert (public / "images" / "acme-core.svg").is_file()
    pages = [p.read_text(encoding="utf-8") for p in public.rglob("*.html")]
    assert any(f'alt="{ALT}"' in page for page in pages)


def test_a_contact_written_into_the_image_fails_the_build(tmp_path, capfd):
    code, log, public = built(tmp_path, f"Call {CONTACT}", caveats="")
    assert code == 1 and "Leak guard" in log
    assert "images/acme-core.svg: a contact of customer acme" in capfd.readouterr().err
    assert not any(CONTACT in p.read_text(errors="replace") for p in public.rglob("*.svg"))


def test_a_failed_build_still_takes_down_an_image_whose_consent_was_withdrawn(
    tmp_path, monkeypatch
):
    project = baseline(Project(tmp_path))
    project.write("images/cut-over.png", png())
    image = {"path": "images/cut-over.png", "alt": ALT}
    project.reference(body="", image=image)  # no story: the page needs no case-study consent
    output = tmp_path / "output"
    assert build.run(project.content, None, AS_OF, output, io.StringIO(), audience="public") == 0
    assert (output / "public" / "images" / "acme-core.png").is_file()

    withdrawn = [
        {**c, "withdrawn": day(-1)} if c["scope"] == "case-study" else c
        for c in customer_record()["consents"]
    ]
    project.customer(consents=withdrawn)
    project.reference("acme-launch", title="Launch", summary="A launch.", body="")  # new
    fail_public_build(monkeypatch, when="acme-launch")
    log = io.StringIO()

    assert build.run(project.content, None, AS_OF, output, log, audience="public") == 1
    assert "Published a reduced public catalog: 1 reference." in log.getvalue()
    assert (output / "public" / "references").is_dir()
    assert not (output / "public" / "images").exists()
    pages = [p.read_text(encoding="utf-8") for p in (output / "public").rglob("*.html")]
    assert pages and all(ALT not in page for page in pages)


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (16, 9), (20, 60, 120)).save(output, format="PNG")
    return output.getvalue()
