"""A published logo, opened directly in Chromium on the catalog's own origin, runs nothing.

The program's customer sent an SVG holding a script, an `onload` handler, HTML in a
`foreignObject`, a `javascript:` link and a tracking image. The same file, served
unsanitized beside the catalog, shows that each of them would run here; the published
logo must do none of it, and still draw, as a clean logo does.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcat.generator.commands import build
from tests.browser.conftest import AS_OF, _serve
from tests.factories import Project, baseline, customer_record, day

TRACKER = "https://tracker.example/pixel.png"
HOSTILE = f"""<svg xmlns="http://www.w3.org/2000/svg" width="260" height="80"
  onload="document.title += ' onload'; fetch('/ran?onload')">
  <script>document.title += ' script'; fetch('/ran?script'); alert('script')</script>
  <foreignObject width="260" height="80">
    <iframe xmlns="http://www.w3.org/1999/xhtml" src="/ran?iframe"></iframe>
  </foreignObject>
  <a href="javascript:fetch('/ran?link')"><rect width="260" height="80" fill="#c00"/></a>
  <image href="{TRACKER}" width="1" height="1"/>
</svg>"""
CLEAN = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="260" height="80">'
    '<rect width="260" height="80" fill="#036"/></svg>'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The public catalog of two customers with logo consent, one logo hostile, served
    with the hostile file itself beside it as `raw.svg`."""
    project = baseline(Project(tmp_path_factory.mktemp("logos")))
    logo_consent = {"scope": "logo", "granted": day(-400)}
    for who, name, logo in (("acme", "Acme Bank", HOSTILE), ("globex", "Globex", CLEAN)):
        project.write(f"logos/{who}.svg", logo)
        consents = [*customer_record()["consents"], logo_consent]
        project.customer(who, name=name, logo=f"logos/{who}.svg", consents=consents)
    project.reference("globex-core", customer="globex", title="Globex goes live")
    out = io.StringIO()
    assert build.run(project.content, None, AS_OF, project.root / "output", out) == 0
    public = project.root / "output/public"
    (public / "raw.svg").write_text(HOSTILE)
    yield from _serve(public)


def opened(page: object, url: str) -> dict[str, list[str] | str]:
    """Open `url` alone in the tab, click into it; what ran: requests, dialogs, console."""
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "console": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: seen["console"].append(message.text))
    page.goto(url)
    page.wait_for_load_state("load")
    page.mouse.click(100, 40)
    page.wait_for_timeout(300)  # lets a fetch the click started be sent; no timing is measured
    return {**seen, "title": page.evaluate("document.title")}


def test_the_hostile_file_itself_would_run_here(page, site):
    ran = opened(page, f"{site}/raw.svg")
    assert "script" in ran["title"] and "onload" in ran["title"]
    assert ran["dialogs"] == ["script"]
    assert {f"{site}/ran?{what}" for what in ("script", "onload", "link", "iframe")} <= set(
        ran["requests"]
    )
    assert TRACKER in ran["requests"]


def test_the_published_logo_runs_nothing_and_calls_nowhere(page, site):
    logo = f"{site}/logos/acme.svg"
    ran = opened(page, logo)
    assert ran == {"requests": [logo], "dialogs": [], "console": [], "title": ""}


def test_both_logos_still_appear_on_the_logo_wall(page, site):
    page.goto(f"{site}/index.html")
    wall = page.locator(".logo-wall img")
    wall.first.scroll_into_view_if_needed()
    sources = wall.evaluate_all("images => images.map(i => i.getAttribute('src'))")
    assert sorted(Path(src).name for src in sources) == ["acme.svg", "globex.svg"]
    page.wait_for_function(
        "[...document.querySelectorAll('.logo-wall img')].every(i => i.complete)"
    )
    widths = wall.evaluate_all("images => images.map(i => i.naturalWidth)")
    assert widths == [260, 260]
