"""The leak guard reads the story image and its alt text like every other public output:
an alt text repeating an internal note is shown on purpose, a contact's address drawn
into an image is a leak."""

from __future__ import annotations

import io
from pathlib import Path

from refcat.generator.commands import build
from tests.factories import AS_OF, Project, baseline

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
