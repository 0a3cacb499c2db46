"""The brand a catalog wears: the `REFCAT_BRAND` dict of `pelicanconf.py`, every key optional.

Marketing sets the company's name, logo, colours, font, header and footer links, call
to action and the extra Content-Security-Policy sources of its analytics in one place.
Every value reaches CSS or HTML, so each is checked here against a narrow grammar
(a CSS colour, a font stack of plain names, an https source) rather than escaped later:
a bad value stops the build with the settings file and the key (exit 2).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from PIL import ImageColor
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from refcat.checks.policy import ConfigError, validation_problem

_COLOR = re.compile(
    r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
    r"|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%,/\s+-]*(?:deg)?[0-9.%,/\s+-]*\)"
)
_FONT_STACK = re.compile(r"[A-Za-z0-9 ,'\"-]+")
_FAMILY = re.compile(r"[A-Za-z0-9 -]+")
_URL = re.compile(r"(?:https?://|mailto:|/|#)[^\s\"'<>\\]*")
_SOURCE = re.compile(r"'self'|https://(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._~/-]*)?")
_TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
_FILE = re.compile(r"[^\0\\]+")


def _matching(pattern: re.Pattern[str], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"not {what}")
        return value

    return AfterValidator(check)


def _relative_file(value: str) -> str:
    """A file inside the project: never an absolute path or one climbing out of it."""
    if not _FILE.fullmatch(value) or value.startswith("/") or ".." in value.split("/"):
        raise ValueError("not a relative path inside the project")
    return value


def _color(value: str) -> str:
    """A colour both the browser and the share images' drawing (Pillow) understand."""
    try:
        ImageColor.getrgb(value)
    except ValueError:
        raise ValueError("not a colour: give #rrggbb, rgb(r, g, b) or hsl(h, s%, l%)") from None
    return value


Color = Annotated[
    str,
    _matching(_COLOR, "a CSS colour: #rgb, #rrggbb, rgb(...) or hsl(...)"),
    AfterValidator(_color),
]
Url = Annotated[
    str, Field(max_length=2000), _matching(_URL, "a URL: https://..., mailto:..., /path or #id")
]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Source = Annotated[str, _matching(_SOURCE, "a CSP source: 'self' or https://host[:port][/path]")]
TemplateName = Annotated[str, _matching(_TEMPLATE, "a template name such as 'brand/header.html'")]
FamilyName = Annotated[str, Field(max_length=80), _matching(_FAMILY, "a font family name")]
ProjectFile = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_relative_file)]


class _Setting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colors(_Setting):
    """The theme's custom properties (`--brand-*`); each left out keeps the neutral look."""

    primary: Color | None = None  # links, buttons, the call to action
    primary_text: Color | None = None  # text on a primary button
    accent: Color | None = None  # decoration beside the primary colour
    ink: Color | None = None  # body text
    surface: Color | None = None  # footer and quiet panels
    dark: Color | None = None  # quotes and the dark panels


class FontFile(_Setting):
    """A self-hosted web font (woff2 or woff), published with the catalog."""

    path: ProjectFile
    weight: int = Field(400, ge=100, le=900)
    style: Literal["normal", "italic"] = "normal"


class Font(_Setting):
    stack: Annotated[
        str, Field(max_length=300), _matching(_FONT_STACK, "a font stack of names and commas")
    ]
    # the @font-face name of `files`; the first name of the stack by default
    family: FamilyName | None = None
    files: tuple[FontFile, ...] = Field((), max_length=12)

    @property
    def face_name(self) -> str:
        return self.family or self.stack.split(",")[0].strip().strip("'\"")


class Link(_Setting):
    text: Text
    url: Url


class CallToAction(_Setting):
    text: Text  # the button's label
    url: Url
    title: Text | None = None  # the heading beside the button
    note: Text | None = None  # one sentence beside the button


class CspSources(_Setting):
    """Sources added to the public catalog's Content-Security-Policy (never the internal
    one's: analytics on the sales catalog would report who looks at which customer)."""

    script_src: tuple[Source, ...] = ()
    connect_src: tuple[Source, ...] = ()
    img_src: tuple[Source | Literal["data:"], ...] = ()
    font_src: tuple[Source | Literal["data:"], ...] = ()
    style_src: tuple[Source, ...] = ()


class BrandSettings(_Setting):
    name: Text | None = None  # the company's name in the header; SITENAME by default
    logo: ProjectFile | None = None  # beside the settings file, or in content/
    logo_alt: Text | None = None  # only when the logo says more than the name beside it
    colors: Colors = Colors()
    font: Font | None = None
    header_links: tuple[Link, ...] = Field((), max_length=8)
    footer_links: tuple[Link, ...] = Field((), max_length=20)
    head_template: TemplateName | None = None  # partials in the project's theme/templates
    header_template: TemplateName | None = None
    footer_template: TemplateName | None = None
    cta: CallToAction | None = None
    footer_note: Text | None = None
    csp: CspSources = CspSources()


def brand_settings(settings: dict[str, Any], where: str) -> BrandSettings:
    """The validated `REFCAT_BRAND` of `settings`, or ConfigError naming `where` and the key."""
    raw = settings.get("REFCAT_BRAND") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: REFCAT_BRAND must be a dict")
    try:
        return BrandSettings.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            validation_problem(i).replace("Value error, ", "") for i in error.errors()
        )
        raise ConfigError(f"{where}: REFCAT_BRAND: {problems}") from None
