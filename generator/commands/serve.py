"""`refcat serve`: preview a built catalog on 127.0.0.1 (never on other interfaces).

With `--edit`, the internal catalog is served with the Decap CMS editor at /admin/
and its local proxy, which writes the records in the content folder.

A missing address is answered, as static hosts do, with the catalog's own `404.html`
and status 404. That page links from the site's root path (`/customers/...` for a
catalog published at `https://www.example.com/customers`), so the catalog is also
served under that path: the path is read from the catalog's `robots.txt`.

Text files go out gzipped to a browser that accepts it (the internal catalog's facet
index is megabytes at 10,000 references): the build's precompressed `.gz` sibling when
there is one, else compressed once and kept while the file is unchanged.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import io
import signal
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, TextIO
from urllib.parse import urlsplit

from refcat.checks.policy import ConfigError
from refcat.generator.editor.server import CHECKOUT_MODULES, find_modules

__all__ = ["CHECKOUT_MODULES", "Edit", "make_server", "run"]

HOST = "127.0.0.1"
NOT_FOUND_PAGE = "404.html"  # the catalog's own page for a missing address
EMBED_DATA = "catalog.json"  # the public catalog's data that embeds on other sites fetch
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/plain",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/xml",
        "text/xml",
        "image/svg+xml",
    }
)


@dataclass(frozen=True)
class Edit:
    """Where the records and the editor's node modules are (`refcat serve --edit`)."""

    content: Path
    modules: list[Path]


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
    }

    def __init__(self, *args: Any, root: str = "", **kwargs: Any) -> None:
        self.root = root  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """The file for `path`, also when it starts with the site's root path."""
        translated = super().translate_path(path)
        under_root = self.root and (path + "/").startswith(self.root + "/")
        if under_root and not Path(translated).exists():
            return super().translate_path(path[len(self.root) :] or "/")
        return translated

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file: the catalog's 404 page, where it has one."""
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        """A compressible file gzipped when the browser accepts it; else as it is."""
        path = self._file()
        if path is None or self.guess_type(str(path)) not in COMPRESSIBLE:
            return super().send_head()
        if not accepts_gzip(self.headers.get("Accept-Encoding", "")):
            self._vary = True
            return super().send_head()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self._vary = True
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        if getattr(self, "_vary", False):
            self.send_header("Vary", "Accept-Encoding")
        if urlsplit(self.path).path.endswith(f"/{EMBED_DATA}"):  # as the README asks of hosts
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def _file(self) -> Path | None:
        """The file a GET names (a folder's index.html), or None for the default handling."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # the default handler redirects to the slash
            path = path / "index.html"
        return path if path.is_file() else None


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header admits gzip (not with `q=0`)."""
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return _quality(params) > 0
    return False


def _quality(params: str) -> float:
    """The `q` of one Accept-Encoding entry's parameters (1 when absent)."""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def gzipped(path: Path) -> bytes:
    """The gzip of `path`: its precompressed sibling when as new, else made and cached."""
    sibling = path.with_name(path.name + ".gz")
    stat = path.stat()
    if sibling.is_file() and sibling.stat().st_mtime_ns >= stat.st_mtime_ns:
        return sibling.read_bytes()
    return _compress(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _compress(path: str, mtime_ns: int, size: int) -> bytes:
    """Keyed on the file's time and size, so that a rebuilt file is compressed anew."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection early is not an error worth a stack trace."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(folder), root=root_path(folder))
    return _Server((HOST, port), handler)


def root_path(folder: Path) -> str:
    """The catalog's path on its host, as its robots.txt names the sitemap: `/customers`
    for `Sitemap: https://www.example.com/customers/sitemap.xml`; "" when at the root."""
    try:
        robots = (folder / "robots.txt").read_text(encoding="utf-8")
    except OSError:
        return ""
    for line in robots.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap":
            return urlsplit(value.strip()).path.removesuffix("/sitemap.xml").rstrip("/")
    return ""


def run(output: Path, audience: str, port: int, out: TextIO, edit: Edit | None = None) -> int:
    folder = output / audience
    if edit and audience != "internal":
        raise ConfigError("--edit serves the editor beside the internal catalog: drop --audience")
    if not (folder / "index.html").is_file():
        raise ConfigError(f"{folder}: no catalog built yet; run `refcat build` first")
    if edit:
        modules = find_modules(edit.modules)  # before listening: a missing Node is one line
    try:
        server = make_server(folder, port)
    except OSError as error:
        raise ConfigError(f"cannot listen on {HOST}:{port}: {error.strerror}") from None
    with server, contextlib.ExitStack() as stack:
        url = f"http://{HOST}:{server.server_port}/"
        out.write(f"Serving the {audience} catalog on {url} (Ctrl-C stops)\n")
        if edit:
            from refcat.generator.editor.site import editor_site

            editor = stack.enter_context(editor_site(server, folder, edit.content, modules))
            out.write(f"Editing {edit.content} at {editor}\n")
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGTERM, _interrupt)  # so that the editor's proxy ends too
            server.serve_forever()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
