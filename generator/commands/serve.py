"""`refcat serve`: preview a built catalog on 127.0.0.1 (never on other interfaces)."""

from __future__ import annotations

import contextlib
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar, TextIO

from checks.policy import ConfigError

HOST = "127.0.0.1"


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


def run(output: Path, audience: str, port: int, out: TextIO) -> int:
    folder = output / audience
    if not (folder / "index.html").is_file():
        raise ConfigError(f"{folder}: no catalog built yet; run `refcat build` first")
    try:
        server = make_server(folder, port)
    except OSError as error:
        raise ConfigError(f"cannot listen on {HOST}:{port}: {error.strerror}") from None
    out.write(
        f"Serving the {audience} catalog on http://{HOST}:{server.server_port}/ (Ctrl-C stops)\n"
    )
    out.flush()
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0
