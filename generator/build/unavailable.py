"""The public catalog's last resort: one page saying the catalog is unavailable.

Swapped in when a failed build leaves nothing else that is safe to show, so it must not
depend on what may have failed: it is rendered here, without Pelican, from refcat's own
theme (a project's theme may be what broke the build), and shows no record at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from refcat.generator.brand_site import unavailable_brand
from refcat.generator.build.site import BUILTIN_THEME, theme_environment

DEFAULT_SITENAME = "Customer references"


def write_unavailable_site(folder: Path, settings: Path | None) -> None:
    """`folder`: index.html saying the catalog is unavailable, with the theme's style."""
    environment = theme_environment()
    brand = unavailable_brand(settings, _sitename(settings))
    page = environment.get_template("public/unavailable.html").render(
        page_title="Catalog unavailable",
        SITENAME=_sitename(settings),
        SITEURL=".",
        audience="public",
        brand=brand,
    )
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    static = BUILTIN_THEME / "static"
    (folder / "theme" / "css").mkdir(parents=True)
    shutil.copyfile(static / "css" / "site.css", folder / "theme" / "css" / "site.css")
    shutil.copytree(static / "img", folder / "theme" / "img")
    for target, published in brand.files.items():  # its stylesheet, logo and fonts
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        (folder / target).write_bytes(published)


def _sitename(settings: Path | None) -> str:
    """The project's SITENAME; the default where the settings cannot be read (they may
    be why the build failed)."""
    if settings is None:
        return DEFAULT_SITENAME
    from pelican.settings import get_settings_from_file

    try:
        name = get_settings_from_file(str(settings)).get("SITENAME")
    except Exception:  # any error of the project's own Python file
        return DEFAULT_SITENAME
    return name if isinstance(name, str) and name else DEFAULT_SITENAME
