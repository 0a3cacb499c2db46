"""Pelican content that is not a record (a `pages/about.md`, a blog post) is ignored.

Pelican would read it as a page or an article and render it with templates that only
know refcat's pages, failing both catalogs ("'audience' is undefined"); refcat tells
Pelican to read no article and no page at all.
"""

from __future__ import annotations

import io
from pathlib import Path

from refcat.generator.commands import build
from tests.factories import AS_OF, Project
from tests.generator.program import output_texts

MARKER = "stray-marker-8c1f"


def test_a_build_ignores_pelican_pages_and_articles(project: Project, tmp_path: Path):
    project.write("pages/about.md", f"Title: About us\n\n{MARKER} page\n")
    project.write("news.md", f"Title: News\nDate: 2026-01-01\n\n{MARKER} article\n")
    project.write("blog/2026/launch.rst", f"Launch\n######\n\n:date: 2026-01-01\n\n{MARKER}\n")
    assert project.review().findings == ()  # not records: nothing to review
    output = tmp_path / "output"
    out = io.StringIO()
    assert build.run(project.content, None, AS_OF, output, out) == 0, out.getvalue()
    for audience in ("public", "internal"):
        assert (output / audience / "references" / "acme-core.html").is_file()
        assert [name for name, text in output_texts(output / audience) if MARKER in text] == []
    names = [p.name for p in output.rglob("*")]
    assert not [n for n in names if n.startswith(("about", "news", "launch"))]
