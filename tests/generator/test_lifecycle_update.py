"""`refcat lifecycle update`: fresh end-of-life dates in, every other byte kept, never the internet.

The checkout is a folder of product files; the API is a local `http.server` serving
files in the shape of endoflife.date's API v1.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from refcat.generator.cli import main
from refcat.generator.commands.lifecycle import Options, run
from refcat.generator.lifecycle import releases
from tests.factories import AS_OF, Project

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "lifecycle"
DEMO = ROOT / "content" / "lifecycle"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on the test's stderr."""


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A base URL, and the folder where `products/<p>/index.html` is served as `/products/<p>/`."""
    folder = tmp_path / "api"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v1", folder / "api" / "v1"
    server.shutdown()
    server.server_close()


def serve(folder: Path, product: str, document: object) -> None:
    path = folder / "products" / product / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def redis(project: Project) -> Project:
    """The baseline project, its public reference on Redis 8.6 and 8.4, with the demo's redis.md."""
    project.reference(technologies=["redis@8.6", "redis@8.4"])
    project.write("lifecycle/redis.md", (DEMO / "redis.md").read_bytes())
    return project


def update(project: Project, **options: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run(project.content, project.settings, AS_OF, out, Options(**options))  # type: ignore[arg-type]
    return code, out.getvalue()


def test_from_a_checkout_the_file_is_endoflife_dates_own_and_the_report_says_what_moved(redis):
    code, report = update(redis, checkout=FIXTURES / "checkout")
    assert code == 0
    written = (redis.content / "lifecycle" / "redis.md").read_bytes()
    assert written == (FIXTURES / "checkout" / "products" / "redis.md").read_bytes()
    assert "redis@8.6: eol false (none announced) -> 2027-02-11" in report
    assert "redis@8.4: eol false (none announced) -> 2026-11-01" in report
    assert "redis@8.12: added" in report
    assert "references affected: acme-core" in report
    assert "new findings:\n  error technology-eol acme-core: redis@8.4" in report  # public
    assert "warning technology-eol-soon acme-core: redis@8.6" in report
    assert "1 file(s) written" in report


def test_a_dry_run_reports_the_same_and_writes_nothing(redis):
    before = (redis.content / "lifecycle" / "redis.md").read_bytes()
    code, report = update(redis, checkout=FIXTURES / "checkout", dry_run=True)
    assert code == 0
    assert (redis.content / "lifecycle" / "redis.md").read_bytes() == before
    assert "references affected: acme-core" in report
    assert "technology-eol-soon acme-core" in report
    assert "dry run: nothing written" in report


def test_from_the_api_only_the_releases_change_and_the_rest_of_the_file_is_kept(redis, api):
    base, folder = api
    serve(folder, "redis", json.loads((FIXTURES / "api" / "redis.json").read_text()))
    path = redis.content / "lifecycle" / "redis.md"
    old = path.read_text(encoding="utf-8")
    code, report = update(redis, api=base)
    assert code == 0
    new = path.read_text(encoding="utf-8")
    assert new.split("releases:")[0] == old.split("releases:")[0]  # header, auto: config
    assert new.split("\n---\n")[1] == old.split("\n---\n")[1]  # the Markdown body
    expected = releases.read((FIXTURES / "checkout" / "products" / "redis.md").read_text(), "x")
    assert [(r.cycle, r.eol) for r in releases.read(new, "redis").releases] == [
        (r.cycle, r.eol) for r in expected.releases if r.cycle != "5.0"
    ]
    assert new == (FIXTURES / "checkout" / "products" / "redis.md").read_text().replace(
        old[old.index('  - releaseCycle: "5.0"') : old.index("---\n\n>")], ""
    )  # the same bytes as endoflife.date writes, less the release the API dropped
    assert "redis@5.0: removed" in report and "redis@8.12: added" in report


def _as_api(release: releases.Release) -> dict[str, object]:
    """A release as the API v1 serves it."""

    def end(value: object) -> tuple[object, object]:
        return (None, value) if isinstance(value, bool) else (str(value), True)

    eol_from, is_eol = end(release.eol)
    entry: dict[str, object] = {"name": release.cycle, "eolFrom": eol_from, "isEol": is_eol}
    for key, api_key in (("eoas", "Eoas"), ("eoes", "Eoes")):
        if key in release.fields:
            entry[f"{key}From"], entry[f"is{api_key}"] = end(release.fields[key])
    if "releaseDate" in release.fields:
        entry["releaseDate"] = str(release.fields["releaseDate"])
    if "latest" in release.fields:
        entry["latest"] = {"name": release.fields["latest"]}
        if "latestReleaseDate" in release.fields:
            entry["latest"]["date"] = str(release.fields["latestReleaseDate"])  # type: ignore[index]
    return entry


def test_an_api_saying_what_the_files_say_leaves_every_demo_file_byte_for_byte(empty, api):
    base, folder = api
    shutil.copytree(DEMO, empty.content / "lifecycle")
    for path in DEMO.glob("*.md"):
        current = releases.read(path.read_text(encoding="utf-8"), path.name).releases
        serve(folder, path.stem, {"result": {"releases": [_as_api(r) for r in current]}})
    code, report = update(empty, api=base)
    assert code == 0, report
    for path in DEMO.glob("*.md"):
        assert (empty.content / "lifecycle" / path.name).read_bytes() == path.read_bytes()
    assert "12 product(s) checked, 0 file(s) written" in report


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_network_error_is_one_line_exit_2_and_nothing_written(redis, capsys):
    before = (redis.content / "lifecycle" / "redis.md").read_bytes()
    code, report = update(redis, api=f"http://127.0.0.1:{_closed_port()}/api/v1")
    assert code == 2 and report == ""
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot reach the server" in error
    assert (redis.content / "lifecycle" / "redis.md").read_bytes() == before


def test_one_product_failing_leaves_every_product_unwritten(redis, api, capsys):
    base, folder = api
    serve(folder, "redis", json.loads((FIXTURES / "api" / "redis.json").read_text()))
    redis.write("lifecycle/tomcat.md", (DEMO / "tomcat.md").read_bytes())  # not served: 404
    before = (redis.content / "lifecycle" / "redis.md").read_bytes()
    code, _ = update(redis, api=base)
    assert code == 2
    assert "has no product 'tomcat'" in capsys.readouterr().err
    assert (redis.content / "lifecycle" / "redis.md").read_bytes() == before


def test_an_answer_not_in_the_api_shape_is_refused(redis, api, capsys):
    base, folder = api
    serve(folder, "redis", [{"cycle": "8.6", "eol": "2027-02-11"}])  # the older API's shape
    code, _ = update(redis, api=base)
    assert code == 2
    assert "result.releases[]" in capsys.readouterr().err


def test_an_unknown_product_is_a_usage_error(redis, capsys):
    content = str(redis.content)
    assert main(["lifecycle", "update", "nosuch", "--content", content, "--from", "x"]) == 2
    assert "no lifecycle file for nosuch" in capsys.readouterr().err


def test_products_named_restrict_the_update(redis):
    redis.write("lifecycle/tomcat.md", (DEMO / "tomcat.md").read_bytes())  # not in the checkout
    code, report = update(redis, products=("redis",), checkout=FIXTURES / "checkout")
    assert code == 0 and "tomcat" not in report and "1 product(s) checked" in report
