"""The brand as both catalogs wear it: what the templates show and the files it publishes.

The settings (see generator.brand) become one `SiteBrand`: the texts and links the
header, footer and call to action show, and the files written beside the theme's own:
`theme/css/brand.css` (the colours and font as custom properties; the CSP allows no
inline style), the logo in its clean form (sanitized as a customer's logo is) and the
self-hosted font files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refcat.checks.logos import LogoError, read_logo
from refcat.checks.policy import ConfigError, load_settings
from refcat.generator.brand import (
    BrandSettings,
    CallToAction,
    Colors,
    CspSources,
    Link,
    brand_settings,
)

if TYPE_CHECKING:
    from refcat.generator.public.share_images import Palette

BRAND_CSS = "theme/css/brand.css"
BRAND_FOLDER = "theme/brand"
FONT_MAGIC = {b"wOF2": "woff2", b"wOFF": "woff"}
MAX_FONT_BYTES = 2 << 20
BASE_CSP = {
    "default-src": ("'self'",),
    "img-src": ("'self'",),
    "style-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),  # Pagefind's search runs as WebAssembly
    "connect-src": ("'self'",),
    "font-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
}


@dataclass(frozen=True)
class SiteBrand:
    """What the templates show of the brand (`brand` in every page's context)."""

    name: str
    logo_url: str | None = None  # relative to SITEURL
    logo_alt: str = ""
    header_links: tuple[Link, ...] = ()
    footer_links: tuple[Link, ...] = ()
    head_template: str | None = None
    header_template: str | None = None
    footer_template: str | None = None
    cta: CallToAction | None = None
    footer_note: str | None = None
    csp_sources: CspSources = field(default_factory=CspSources)
    font_stack: str | None = None
    colors: Colors = field(default_factory=Colors)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)  # output path -> bytes

    def csp(self, audience: str) -> str:
        """The page's Content-Security-Policy: the brand's sources on the public catalog only."""
        extra = self.csp_sources if audience == "public" else CspSources()
        directives = dict(BASE_CSP)
        for name, sources in extra.model_dump().items():
            directive = name.replace("_", "-")
            directives[directive] = tuple(dict.fromkeys((*directives[directive], *sources)))
        return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())

    @property
    def texts(self) -> tuple[str, ...]:
        """The words the pages print from the settings: public by definition (leak guard)."""
        links = (*self.header_links, *self.footer_links)
        cta = self.cta.model_dump().values() if self.cta else ()
        words = (self.name, self.logo_alt, self.footer_note, self.font_stack, *cta)
        linked = (x for link in links for x in (link.text, link.url))
        return tuple(t for t in (*words, *linked) if t)


def site_brand(settings: dict[str, Any], origin: Path | None) -> SiteBrand:
    """The brand of a catalog's Pelican settings; `origin` is the settings file, whose
    folder the logo and font paths are relative to (else content/). ConfigError if bad."""
    where = str(origin) if origin else "settings"
    brand = brand_settings(settings, where)
    content = Path(str(settings.get("PATH") or "content"))
    folders = [origin.resolve().parent] if origin else []
    folders.append(content.resolve())
    sitename = str(settings.get("SITENAME") or "Customer references")
    project = origin.resolve().parent if origin else content.resolve().parent
    _check_templates(brand, settings, project, where)
    files: dict[str, bytes] = {}
    logo_url = _logo(brand, folders, where, files)
    files[BRAND_CSS] = brand_css(brand, _fonts(brand, folders, where, files)).encode()
    return SiteBrand(
        name=brand.name or sitename,
        logo_url=logo_url,
        logo_alt=brand.logo_alt or "",
        **brand.model_dump(include=TEMPLATE_KEYS),
        header_links=brand.header_links,
        footer_links=brand.footer_links,
        cta=brand.cta,
        csp_sources=brand.csp,
        font_stack=brand.font.stack if brand.font else None,
        colors=brand.colors,
        files=files,
    )


TEMPLATE_KEYS = {"head_template", "header_template", "footer_template", "footer_note"}


