"""The shipped demo project (content/ and pelicanconf.py) in tests: reviewed, or copied
into a temporary folder and built as `refcat build` builds it."""

from __future__ import annotations

import io
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from refcat.checks.run import Report, review_project
from refcat.generator.commands import build
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[1]


@cache
def demo_report() -> Report:
    """The demo reviewed as of AS_OF, without caches."""
    return review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)


def build_demo(root: Path, settings: str = "", **options: Any) -> Path:
    """The demo copied into `root` (with `settings` appended to its pelicanconf.py) and
    built into `root/output`; that folder. The build must succeed."""
    shutil.copytree(PROJECT / "content", root / "content")
    text = (PROJECT / "pelicanconf.py").read_text(encoding="utf-8")
    (root / "pelicanconf.py").write_text(text + settings, encoding="utf-8")
    out = io.StringIO()
    code = build.run(
        root / "content", root / "pelicanconf.py", AS_OF, root / "output", out, **options
    )
    assert code == 0, out.getvalue()
    return root / "output"
