"""Share images: the 1200x630 PNG that LinkedIn, X and Facebook show for a reference page.

Social networks do not display an SVG logo as a link preview, so each public reference
gets a picture of its own: the title, the customer's label (the anonymized one where
the reference is), the logo only where the public view has one (its consent allows),
and the headline figure, the first benefit that starts with a number. Everything drawn
comes from the public view (`ShareCard`), and those texts go to the leak guard, which
cannot read text inside a PNG.

The same card gives the same bytes: a bundled font (DejaVu Sans, see fonts/LICENSE.txt;
never a system font), no metadata, no compression search.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import resvg_py
from PIL import Image, ImageDraw, ImageFont, features

from refcat.generator.public.figures import first_figure
from refcat.generator.public.views import PublicReference

RENDERER_VERSION = "1"  # raise when the layout changes: every cached image is redrawn
SIZE = (1200, 630)
MARGIN = 72
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
LOGO_BOX = (360, 120)  # the largest a logo is drawn, on its white plate
ELLIPSIS = "…"
# a logo's text is drawn with the bundled font whatever family it names: no system font
SVG_FONTS = {
    "skip_system_fonts": True,
    "font_files": [str(REGULAR), str(BOLD)],
    **{f"{generic}_family": "DejaVu Sans" for generic in ("font", "sans_serif", "serif")},
}


@dataclass(frozen=True)
class Palette:
    """The share image's colours: one place, so a brand setting can replace them."""

    background: str = "#1e2533"  # the theme's neutral look (generator.brand_site: the brand's)
    accent: str = "#9aa5b8"
    text: str = "#ffffff"
    muted: str = "#c9cfdb"
    plate: str = "#ffffff"


PALETTE = Palette()


@dataclass(frozen=True)
class ShareCard:
    """What one share image shows, all of it from the public view."""

    title: str
    label: str  # the customer's name, or the anonymized label
    figure: str | None
    logo: bytes | None  # the published (sanitized) logo, only where the view shows one
    logo_kind: str | None  # "svg" or a raster suffix

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts handed to the renderer, for the leak guard."""
        return tuple(t for t in (self.title, self.label, self.figure) if t)

    @property
    def alt(self) -> str:
        """The image's description, for `og:image:alt`."""
        return " · ".join(self.texts)


def share_path(reference: PublicReference) -> str:
    """Where a reference's share image is written, named by its public id as its page is."""
    return f"share/{reference.id}.png"


def share_card(reference: PublicReference, logo_files: dict[str, bytes]) -> ShareCard:
    logo = logo_files.get(reference.logo_url) if reference.logo_url else None
    kind = reference.logo_url.rsplit(".", 1)[-1] if logo and reference.logo_url else None
    figure = first_figure(reference.benefits)  # the page's first headline figure, as written
    return ShareCard(reference.title, reference.customer_label, figure, logo, kind)


def card_digest(card: ShareCard, palette: Palette = PALETTE) -> str:
    """A digest of everything that decides the image's bytes: the cache key."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (RENDERER_VERSION, _renderer_identity(), repr(palette), *_card_parts(card)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(card.logo or b"")
    return digest.hexdigest()


def _card_parts(card: ShareCard) -> tuple[str, ...]:
    return (card.title, card.label, card.figure or "\x01", card.logo_kind or "\x01")


@cache
def _renderer_identity() -> str:
    """The code, libraries and font that draw the image: another version of any of them
    may draw other bytes, and a cache must never serve an image the code would not draw."""
    code = Path(__file__).read_bytes()
    fonts_and_code = hashlib.blake2b(REGULAR.read_bytes() + BOLD.read_bytes() + code, digest_size=8)
    libraries = (Image.__version__, features.version("freetype2") or "", zlib.ZLIB_RUNTIME_VERSION)
    return " ".join((*libraries, fonts_and_code.hexdigest()))


def render(card: ShareCard, palette: Palette = PALETTE) -> bytes:
    """The PNG bytes of a share image."""
    image = _background(palette).copy()
    draw = ImageDraw.Draw(image)
    top = MARGIN
    logo = _logo(card)
    if logo is not None:
        top = _draw_logo(image, draw, logo, palette) + 36
    label_font = _font(REGULAR, 34)
    draw.text(
        (MARGIN, top), _fit(card.label, label_font, _width()), font=label_font, fill=palette.muted
    )
    title_font = _font(BOLD, 60 if logo is None else 54)
    lines = _wrap(card.title, title_font, _width(), 3 if logo is None else 2)
    draw.multiline_text(
        (MARGIN, top + 62), "\n".join(lines), font=title_font, fill=palette.text, spacing=14
    )
    if card.figure:
        figure_font = _font(BOLD, 40)
        figure = "\n".join(_wrap(card.figure, figure_font, _width(), 2))
        draw.multiline_text(
            (MARGIN, SIZE[1] - MARGIN), figure, font=figure_font, fill=palette.accent, anchor="ld"
        )
    output = io.BytesIO()
    # no text chunks, no time: same card, same bytes; level 3 draws in two thirds of the
    # time of the default 6, for files a sixth larger
    image.save(output, "PNG", optimize=False, compress_level=3)
    return output.getvalue()


@lru_cache(maxsize=4)  # the same for every image: drawn once per process and palette
def _background(palette: Palette) -> Image.Image:
    image = Image.new("RGB", SIZE, palette.background)
    ImageDraw.Draw(image).rectangle((0, 0, 16, SIZE[1]), fill=palette.accent)
    return image


def _width() -> int:
    return SIZE[0] - 2 * MARGIN


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Words into lines of at most `width` pixels; the last line ends in an ellipsis when
    the text does not fit in `max_lines`."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = _fit(f"{lines[-1]} {' '.join(words)}", font, width)
    return [_fit(line, font, width) for line in lines]


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text`, cut to `width` pixels with an ellipsis where it is longer."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text.rstrip() + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _logo(card: ShareCard) -> Image.Image | None:
    return _logo_image(card.logo, card.logo_kind) if card.logo is not None else None


@lru_cache(maxsize=64)  # a customer's logo is drawn once for all its references
def _logo_image(logo: bytes, kind: str | None) -> Image.Image | None:
    """The logo as an RGBA image that fits LOGO_BOX; None when the published file cannot
    be drawn (the page still shows it, the picture goes without)."""
    try:
        if kind == "svg":
            svg = logo.decode("utf-8")
            png = resvg_py.svg_to_bytes(svg_string=svg, width=LOGO_BOX[0] * 2, **SVG_FONTS)
            image = Image.open(io.BytesIO(png))
        else:
            image = Image.open(io.BytesIO(logo))
        image = image.convert("RGBA")
    except (ValueError, OSError, UnicodeDecodeError):
        return None
    image.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    return image


def _draw_logo(
    image: Image.Image, draw: ImageDraw.ImageDraw, logo: Image.Image, palette: Palette
) -> int:
    """The logo on a white plate at the top left (logos are made for light backgrounds);
    the plate's bottom edge."""
    padding = 20
    bottom = MARGIN + logo.height + 2 * padding
    plate = (MARGIN, MARGIN, MARGIN + logo.width + 2 * padding, bottom)
    draw.rounded_rectangle(plate, radius=12, fill=palette.plate)
    image.paste(logo, (MARGIN + padding, MARGIN + padding), logo)
    return bottom
