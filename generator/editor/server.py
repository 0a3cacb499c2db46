"""`refcat serve --edit`: Decap's local proxy (`decap-server`) beside the internal catalog.

decap-server runs in its file-system mode with the content folder as its root, so it
can touch nothing else; it listens on 127.0.0.1 (`BIND_HOST`) on a port of its own,
answers CORS only for the editor's origin (`ORIGIN`), and is reached by the browser
only through `EditorHandler`, which checks every request. It ends with `refcat serve`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from refcat.checks.policy import ConfigError

HOST = "127.0.0.1"
NEEDS = (
    "refcat serve --edit needs Node.js and decap-server: "
    "run `make editor` (npm install decap-cms@3 decap-server@3 into .cache/node)"
)
# the checkout refcat runs from, where `make editor` installs the editor
CHECKOUT_MODULES = Path(__file__).resolve().parents[2] / ".cache" / "node" / "node_modules"

INDEX = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>refcat editor</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def find_modules(candidates: list[Path]) -> Path:
    """The first node_modules folder holding both decap-cms and decap-server."""
    if shutil.which("node") is None:
        raise ConfigError(NEEDS)
    for modules in candidates:
        if (modules / "decap-cms" / "dist" / "decap-cms.js").is_file() and (
            modules / "decap-server" / "dist" / "index.js"
        ).is_file():
            return modules
    raise ConfigError(NEEDS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def decap_server(modules: Path, content: Path, origin: str) -> Iterator[str]:
    """Run decap-server for `content` while the block runs; yields its /api/v1 URL."""
    port = free_port()
    env = os.environ | {
        "GIT_REPO_DIRECTORY": str(content.resolve()),
        "MODE": "fs",
        "BIND_HOST": HOST,
        "PORT": str(port),
        "ORIGIN": origin,
        "LOG_LEVEL": "warn",
    }
    node = shutil.which("node") or "node"
    process = subprocess.Popen(
        [node, str(modules / "decap-server" / "dist" / "index.js")],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for(process, port)
        yield f"http://{HOST}:{port}/api/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(process: subprocess.Popen[bytes], port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ConfigError(f"decap-server stopped at start (exit {process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise ConfigError(f"decap-server did not listen on {HOST}:{port} within {seconds:.0f} s")
