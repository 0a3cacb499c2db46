"""`refcat serve` sends text gzipped to a browser that accepts it, the build's `.gz` first."""

from __future__ import annotations

import gzip
import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcat.generator.commands.serve import accepts_gzip, make_server

INDEX = '{"references":[' + ",".join(f'["ref-{n}","A title"]' for n in range(2000)) + "]}"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    (tmp_path / "data").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Catalog</title>" * 50)
    (tmp_path / "data" / "references.json").write_text(INDEX)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(2000))
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield tmp_path, server.server_port
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, path: str, encoding: str | None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_json_is_gzipped_for_a_browser_that_accepts_it(site: tuple[Path, int]) -> None:
    response = get(site[1], "/data/references.json", "gzip, deflate, br")
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Content-Type") == "application/json"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(response.body).decode() == INDEX  # type: ignore[attr-defined]
    assert int(response.getheader("Content-Length")) < len(INDEX) / 5


def test_a_folder_index_page_is_gzipped_too(site: tuple[Path, int]) -> None:
    response = get(site[1], "/", "gzip")
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body).startswith(b"<!doctype html>")  # type: ignore[attr-defined]


def test_without_accept_encoding_the_file_goes_as_it_is(site: tuple[Path, int]) -> None:
    response = get(site[1], "/data/references.json", None)
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Vary") == "Accept-Encoding"
    assert response.body.decode() == INDEX  # type: ignore[attr-defined]


def test_images_are_not_compressed_again(site: tuple[Path, int]) -> None:
    response = get(site[1], "/logo.png", "gzip")
    assert response.getheader("Content-Encoding") is None
    assert response.body.startswith(b"\x89PNG")  # type: ignore[attr-defined]


def test_the_builds_precompressed_sibling_is_sent(site: tuple[Path, int]) -> None:
    folder, port = site
    sibling = folder / "data" / "references.json.gz"
    sibling.write_bytes(gzip.compress(b'{"from":"the build"}', mtime=0))
    response = get(port, "/data/references.json", "gzip")
    assert gzip.decompress(response.body) == b'{"from":"the build"}'  # type: ignore[attr-defined]


def test_a_stale_sibling_is_ignored(site: tuple[Path, int]) -> None:
    folder, port = site
    source = folder / "data" / "references.json"
    sibling = source.with_name("references.json.gz")
    sibling.write_bytes(gzip.compress(b'{"stale":true}', mtime=0))
    older = source.stat().st_mtime_ns - 10**9
    os.utime(sibling, ns=(older, older))
    response = get(port, "/data/references.json", "gzip")
    assert gzip.decompress(response.body).decode() == INDEX  # type: ignore[attr-defined]


def test_missing_files_still_answer_404(site: tuple[Path, int]) -> None:
    assert get(site[1], "/nowhere.json", "gzip").status == 404


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("br, deflate", False),
        ("", False),
    ],
)
def test_accept_encoding(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted
