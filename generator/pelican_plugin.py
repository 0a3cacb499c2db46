"""refcat's Pelican plugin: the only module that imports Pelican.

`pelican content -s pelicanconf.py` builds the public catalog: the plugin reviews the
records, hands finished page objects to Pelican's writer, and after the build adds
the search index and sitemap and runs the leak guard. The internal catalog is built
only when `REFCAT_AUDIENCE = "internal"` is asked for by name (`refcat build` does).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pelican as pelican_package
from pelican import signals
from pelican.generators import Generator
from pelican.settings import get_settings_from_file

from refcat.checks.policy import ConfigError, policy_from
from refcat.checks.rules import KIND_OF
from refcat.checks.run import cache_folder, review
from refcat.generator import gc_policy
from refcat.generator.brand_site import site_brand
from refcat.generator.build.guard import LeakError
from refcat.generator.build.search import forget_obsolete, start_search_index
from refcat.generator.build.site import BUILTIN_THEME, Page, Site
from refcat.generator.build.sites import build_site, finish_site
from refcat.generator.build.state import CatalogBuild
from refcat.generator.build.workers import cores, run_forked
from refcat.generator.controlled_settings import (
    EXCLUDES,
    JINJA_SAFETY,
    RECORD_FOLDERS,
    SettingsConflict,
    combined_excludes,
    conflicts,
)
from refcat.generator.internal.fragments import add_card_fragments
from refcat.generator.internal.numbers import add_number_filters

log = logging.getLogger(__name__)

PELICAN_THEMES = (Path(pelican_package.__file__).parent / "themes").resolve()

# Settings refcat needs whatever the project's pelicanconf.py says.
CATALOG_SETTINGS: dict[str, Any] = {
    # Pelican reads no article or page from content/: a stray `pages/about.md` is neither
    # published nor able to break a catalog whose templates only render refcat's pages
    "ARTICLE_PATHS": [],
    "PAGE_PATHS": [],
    "ARTICLE_EXCLUDES": RECORD_FOLDERS,
    "PAGE_EXCLUDES": RECORD_FOLDERS,
    "STATIC_EXCLUDES": RECORD_FOLDERS,
    "STATIC_PATHS": [],
    "DIRECT_TEMPLATES": [],
    "PAGINATED_TEMPLATES": {},
    "FEED_ALL_ATOM": None,
    "FEED_ALL_RSS": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TAG_SAVE_AS": "",
    "TAGS_SAVE_AS": "",
    "CATEGORY_SAVE_AS": "",
    "CATEGORIES_SAVE_AS": "",
    "AUTHOR_SAVE_AS": "",
    "AUTHORS_SAVE_AS": "",
    "ARCHIVES_SAVE_AS": "",
    "LOAD_CONTENT_CACHE": False,
    "CACHE_CONTENT": False,
    "RELATIVE_URLS": True,
}


def register() -> None:
    signals.initialized.connect(_configure)
    signals.get_generators.connect(_generators)
    signals.finalized.connect(_finalized)


def _configure(pelican: Any) -> None:
    """Combine the project's settings with refcat's; stop on one refcat must control."""
    settings = pelican.settings
    origin = settings_origin(settings)
    user = user_settings(settings, origin)
    problems = conflicts(user, origin)
    if problems:
        for problem in problems:
            log.error(problem)
        raise SettingsConflict(problems)
    settings.update(CATALOG_SETTINGS)
    for name in EXCLUDES:  # the project's own excludes stay, beside the record folders
        settings[name] = combined_excludes(name, user)
    settings["JINJA_ENVIRONMENT"] = {
        "auto_reload": False,  # one build: no need to check each template's file per page
        "trim_blocks": True,
        "lstrip_blocks": True,
        **(user.get("JINJA_ENVIRONMENT") or {}),
        **{key: value for key, (value, _) in JINJA_SAFETY.items()},
    }
    settings.setdefault("REFCAT_AUDIENCE", "public")
    if settings["REFCAT_AUDIENCE"] != "internal":  # the internal catalog's own css/js stay out
        settings["IGNORE_FILES"] = [*settings.get("IGNORE_FILES", []), "internal.*"]
    _combine_theme(settings, user, origin)
    pelican.theme = settings["THEME"]
    try:  # the brand both catalogs wear (generator.brand); a bad setting stops the build
        settings["REFCAT_SITE_BRAND"] = site_brand(settings, origin)
    except ConfigError as error:
        log.error(error)
        raise


def _combine_theme(settings: dict[str, Any], user: dict[str, Any], origin: Path | None) -> None:
    """refcat's own theme underneath; the project's theme/ overrides single templates and
    files, and the project's THEME_TEMPLATES_OVERRIDES come first of all."""
    project_theme = _project_theme(settings)
    builtin = BUILTIN_THEME.resolve()
    overrides = [] if project_theme is None or project_theme == builtin else [project_theme]
    base = origin.resolve().parent if origin is not None else Path.cwd()
    own_templates = [str(base / p) for p in user.get("THEME_TEMPLATES_OVERRIDES") or []]
    settings["THEME_TEMPLATES_OVERRIDES"] = own_templates + [
        str(t / "templates") for t in overrides if (t / "templates").is_dir()
    ]
    own_static = [str(base / p) for p in user.get("THEME_STATIC_PATHS") or []]
    settings["THEME_STATIC_PATHS"] = [
        str(t / "static") for t in (builtin, *overrides) if (t / "static").is_dir()
    ] + own_static
    settings["THEME"] = str(builtin)


