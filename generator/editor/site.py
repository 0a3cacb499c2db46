"""The editor beside the internal catalog on one 127.0.0.1 port, with its proxy running."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

from refcat.generator.editor.config import config_yaml
from refcat.generator.editor.ledger import Ledger
from refcat.generator.editor.proxy import Editor, EditorHandler
from refcat.generator.editor.server import HOST, INDEX, decap_server


@contextmanager
def editor_site(
    server: ThreadingHTTPServer, catalog: Path, content: Path, modules: Path
) -> Iterator[str]:
    """Make `server` serve the catalog, the editor and its proxy; yields the editor's URL.

    The editor's files are made in memory and its bundle served from node_modules:
    nothing of the editor is ever written into a catalog's output.
    """
    origin = f"http://{HOST}:{server.server_port}"
    with decap_server(modules, content, origin) as upstream:
        files = {
            "index.html": (INDEX.encode(), "text/html; charset=utf-8"),
            "config.yml": (config_yaml(f"{origin}/api/v1").encode(), "text/yaml"),
        }
        editor = Editor(
            catalog=catalog,
            bundle=modules / "decap-cms" / "dist",
            files=files,
            origin=origin,
            upstream=upstream,
            ledger=Ledger(content.resolve()),
        )
        server.RequestHandlerClass = type("Handler", (EditorHandler,), {"editor": editor})
        yield f"{origin}/admin/"