def _check_templates(
    brand: BrandSettings, settings: dict[str, Any], base: Path, where: str
) -> None:
    """A partial the settings name must be in the project's templates: a missing one would
    stop the build halfway with a traceback."""
    overrides = [base / str(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES") or []]
    themes = [base / str(settings.get("THEME") or "theme"), base / "theme"]
    folders = [*overrides, *(theme / "templates" for theme in themes)]
    for key in ("head_template", "header_template", "footer_template"):
        name = getattr(brand, key)
        if name is not None and not any((f / name).is_file() for f in folders):
            raise ConfigError(
                f"{where}: REFCAT_BRAND: {key}: no template '{name}' in the project's "
                "theme/templates or THEME_TEMPLATES_OVERRIDES"
            )


def _find(relative: str, folders: list[Path], where: str, key: str) -> Path:
    for folder in folders:
        if (folder / relative).is_file():
            return folder / relative
    searched = " or ".join(str(f) for f in folders)
    raise ConfigError(f"{where}: REFCAT_BRAND: {key}: no file '{relative}' in {searched}")


def _logo(
    brand: BrandSettings, folders: list[Path], where: str, files: dict[str, bytes]
) -> str | None:
    """The logo's published path, its clean bytes added to `files`."""
    if brand.logo is None:
        return None
    path = _find(brand.logo, folders, where, "logo")
    try:
        logo = read_logo(path, brand.logo, "a brand logo")
        published = logo.published
    except (LogoError, ValueError) as error:
        raise ConfigError(f"{where}: REFCAT_BRAND: logo: '{brand.logo}' {error}") from None
    target = f"{BRAND_FOLDER}/logo{logo.suffix}"
    files[target] = published
    return target


def _fonts(
    brand: BrandSettings, folders: list[Path], where: str, files: dict[str, bytes]
) -> list[str]:
    """The @font-face rules of the self-hosted fonts, their files added to `files`."""
    if brand.font is None:
        return []
    faces = []
    for number, font in enumerate(brand.font.files):
        original = _find(font.path, folders, where, f"font.files.{number}.path").read_bytes()
        kind = FONT_MAGIC.get(original[:4])
        if kind is None or len(original) > MAX_FONT_BYTES:
            raise ConfigError(
                f"{where}: REFCAT_BRAND: font.files.{number}.path: '{font.path}' "
                f"is not a woff2 or woff font of at most {MAX_FONT_BYTES >> 20} MiB"
            )
        name = f"font-{number}.{kind}"
        files[f"{BRAND_FOLDER}/{name}"] = original
        faces.append(
            f'@font-face {{ font-family: "{brand.font.face_name}"; '
            f'src: url("../brand/{name}") format("{kind}"); font-weight: {font.weight}; '
            f"font-style: {font.style}; font-display: swap; }}"
        )
    return faces


def brand_css(brand: BrandSettings, faces: list[str]) -> str:
    """The stylesheet loaded after site.css: the brand's custom properties and fonts."""
    colors = {f"--brand-{k.replace('_', '-')}": v for k, v in brand.colors if v is not None}
    if brand.font is not None:
        colors["--brand-font"] = brand.font.stack
    declarations = "".join(f"\n  {name}: {value};" for name, value in colors.items())
    rules = "\n".join(faces)
    heading = "/* The brand's colours and font, from REFCAT_BRAND. */"
    return f"{heading}\n{rules}\n:root {{{declarations}\n}}\n"


def neutral_brand(sitename: str = "Customer references") -> SiteBrand:
    """The look without brand settings (and where they cannot be read)."""
    return SiteBrand(name=sitename, files={BRAND_CSS: brand_css(BrandSettings(), []).encode()})


def check_brand(settings_file: Path | None, content: Path) -> None:
    """ConfigError for `refcat build` before anything is built when REFCAT_BRAND is bad."""
    if settings_file is not None:
        site_brand({**load_settings(settings_file), "PATH": str(content)}, settings_file)


def unavailable_brand(settings_file: Path | None, sitename: str) -> SiteBrand:
    """The brand of the "catalog unavailable" page: the project's where its settings can
    be read (they may be why the build failed), else the neutral look."""
    if settings_file is None:
        return neutral_brand(sitename)
    try:
        settings = load_settings(settings_file)
        content = settings_file.resolve().parent / str(settings.get("PATH") or "content")
        brand = site_brand({**settings, "PATH": str(content)}, settings_file)
    except ConfigError:
        return neutral_brand(sitename)
    # refcat's own templates only: the project's partials may be what broke the build
    return replace(brand, head_template=None, header_template=None, footer_template=None)


def share_palette(brand: SiteBrand | None) -> Palette:
    """The share images' colours: the brand's dark and accent colours where it sets them."""
    from PIL import ImageColor

    from refcat.generator.public.share_images import PALETTE, Palette

    if brand is None:
        return PALETTE
    background = brand.colors.dark or PALETTE.background
    dark = ImageColor.getrgb(background)
    muted = "#" + "".join(f"{round(c * 0.2 + 255 * 0.8):02x}" for c in dark[:3])
    return Palette(background, brand.colors.accent or PALETTE.accent, muted=muted)