def settings_origin(settings: dict[str, Any]) -> Path | None:
    """The project's settings file: as `refcat build` names it, else the `pelican`
    command's (`-s FILE`, or pelicanconf.py in the working folder), else unknown."""
    if "REFCAT_SETTINGS_FILE" in settings:
        named = settings["REFCAT_SETTINGS_FILE"]
        return Path(named) if named else None
    if Path(sys.argv[0]).name not in {"pelican", "__main__.py"}:
        return None
    from pelican import parse_arguments

    try:
        arguments = parse_arguments(sys.argv[1:])
    except SystemExit:  # not the pelican command's arguments after all
        return None
    named = arguments.settings or "pelicanconf.py"
    return Path(named) if Path(named).is_file() else None


def user_settings(settings: dict[str, Any], origin: Path | None) -> dict[str, Any]:
    """What the project itself sets: its file's values when known (Pelican fills in its
    defaults), else every value unlike Pelican's default."""
    from pelican.settings import DEFAULT_CONFIG

    if origin is not None:
        return get_settings_from_file(str(origin))
    return {k: v for k, v in settings.items() if k not in DEFAULT_CONFIG or v != DEFAULT_CONFIG[k]}


def check_settings_file(origin: Path | None) -> None:
    """ConfigError for `refcat build` when the project's file sets what refcat controls."""
    problems = conflicts(get_settings_from_file(str(origin)), origin) if origin else []
    if problems:
        raise ConfigError("\n".join(problems))


def _project_theme(settings: dict[str, Any]) -> Path | None:
    """The project's theme folder: THEME as set, else `theme/` beside the content folder.

    A THEME inside Pelican's own themes is Pelican's default (or a theme of its own),
    never a refcat theme: its `base.html` would replace refcat's.
    """
    theme = Path(settings["THEME"]).resolve()
    if theme.is_relative_to(PELICAN_THEMES):
        theme = Path(settings["PATH"]).resolve().parent / "theme"
    return theme if theme.is_dir() else None


def _generators(pelican: Any) -> type[Generator]:
    return CatalogGenerator


class CatalogGenerator(Generator):
    """Writes the pages of one audience's catalog through Pelican's writer.

    The public catalog's search records are rendered as soon as their views exist, and
    Pagefind indexes them (see generator.build.search) while the other views are made and
    the pages written; the internal catalog has no Pagefind index (its search reads
    generator.internal.word_index's files, written as pages).
    Thousands of pages are written by a worker per core, each forked with the views and
    the compiled templates and writing every n-th page; small catalogs by this process.
    Pelican's `content_written` signal fires in the worker that wrote the page.
    """

    def generate_output(self, writer: Any) -> None:
        build = _catalog_build(self.settings)
        # templates see the page's view objects and Pelican's settings, never the report
        context = {k: v for k, v in self.context.items() if not k.startswith("REFCAT")}
        brand = context["brand"] = self.settings["REFCAT_SITE_BRAND"]
        start_search = functools.partial(self._start_search, build, context)
        add_card_fragments(self.env)
        add_number_filters(self.env, build.report.policy.currency)
        try:
            # views: the site's pages; its search records start indexing at once
            site = build_site(build.audience, build.report, self.settings, start_search)
            site.files.update(brand.files)  # its stylesheet, logo and fonts; its words are public
            site.public_texts += brand.texts
            # render: every page, by this process and its forks
            self._write(site, writer, context, yields=build.search is not None)
        except BaseException:
            build.cancel_search()
            raise
        build.site = site

    def _write(self, site: Site, writer: Any, context: dict[str, Any], *, yields: bool) -> None:
        templates = {name: self.get_template(name) for name in {p.template for p in site.pages}}
        count = _writers(site.pages)
        if yields:
            # Pagefind, started at this process's priority, takes longest: the writers
            # (this process and its forks) leave it the processor when both want it
            os.nice(WRITERS_YIELD)

        def write(pages: list[Page]) -> None:
            for page in pages:
                template, path = templates[page.template], page.path
                writer.write_file(path, template, context, relative_urls=True, **page.variables)

        if count > 1:  # the writers are forked from this process
            gc_policy.before_fork()
        run_forked([functools.partial(write, site.pages[n::count]) for n in range(count)])
        site.copy_files(Path(self.output_path))

    def _start_search(
        self, build: CatalogBuild, context: dict[str, Any], records: list[Page]
    ) -> None:
        templates = {name: self.get_template(name) for name in {p.template for p in records}}
        rendered = (
            (p.path, templates[p.template].render(**context, **p.variables)) for p in records
        )
        caches = cache_folder(Path(self.settings["PATH"]))
        folder = caches / "search" / build.audience if caches is not None else None
        if caches is not None:
            forget_obsolete(caches / "search")
        build.search = start_search_index(Path(self.output_path), rendered, folder)


