"""What a logo file is, by its content, and the form of it that is published.

A logo is an image and nothing else: SVG, PNG, JPEG or WebP as its bytes say, never as
its name says (a signed consent form saved as `acme.svg` is still a PDF), and never a
record file. What is published is not the file but a clean copy: an SVG as the
sanitizer leaves it (see checks.logo_svg), a raster image re-encoded without its
metadata (EXIF, XMP, text chunks: where and when a photo was taken, by whom, with
what). The ICC colour profile is kept, so colours stay right.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from refcat.checks.logo_svg import SvgError, sanitized, unsafe_parts

if TYPE_CHECKING:
    from PIL import Image

Kind = Literal["svg", "png", "jpeg", "webp"]
SUFFIX: dict[str, str] = {"svg": ".svg", "png": ".png", "jpeg": ".jpg", "webp": ".webp"}
MAX_BYTES = 5 << 20  # a logo is small; a larger file is not one (and costs every build)
MAX_PIXELS = 25_000_000  # 5000 x 5000: far beyond any logo, far below a decompression bomb
RECORD_FOLDERS = ("customers/", "references/", "lifecycle/")
RECORD_SUFFIXES = (".yaml", ".yml", ".md")
_RASTER = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}
_NOT_IMAGES = {  # what such a file often turns out to be, for a clearer message
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive or office document",
    b"GIF8": "a GIF image, which refcat does not publish",
    b"\xd0\xcf\x11\xe0": "an old office document",
}


class LogoError(ValueError):
    """The file is not a logo refcat publishes; the message completes "Logo '...' "."""


@dataclass(frozen=True, eq=False)
class Logo:
    """An image file, checked: its kind by content and what publishing it removes."""

    kind: Kind
    original: bytes
    unsafe: tuple[str, ...] = ()  # SVG parts the sanitizer removes, as words

    @property
    def suffix(self) -> str:
        return SUFFIX[self.kind]

    @cached_property
    def published(self) -> bytes:
        """The bytes written to the catalogs, computed once per process (see `prepare`)."""
        if self.kind == "svg":
            return sanitized(self.original)
        return _without_metadata(self.original, self.kind)


def is_record_file(relative: str) -> bool:
    """A path inside content/ that holds records: never a logo, whatever it contains."""
    return (
        relative.startswith(RECORD_FOLDERS)
        or relative == "taxonomy.yaml"
        or relative.lower().endswith(RECORD_SUFFIXES)
    )


def read_logo(path: Path, relative: str, noun: str = "a logo") -> Logo:
    """The logo at `path` (written as `relative` to content/), or `LogoError`.

    A story image is read by the same rules (`noun` "a story image"): any image a
    record names is published only in its clean form."""
    if is_record_file(relative):
        raise LogoError("is a record file, not an image")
    with path.open("rb") as file:
        original = file.read(MAX_BYTES + 1)
    if len(original) > MAX_BYTES:
        raise LogoError(f"is larger than {MAX_BYTES >> 20} MiB; {noun} is much smaller")
    if not original.strip():
        raise LogoError("is empty")
    for magic, what in _NOT_IMAGES.items():
        if original.startswith(magic):
            raise LogoError(f"is {what}, not an image")
    kind = _raster_kind(original, noun)
    if kind is not None:
        return Logo(kind, original)
    return _svg(original)


def _raster_kind(original: bytes, noun: str) -> Kind | None:
    """PNG, JPEG or WebP by magic bytes, confirmed by Pillow; None when no raster magic."""
    if original.startswith(b"\x89PNG\r\n\x1a\n"):
        expected = "PNG"
    elif original.startswith(b"\xff\xd8\xff"):
        expected = "JPEG"
    elif original[:4] == b"RIFF" and original[8:12] == b"WEBP":
        expected = "WEBP"
    else:
        return None
    from PIL import Image  # Pillow takes longer to import than a check of 1,000 records

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(original), formats=[expected]) as image:
                width, height = image.size
                image.verify()
    except Exception as error:  # Pillow raises many kinds for a broken file
        raise LogoError(f"is a damaged {expected} image ({error})") from None
    if width * height > MAX_PIXELS:
        raise LogoError(f"is {width} x {height} pixels; {noun} needs far fewer")
    return _RASTER[expected]  # type: ignore[return-value]


def _svg(original: bytes) -> Logo:
    if not original.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise LogoError("is not an image (SVG, PNG, JPEG or WebP) by its content")
    try:
        logo = Logo("svg", original, unsafe_parts(original))
        logo.published  # noqa: B018 - what the sanitizer cannot read is no logo
    except SvgError as error:
        raise LogoError(str(error)) from None
    return logo


def _without_metadata(original: bytes, kind: Kind) -> bytes:
    """The image re-encoded with its pixels, transparency and colour profile only;
    the same input always gives the same bytes."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(original)) as image:
        image.load()
        options = _encoder_options(image, kind, original)
        clean = ImageOps.exif_transpose(image)  # the EXIF orientation goes with the EXIF
        clean.info = {}
        output = io.BytesIO()
        clean.save(output, format=kind.upper(), **options)
    return output.getvalue()


def _encoder_options(image: Image.Image, kind: Kind, original: bytes) -> dict[str, object]:
    from PIL import JpegImagePlugin

    options: dict[str, object] = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if kind == "png" and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    if kind == "jpeg" and isinstance(image, JpegImagePlugin.JpegImageFile):
        # the original's quantization: re-encoding costs as little quality as it can
        options["qtables"] = image.quantization
        options["subsampling"] = JpegImagePlugin.get_sampling(image)
    if kind == "webp":
        options["lossless"] = _webp_bitstream(original) == b"VP8L"  # else lossy, as it was
    return options


def _webp_bitstream(original: bytes) -> bytes:
    """The fourcc of a WebP's image chunk: `VP8L` lossless, `VP8 ` lossy."""
    position = 12
    while position + 8 <= len(original):
        fourcc = original[position : position + 4]
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc
        size = int.from_bytes(original[position + 4 : position + 8], "little")
        position += 8 + size + (size & 1)
    return b""


def prepare(logos: Iterable[Logo | None]) -> None:
    """Make every published form now, so that the catalogs' processes forked afterwards
    share them instead of each re-encoding the same images."""
    for logo in logos:
        if logo is not None:
            logo.published  # noqa: B018 - a cached property: computed once, here
