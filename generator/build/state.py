"""One catalog's build as it goes: the state `refcat build` hands the Pelican plugin.

Each catalog is built by Pelican in a process of its own. Rather than travel through
Pelican's settings (which the templates see), the review and what the build makes of
it live here, typed: the search index once Pagefind runs, the site once it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcat.checks.run import Report
from refcat.generator.build.search import PendingIndex
from refcat.generator.build.site import Site


@dataclass
class CatalogBuild:
    audience: str
    report: Report
    # plain `pelican content` writes into the output itself; `refcat build` into a
    # staging folder that it discards when the build fails
    in_place: bool = False
    search: PendingIndex | None = None  # Pagefind indexing the search records
    site: Site | None = None  # the site, once its pages are written

    def cancel_search(self) -> None:
        """A failed build: Pagefind must not go on writing into it."""
        if self.search is not None:
            self.search.cancel()