PAGES_PER_WRITER = 500  # below this, forking costs more than it saves
WRITERS_YIELD = 8  # nice increment of the page writers while Pagefind indexes


def _writers(pages: list[Page]) -> int:
    """How many processes write the pages; one where a path repeats, so that Pelican's
    writer sees every page and refuses to overwrite one."""
    if len({page.path for page in pages}) < len(pages):
        return 1
    return max(1, min(cores(), len(pages) // PAGES_PER_WRITER))


def _finalized(pelican: Any) -> None:
    build = _current
    if build is None or build.site is None:
        return
    output = Path(pelican.output_path)
    try:
        # search, sitemap, leak guard: once Pelican has copied the theme's files too
        finish_site(build.site, output, build.search)
    except LeakError as error:
        # `refcat build` discards its staging folder; plain `pelican content` wrote in place
        if build.in_place:
            for relative in error.files:
                (output / relative).unlink(missing_ok=True)
        raise


# This process's catalog build: handed over by `run_pelican`, or made by the first
# generator of plain `pelican content`. Pelican builds one catalog per process.
_current: CatalogBuild | None = None


def _catalog_build(settings: dict[str, Any]) -> CatalogBuild:
    global _current
    if _current is None:
        _current = plain_build(settings)
    return _current


def plain_build(settings: dict[str, Any]) -> CatalogBuild:
    """Plain `pelican content`: a review of its own, as of REFCAT_AS_OF or else today
    (the one place besides the command line that reads the clock)."""
    from refcat.checks.load import load  # only plain `pelican content` reviews here

    policy = policy_from(settings, "pelicanconf.py", frozenset(KIND_OF))
    as_of = settings.get("REFCAT_AS_OF") or date.today()
    if isinstance(as_of, str):  # `pelican content -e REFCAT_AS_OF='"2026-11-25"'`
        as_of = date.fromisoformat(as_of)
    content = Path(settings["PATH"])
    with gc_policy.for_review():
        catalog = load(content, cache_folder(content))
    report = review(catalog, policy, as_of)
    return CatalogBuild(settings["REFCAT_AUDIENCE"], report, in_place=True)


def run_pelican(
    build: CatalogBuild, content: Path, settings_file: Path | None, output: Path
) -> Site:
    """Build one audience with Pelican into `output` (called in a process of its own);
    the site it built."""
    from pelican import Pelican
    from pelican.settings import read_settings

    global _current
    _current = build
    logging.getLogger("pelican").setLevel(logging.WARNING)
    override = {
        **CATALOG_SETTINGS,
        "PATH": str(content.resolve()),
        "OUTPUT_PATH": str(output.resolve()),
        "CACHE_PATH": str(output.resolve().parent / f"cache-{build.audience}"),
        "REFCAT_AUDIENCE": build.audience,
        "REFCAT_SETTINGS_FILE": str(settings_file) if settings_file else "",
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    if not _theme_exists(settings_file):
        override["THEME"] = str(BUILTIN_THEME)  # a project may omit theme/
    settings = read_settings(str(settings_file) if settings_file else None, override=override)
    settings["PLUGINS"] = with_this_plugin(settings.get("PLUGINS") or [])
    try:
        Pelican(settings).run()
    finally:
        build.cancel_search()  # a build failed after the writing: Pagefind must stop too
    if build.site is None:
        raise RuntimeError("the refcat plugin did not run")
    return build.site


# The names a project's PLUGINS may give this plugin; the last is the module path of
# refcat before 0.2, when the code was installed as a top-level `generator` package.
PLUGIN_NAMES = ("refcat", __name__, "generator.pelican_plugin")


def with_this_plugin(plugins: list[Any]) -> list[Any]:
    """The project's plugins with this one once, by its module path (`refcat build`)."""
    if "generator.pelican_plugin" in plugins:
        print(
            'refcat: PLUGINS names "generator.pelican_plugin", the old module path; '
            'name it "refcat" (plain `pelican content` needs the new name)',
            file=sys.stderr,
        )
    return [p for p in plugins if p not in PLUGIN_NAMES] + [__name__]


def _theme_exists(settings_file: Path | None) -> bool:
    """Does the THEME of the settings file exist? (Pelican refuses to start otherwise.)"""
    from pelican.settings import get_settings_from_file

    if settings_file is None:
        return True
    theme = get_settings_from_file(str(settings_file)).get("THEME")
    if not theme:
        return True
    return (settings_file.resolve().parent / theme).is_dir() or (PELICAN_THEMES / theme).is_dir()
