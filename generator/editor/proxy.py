"""The editor's web server: the internal catalog, the editor at /admin/, and /api/v1.

/api/v1 is Decap's local proxy, which reads every internal field and writes files.
This server forwards to it only requests from the editor's own page: the `Origin`
must be the editor's origin and the `Host` this server (a page elsewhere, or a
DNS-rebound name, is refused with 403); writes must stay in the record folders; and
a save of a record changed on disk since the editor loaded it is refused (409).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

from refcat.generator.editor.ledger import Conflict, Ledger

READS = frozenset({"entriesByFolder", "entriesByFiles", "getEntry"})
WRITABLE = re.compile(r"^(customers/[^/]+\.yaml|references/([^/]+/)*[^/]+\.md|logos/[^/]+)$")
MAX_BODY = 50 * 1024 * 1024


@dataclass
class Editor:
    """Everything the handler needs: where things are and who may ask."""

    catalog: Path
    bundle: Path  # decap-cms's dist folder
    files: dict[str, tuple[bytes, str]]  # /admin/ files made by refcat: body, type
    origin: str
    upstream: str  # decap-server's /api/v1
    ledger: Ledger
    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = self.origin.split("://", 1)[1]


class EditorHandler(SimpleHTTPRequestHandler):
    editor: ClassVar[Editor]
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".yml": "text/yaml",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """/admin/<file> from Decap's bundle (no source maps), anything else from the catalog."""
        route = path.split("?", 1)[0].split("#", 1)[0]
        if route.startswith("/admin/"):
            name = route.removeprefix("/admin/")
            if "/" in name or name.endswith(".map") or name.startswith("."):
                return str(self.editor.bundle / "missing")
            return str(self.editor.bundle / name)
        directory, self.directory = self.directory, str(self.editor.catalog)
        try:
            return super().translate_path(path)
        finally:
            self.directory = directory

    def do_GET(self) -> None:
        route = self.path.split("?", 1)[0]
        made = self.editor.files.get("index.html" if route == "/admin/" else route[7:])
        if route.startswith("/admin/") and made:
            self._send(200, made[0], made[1])
            return
        super().do_GET()

    def do_POST(self) -> None:
        if self.path.split("?", 1)[0] != "/api/v1":
            self._fail(404, "Not found")
        elif not self._from_editor():
            self._fail(403, "Refused: requests to the editor's proxy come from the editor only")
        else:
            self._forward()

    def do_OPTIONS(self) -> None:
        self._fail(403, "Refused: no cross-origin requests")

    def _from_editor(self) -> bool:
        return (
            self.headers.get("Origin") == self.editor.origin
            and self.headers.get("Host") == self.editor.host
        )

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            self._fail(413 if length else 400, "A request needs a JSON body of at most 50 MB")
            return
        body = self.rfile.read(length)
        try:
            request = json.loads(body)
            action, params = request["action"], request.get("params") or {}
        except (ValueError, KeyError, TypeError):
            self._fail(400, "A request is a JSON object with an action")
            return
        with self.editor.ledger.lock:
            try:
                paths = _written(action, params)
                for path in paths:
                    self.editor.ledger.check(path)
            except Conflict as error:
                self._fail(409, str(error))
                return
            status, answer = self._upstream(body)
            self._remember(action, params, status, answer)
        self._send(status, answer, "application/json")

    def _upstream(self, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.editor.upstream,
            data=body,
            headers={"Content-Type": "application/json", "Origin": self.editor.origin},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def _remember(self, action: str, params: dict[str, Any], status: int, answer: bytes) -> None:
        if status != 200:
            return
        ledger = self.editor.ledger
        if action in READS:
            ledger.saw(json.loads(answer))
        elif action == "persistEntry":
            for entry in params.get("dataFiles") or [params["entry"]]:
                ledger.wrote(entry["path"], entry["raw"])

    def _fail(self, status: int, message: str) -> None:
        self._send(status, json.dumps({"error": message}).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _written(action: str, params: dict[str, Any]) -> list[str]:
    """The files a request would write or delete; Conflict for one outside the records."""
    if action == "persistEntry":
        entries = params.get("dataFiles") or [params.get("entry") or {}]
        paths = [entry.get("path", "") for entry in entries]
        paths += [asset.get("path", "") for asset in params.get("assets") or []]
    elif action in ("persistMedia",):
        paths = [(params.get("asset") or {}).get("path", "")]
    elif action in ("deleteFile", "deleteFiles"):
        paths = params.get("paths") or [params.get("path", "")]
    else:
        return []
    for path in paths:
        if not isinstance(path, str) or not WRITABLE.match(path) or ".." in path.split("/"):
            raise Conflict(f"{path}: the editor writes only customers, references and logos")
    return [path for path in paths if not path.startswith("logos/")]
