"""`refcat serve --edit` in headless Chromium: Decap CMS writes records refcat reviews."""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcat.checks.models import Customer
from refcat.checks.source import parse_yaml
from refcat.generator.commands import build
from refcat.generator.editor.server import CHECKOUT_MODULES
from tests.browser.conftest import AS_OF, PROJECT


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`refcat serve --edit` on a copy of the demo project; yields its URL and content."""
    if not (CHECKOUT_MODULES / "decap-server").is_dir():
        pytest.fail("decap-cms and decap-server are missing: `make editor` installs them")
    project = tmp_path_factory.mktemp("edit")
    shutil.copytree(PROJECT / "content", project / "content")
    shutil.copy(PROJECT / "pelicanconf.py", project / "pelicanconf.py")
    out = io.StringIO()
    settings = project / "pelicanconf.py"
    output = project / "output"
    code = build.run(project / "content", settings, AS_OF, output, out, audience="internal")
    assert code == 0, out.getvalue()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "refcat.generator.cli", "serve", "--edit", "--port", str(port)]
    serving = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, text=True)
    try:
        assert "Editing content" in serving.stdout.readline() + serving.stdout.readline()
        yield f"http://127.0.0.1:{port}", project / "content"
    finally:
        serving.terminate()
        serving.wait(timeout=10)


def _post(url: str, origin: str, action: str = "info") -> int:
    request = urllib.request.Request(
        f"{url}/api/v1",
        data=json.dumps({"action": action, "params": {"branch": "main"}}).encode(),
        headers={"Content-Type": "application/json", "Origin": origin},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_proxy_answers_the_editor_and_refuses_another_origin(editor: tuple) -> None:
    url, _ = editor
    assert _post(url, url) == 200
    assert _post(url, "http://evil.example") == 403
    assert _post(url, "http://localhost:1") == 403


def _open(page: object, url: str, customer: str) -> None:
    page.goto(f"{url}/admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(f"{url}/admin/#/collections/customers/entries/{customer}")
    page.get_by_role("button", name="Add requests").wait_for()


def _add_request(page: object, day: str, prospect: str) -> None:
    page.get_by_role("button", name="Add requests").click()
    field = page.get_by_label("Prospect (optional)").last
    item = field.locator("xpath=ancestor::div[.//label[normalize-space()='Kind']][1]")
    item.get_by_label("Date", exact=True).fill(day)
    item.get_by_label("Kind").fill("reference-call")
    page.keyboard.press("Enter")
    field.fill(prospect)


def _publish(page: object) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()


def test_a_request_added_in_the_editor_is_on_disk_and_reviewed(editor: tuple, page) -> None:
    url, content = editor
    record = content / "customers" / "alpine-mutual-insurance.yaml"
    _open(page, url, "alpine-mutual-insurance")
    _add_request(page, "2026-11-25", "Globex Bank")
    _publish(page)
    page.get_by_role("button", name="Published").wait_for()
    saved = Customer.model_validate(parse_yaml(record.read_text()).data)
    assert (saved.requests[-1].prospect, saved.requests[-1].date) == ("Globex Bank", AS_OF)
    check = subprocess.run(
        [sys.executable, "-m", "refcat.generator.cli", "check", "--as-of", AS_OF.isoformat()],
        cwd=content.parent,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    assert "alpine-mutual-insurance.yaml" not in check.stdout  # reviewed, nothing to say


def test_a_record_edited_by_hand_meanwhile_is_not_overwritten(editor: tuple, page) -> None:
    url, content = editor
    record = content / "customers" / "cobalt-mobile.yaml"
    _open(page, url, "cobalt-mobile")
    by_hand = record.read_text() + "# a hand edit made while the editor was open\n"
    record.write_text(by_hand)
    _add_request(page, "2026-11-24", "Initech")
    _publish(page)
    page.get_by_text("changed on disk since the editor loaded it").wait_for()
    assert record.read_text() == by_hand
    assert page.get_by_label("Prospect (optional)").last.input_value() == "Initech"


def test_log_a_request_shows_where_the_editor_is_served_and_opens_the_record(
    editor: tuple, page
) -> None:
    url, _ = editor
    page.goto(f"{url}/customers/kestrel-savings-bank.html")
    link = page.locator(".log-request a")
    link.wait_for(state="visible")
    assert (
        link.get_attribute("href") == "/admin/#/collections/customers/entries/kestrel-savings-bank"
    )
    link.click()
    page.get_by_role("button", name="Login").click()
    page.get_by_role("button", name="Add requests").wait_for()
