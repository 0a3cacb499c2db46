"""Both catalogs write each logo's published form, named by its content; never the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from refcat.generator.commands import build
from tests.factories import AS_OF, Project, baseline, customer_record, day

HOSTILE = (
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
    '<image href="https://tracker.example/p.png"/><rect width="9" height="9"/></svg>'
)
PDF = b"%PDF-1.7\n% the signed consent form of Initech\n"


def png_with_metadata() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jane Secret")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    output = io.BytesIO()
    Image.new("RGB", (30, 10), (0, 90, 0)).save(output, format="PNG", pnginfo=text, exif=exif)
    return output.getvalue()


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = baseline(Project(tmp_path_factory.mktemp("logo-files")))
    consents = [*customer_record()["consents"], {"scope": "logo", "granted": day(-400)}]
    logos = {"acme": HOSTILE, "globex": png_with_metadata(), "initech": PDF}
    for who, logo in logos.items():
        project.write(f"logos/{who}.svg", logo)  # every one named .svg
        project.customer(who, name=who.title(), logo=f"logos/{who}.svg", consents=consents)
        if who != "acme":
            project.reference(f"{who}-core", customer=who, title=f"{who.title()} goes live")
    out = io.StringIO()
    assert build.run(project.content, None, AS_OF, project.root / "output", out) == 0
    return project.root / "output"


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_an_svg_is_written_sanitized(output, audience):
    written = (output / audience / "logos/acme.svg").read_bytes()
    assert b"<rect" in written
    for hostile in (b"script", b"onload", b"alert", b"tracker.example", b"href"):
        assert hostile not in written


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_png_named_svg_is_written_as_png_without_its_metadata(output, audience):
    logos = output / audience / "logos"
    assert not (logos / "globex.svg").exists()
    image = Image.open(logos / "globex.png")
    assert image.format == "PNG" and image.info == {} and not image.getexif()
    assert image.size == (30, 10) and image.getpixel((0, 0)) == (0, 90, 0)


def test_a_file_that_is_no_image_is_published_nowhere(output):
    files = [path for path in output.rglob("*") if path.is_file()]
    assert not [path for path in files if path.read_bytes() == PDF]
    assert not [path for path in files if path.stem == "initech" and "logos" in path.parts]
    assert not (output / "public/references/initech-core.html").exists()
