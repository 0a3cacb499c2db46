"""`refcat serve`: preview a built catalog on 127.0.0.1 (never on other interfaces).

With `--edit`, the internal catalog is served with the Decap CMS editor at /admin/
and its local proxy, which writes the records in the content folder.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar, TextIO

from checks.policy import ConfigError
from generator.editor.server import CHECKOUT_MODULES, find_modules

__all__ = ["CHECKOUT_MODULES", "Edit", "make_server", "run"]

HOST = "127.0.0.1"


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

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection early is not an error worth a stack trace."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(folder))
    return _Server((HOST, port), handler)


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
            from generator.editor.site import editor_site

            editor = stack.enter_context(editor_site(server, folder, edit.content, modules))
            out.write(f"Editing {edit.content} at {editor}\n")
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGTERM, _interrupt)  # so that the editor's proxy ends too
            server.serve_forever()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
