"""What a logo file is, by its content, and the clean form of it that is published."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from refcat.checks.logos import MAX_BYTES, LogoError, read_logo

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"{}>{}</svg>'
)
CLEAN = SVG.format(
    ' viewBox="0 0 10 10"',
    '<title>Acme</title><linearGradient id="g"/><rect width="9" height="9" fill="url(#g)"/>'
    '<animate attributeName="opacity" values="0;1"/>'
    '<image href="data:image/png;base64,iVBORw0KGgo="/>',
)
HOSTILE = {  # what the file holds -> (what the finding names, what must not be published)
    "<script>document.title='pwned'</script>": ("a <script> element", "pwned"),
    '<rect onclick="alert(7)"/>': ("an onclick handler", "alert"),
    '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>': (
        "a <foreignObject> element",
        "iframe",
    ),
    '<a href=" JaVa&#x09;script:alert(1)"><rect/></a>': ("a javascript: link", "script"),
    '<image href="https://tracker.example/p.png"/>': (
        "an external reference (https://tracker.example/p.png)",
        "p.png",
    ),
    '<use xlink:href="//tracker.example/sprite.svg#a"/>': ("an external reference", "sprite"),
    '<rect style="fill:url(https://tracker.example/f)"/>': ("an external reference", "url(/"),
    '<style>@import "https://tracker.example/a.css"; rect{fill:url(/b)}</style>': (
        "an external reference (https://tracker.example/a.css)",
        "/b",
    ),
    '<set attributeName="href" to="javascript:alert(1)"/>': ("a <set> that changes href", "alert"),
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><rect/></a>': (
        "a data:text/html URL",
        "text/html",
    ),
}


def logo_at(tmp_path: Path, content: bytes | str, name: str = "logos/acme.svg"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return read_logo(path, name)


def refused(tmp_path: Path, content: bytes | str, name: str = "logos/acme.svg") -> str:
    with pytest.raises(LogoError) as error:
        logo_at(tmp_path, content, name)
    return str(error.value)


def raster(fmt: str, **options: object) -> bytes:
    image = Image.new("RGB", (40, 20), (200, 10, 10))
    image.putpixel((0, 0), (0, 0, 255))
    output = io.BytesIO()
    image.save(output, format=fmt, **options)
    return output.getvalue()


def exif() -> Image.Exif:
    tags = Image.Exif()
    tags[0x010F] = "SpyCam"  # camera make
    tags[0x0112] = 6  # orientation: rotated
    return tags


def test_a_clean_svg_is_published_as_it_draws(tmp_path):
    logo = logo_at(tmp_path, CLEAN)
    assert (logo.kind, logo.suffix, logo.unsafe) == ("svg", ".svg", ())
    for kept in (b"<title>Acme</title>", b"url(#g)", b'attributeName="opacity"', b"data:image"):
        assert kept in logo.published


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_every_hostile_part_is_named_and_none_is_published(tmp_path, hostile):
    named, marker = HOSTILE[hostile]
    logo = logo_at(tmp_path, SVG.format("", f"<title>Acme</title>{hostile}"))
    assert any(part.startswith(named) for part in logo.unsafe), logo.unsafe
    assert marker.encode() not in logo.published
    assert b"tracker.example" not in logo.published and b"<title>Acme</title>" in logo.published


def test_a_handler_on_the_root_and_an_xml_stylesheet_are_named(tmp_path):
    text = '<?xml-stylesheet href="https://t.example/s.css"?>' + SVG.format(' onload="x()"', "")
    logo = logo_at(tmp_path, text)
    assert logo.unsafe == ("an external reference (https://t.example/s.css)", "an onload handler")
    assert b"onload" not in logo.published and b"t.example" not in logo.published


def test_the_kind_follows_the_content_not_the_name(tmp_path):
    assert logo_at(tmp_path, raster("PNG"), "logos/acme.svg").suffix == ".png"
    assert logo_at(tmp_path, CLEAN, "logos/acme.png").suffix == ".svg"
    assert logo_at(tmp_path, raster("JPEG"), "logos/acme.png").suffix == ".jpg"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>", "is a PDF document"),
        (raster("GIF"), "GIF image"),
        ("<html><body>Acme</body></html>", "not an SVG image"),
        ("<svg><rect/></svg>", 'without xmlns="http://www.w3.org/2000/svg"'),
        ("id: acme\nname: Acme Bank\n", "is not an image"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "is a damaged PNG image"),
        ("", "is empty"),
        (CLEAN.replace("</svg>", ""), "is not well-formed XML"),
    ],
    ids=["pdf", "gif", "html", "no-namespace", "yaml", "damaged-png", "empty", "broken-xml"],
)
def test_what_is_not_an_image_is_refused_with_what_it_is(tmp_path, content, says):
    assert says in refused(tmp_path, content)


def test_entity_declarations_are_refused_before_anything_expands_them(tmp_path):
    laughs = '<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    assert "DTD internal subset" in refused(tmp_path, laughs + SVG.format("", "<text>&b;</text>"))
    doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/svg11.dtd">'
    assert logo_at(tmp_path, doctype + CLEAN).unsafe == ()  # an old export's plain DOCTYPE


@pytest.mark.parametrize(
    "name",
    ["customers/acme.yaml", "references/2024/x.md", "lifecycle/java.md", "taxonomy.yaml", "a.yml"],
)
def test_a_record_file_is_never_a_logo_even_when_it_holds_an_svg(tmp_path, name):
    assert refused(tmp_path, CLEAN, name) == "is a record file, not an image"


def test_a_file_over_the_size_limit_or_with_too_many_pixels_is_refused(tmp_path):
    assert "larger than 5 MiB" in refused(tmp_path, CLEAN + " " * MAX_BYTES)
    huge = io.BytesIO()
    Image.new("1", (6000, 5000)).save(huge, format="PNG")
    assert "6000 x 5000 pixels" in refused(tmp_path, huge.getvalue())


def test_a_png_is_published_without_text_chunks_and_exif(tmp_path):
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jane Secret")
    text.add_itxt("XML:com.adobe.xmp", "<x>GPS 52.5</x>")
    logo = logo_at(tmp_path, raster("PNG", pnginfo=text, exif=exif()), "logos/acme.png")
    published = Image.open(io.BytesIO(logo.published))
    assert published.format == "PNG" and published.info == {} and not published.getexif()
    assert b"Secret" not in logo.published and b"SpyCam" not in logo.published
    assert published.size == (20, 40)  # turned as its EXIF orientation said, before it went


def test_a_jpeg_is_published_without_exif_and_comment_and_keeps_its_colour_profile(tmp_path):
    profile = b"\0\0\0\x10fake-icc-profile"
    original = raster("JPEG", exif=exif(), comment=b"shot at home", icc_profile=profile)
    logo = logo_at(tmp_path, original, "logos/acme.jpg")
    published = Image.open(io.BytesIO(logo.published))
    assert published.format == "JPEG" and not published.getexif()
    assert "comment" not in published.info and b"shot at home" not in logo.published
    assert published.info.get("icc_profile") == profile


def test_a_webp_is_published_without_exif_and_xmp_and_lossless_stays_lossless(tmp_path):
    original = raster("WEBP", exif=exif(), xmp=b"<x>GPS 52.5</x>", lossless=True)
    logo = logo_at(tmp_path, original, "logos/acme.webp")
    published = Image.open(io.BytesIO(logo.published))
    assert published.format == "WEBP" and not published.getexif()
    assert b"GPS" not in logo.published and b"SpyCam" not in logo.published
    assert published.convert("RGB").getpixel((19, 0)) == (0, 0, 255)  # exact, turned


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_the_same_image_always_gives_the_same_published_bytes(tmp_path, fmt):
    original = raster(fmt, exif=exif())
    first = logo_at(tmp_path, original, "logos/a.img").published
    assert logo_at(tmp_path, original, "logos/b.img").published == first
