"""The share images' PNG writer: any RGB image comes back pixel for pixel, in a valid file."""

from __future__ import annotations

import io
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from refcat.generator.public.share_images import ShareCard, render
from refcat.generator.public.share_png import SIGNATURE, encode


def _decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _idat(png: bytes) -> bytes:
    """The zlib stream: decompressing it checks its Adler-32 as well."""
    start = png.index(b"IDAT") + 4
    return png[start : png.index(b"IEND") - 8]


@st.composite
def images(draw: st.DrawFn) -> Image.Image:
    """Small RGB images made of a few distinct rows, so that rows repeat in runs."""
    width = draw(st.integers(1, 24))
    rows = draw(st.lists(st.binary(min_size=width * 3, max_size=width * 3), min_size=1, max_size=3))
    order = draw(st.lists(st.integers(0, len(rows) - 1), min_size=1, max_size=80))
    return Image.frombytes("RGB", (width, len(order)), b"".join(rows[i] for i in order))


@settings(max_examples=150, deadline=None)
@given(image=images())
def test_every_image_comes_back_pixel_for_pixel(image: Image.Image):
    png = encode(image)
    decoded = _decoded(png)
    assert png.startswith(SIGNATURE)
    assert (decoded.mode, decoded.size) == ("RGB", image.size)
    assert decoded.tobytes() == image.tobytes()
    zlib.decompress(_idat(png))  # raises on a wrong checksum


def test_a_share_image_decodes_to_what_was_drawn_and_is_smaller_than_pillows():
    png = render(ShareCard("Core banking moved over one weekend", "Acme Bank", "31 %", None, None))
    drawn = _decoded(png)
    pillows = io.BytesIO()
    drawn.save(pillows, "PNG", compress_level=3)
    assert _decoded(pillows.getvalue()).tobytes() == drawn.tobytes()
    assert len(png) < len(pillows.getvalue())
    assert encode(drawn) == png  # the same picture, the same bytes
