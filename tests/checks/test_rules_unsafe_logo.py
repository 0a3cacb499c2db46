"""unsafe-logo, and a logo file that is no image (`invalid-record` at `logo:`)."""

from __future__ import annotations

import io

from PIL import Image

from tests.factories import findings, line_of, only

HOSTILE = (
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
    '<image href="https://tracker.example/p.png"/></svg>'
)


def with_logo(project, content: str | bytes, name: str = "logos/acme.svg"):
    project.write(name, content)
    return project.customer(logo=name)


def test_a_clean_svg_logo_gives_no_finding(project):
    project.logo()
    project.customer(logo="logos/acme.svg")
    report = project.review()
    assert report.findings == () and "acme-core" in report.published


def test_a_hostile_svg_is_one_warning_at_the_logo_line_naming_what_it_holds(project):
    path = with_logo(project, HOSTILE)
    report = project.review()
    finding = only(report, "unsafe-logo")
    assert (finding.severity, finding.line) == ("warning", line_of(path, "logo:"))
    assert finding.message == (
        "Logo logos/acme.svg holds an onload handler, a <script> element and "
        "an external reference (https://tracker.example/p.png)"
    )
    assert finding.references == ("acme-core",)
    assert "acme-core" in report.published  # only its sanitized form is ever shown


def test_a_pdf_named_svg_is_an_invalid_record_at_the_logo_line_and_nothing_else(project):
    path = with_logo(project, b"%PDF-1.7\n% signed consent form\n")
    report = project.review()
    finding = only(report, "invalid-record")
    assert (finding.line, finding.references) == (line_of(path, "logo:"), ("acme-core",))
    assert finding.message == "Logo 'logos/acme.svg' is a PDF document, not an image"
    assert [f.rule for f in report.findings] == ["invalid-record"]  # no missing-file
    assert "acme-core" not in report.published


def test_a_customer_record_named_as_logo_is_an_invalid_record(project):
    project.customer("globex", name="Globex")
    path = project.customer(logo="customers/globex.yaml")
    finding = only(project.review(), "invalid-record")
    assert finding.line == line_of(path, "logo:")
    assert "is a record file, not an image" in finding.message


def test_a_link_to_a_record_file_is_a_record_file(project):
    (project.content / "logos").mkdir()
    (project.content / "logos/acme.svg").symlink_to(project.content / "taxonomy.yaml")
    project.customer(logo="logos/acme.svg")
    assert "record file" in only(project.review(), "invalid-record").message


def test_a_png_logo_with_any_file_name_gives_no_finding(project):
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, format="PNG")
    with_logo(project, image.getvalue(), "logos/acme.logo")
    assert project.review().findings == ()


def test_each_customer_with_an_unsafe_logo_is_reported_once(project):
    with_logo(project, HOSTILE)
    project.customer("globex", name="Globex", logo="logos/acme.svg")
    reported = sorted(f.record for f in findings(project.review(), "unsafe-logo"))
    assert reported == ["acme", "globex"]
