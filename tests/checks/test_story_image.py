"""A story image (`image: {path, alt}`): read by the logos' rules, published clean, and
only where the case-study consent holds on a named reference."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from refcat.generator.build.takedown import manifest_of, takedown
from refcat.generator.public.views import public_catalog
from tests.factories import Project, baseline, customer_record, day, findings, line_of, only

ALT = "Engineers in front of the new data centre"
HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
    '<rect width="9" height="9"/></svg>'
)


def with_image(
    tmp_path: Path, content: bytes | str, name: str = "images/plant.png", **reference
) -> Project:
    project = baseline(Project(tmp_path))
    project.write(name, content)
    project.reference(image={"path": name, "alt": ALT}, **reference)
    return project


def photo(fmt: str) -> bytes:
    """A photo as a camera writes it: EXIF with the camera's make and where it was."""
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # make
    exif[0x013B] = "Jane Photographer"  # artist
    output = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(output, format=fmt, exif=exif)
    return output.getvalue()


def shown(project: Project) -> tuple[str | None, str | None, dict[str, bytes]]:
    catalog = public_catalog(project.review())
    (page,) = catalog.references
    return page.image_url, page.image_alt, catalog.image_files


def test_a_png_is_published_under_the_page_id_with_its_alt_text(tmp_path):
    project = with_image(tmp_path, photo("PNG"))
    assert project.review().findings == ()
    assert shown(project)[:2] == ("images/acme-core.png", ALT)


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_metadata_is_stripped_and_the_pixels_kept(tmp_path, fmt, suffix):
    project = with_image(tmp_path, photo(fmt), name=f"images/plant{suffix}")
    url, _, files = shown(project)
    published = files[url]
    assert b"SpyCam" not in published and b"Jane Photographer" not in published
    image = Image.open(io.BytesIO(published))
    assert image.format == fmt and not image.getexif() and image.size == (40, 20)


def test_an_svg_with_script_is_a_warning_naming_image_and_published_sanitized(tmp_path):
    project = with_image(tmp_path, HOSTILE_SVG, name="images/plant.svg")
    report = project.review()
    finding = only(report, "unsafe-logo")
    path = project.content / "references/acme-core.md"
    assert (finding.severity, finding.line) == ("warning", line_of(path, "image:"))
    assert "image:" in finding.message and "<script>" in finding.message
    assert report.published == {"acme-core"}
    url, _, files = shown(project)
    assert b"<rect" in files[url]
    for hostile in (b"script", b"onload", b"alert"):
        assert hostile not in files[url]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("images/plant.png", b"%PDF-1.7 the signed release form", "a PDF document"),
        ("customers/notes.txt", "A photo of the plant", "is a record file"),
        ("images/plant.png", b"just some text", "is not an image"),
    ],
)
def test_a_file_that_is_no_image_is_invalid_record_at_image(tmp_path, name, content, said):
    project = with_image(tmp_path, content, name=name)
    report = project.review()
    finding = only(report, "invalid-record")
    assert finding.line == line_of(project.content / "references/acme-core.md", "image:")
    assert finding.message.startswith("Story image ") and said in finding.message
    assert findings(report, "missing-file") == [] and report.published == frozenset()


@pytest.mark.parametrize("path", ["images/none.png", "../outside.png"])
def test_a_missing_file_or_one_outside_content_is_missing_file(tmp_path, path):
    project = baseline(Project(tmp_path))
    (tmp_path / "outside.png").write_bytes(photo("PNG"))
    project.reference(image={"path": path, "alt": ALT})
    finding = only(project.review(), "missing-file")
    assert path in finding.message and finding.severity == "error"


@pytest.mark.parametrize("alt", ["", "   "])
def test_the_alt_text_is_required_and_says_something(tmp_path, alt):
    project = with_image(tmp_path, photo("PNG"))
    project.reference(image={"path": "images/plant.png", "alt": alt})
    assert "alt" in only(project.review(), "invalid-record").message
    project.reference(image={"path": "images/plant.png"})
    assert "image.alt" in only(project.review(), "invalid-record").message


def test_not_published_without_a_case_study_consent(tmp_path):
    project = with_image(tmp_path, photo("PNG"), body="")  # no story: no consent needed
    consents = [c for c in customer_record()["consents"] if c["scope"] != "case-study"]
    project.customer(consents=consents)
    assert project.review().published == {"acme-core"}
    assert shown(project) == (None, None, {})


def test_not_published_on_an_anonymized_reference_and_its_alt_may_not_name_it(tmp_path):
    summary = "A bank moved its core banking without downtime."
    project = with_image(tmp_path, photo("PNG"), anonymize=True, summary=summary)
    assert project.review().published == {"acme-core"}
    assert shown(project) == (None, None, {})
    image = {"path": "images/plant.png", "alt": "The Acme Bank tower"}
    project.reference(anonymize=True, summary=summary, image=image)
    finding = only(project.review(), "anonymity-breach")
    assert "alt text" in finding.message


def test_a_withdrawn_case_study_consent_takes_the_image_down(tmp_path):
    project = with_image(tmp_path, photo("PNG"), body="")
    before = manifest_of(project.review())
    assert "image images/acme-core.png" in before.shown
    withdrawn = [
        {**c, "withdrawn": day(-1)} if c["scope"] == "case-study" else c
        for c in customer_record()["consents"]
    ]
    project.customer(consents=withdrawn)
    found = takedown(before, project.review())
    assert found.references == {}  # the page stays: its story needs no consent
    assert found.shown == ("image images/acme-core.png",)
