"""A share image's PNG bytes in about half of Pillow's time, the same bytes for the same picture.

A share image is mostly its background, and Pillow filters and deflates every one of
its 2.3 MB. Here a row equal to the one above is written with PNG's "Up" filter, which
makes it all zeros, and a run of such rows is a piece of deflate stream compressed
once per process: a full flush before each piece makes it independent of what precedes
it, and what follows it independent of the piece. The other rows are deflated as they
are. zlib's version is part of what draws the image (share_images' renderer identity).

    signature | IHDR | IDAT (zlib header, deflate pieces, Adler-32) | IEND
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVEL = 3  # as Pillow was asked: smaller levels save nothing here, larger ones cost
_ZLIB_HEADER = b"\x78\x5e"  # deflate, 32 KiB window, "fast" levels (a multiple of 31)
_ADLER = 65521
_NONE, _UP = b"\0", b"\2"


def encode(image: Image.Image) -> bytes:
    """The PNG of an RGB image: no metadata, no time, the same image the same bytes."""
    width, height = image.size
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", _zlib(image)) + _chunk(b"IEND")


def _chunk(kind: bytes, data: bytes = b"") -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _zlib(image: Image.Image) -> bytes:
    """The filtered rows as a zlib stream: runs of repeated rows from the pieces."""
    raw, stride = image.tobytes(), image.size[0] * 3
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    pieces, adler, previous, repeated = [_ZLIB_HEADER], 1, b"", 0
    for start in range(0, len(raw), stride):
        row = raw[start : start + stride]
        if row == previous:
            repeated += 1
            continue
        if repeated:
            pieces += [deflate.flush(zlib.Z_FULL_FLUSH), *_repeats(stride, repeated)]
            adler, repeated = _adler_of_repeats(adler, stride, repeated), 0
        pieces.append(deflate.compress(_NONE + row))
        adler = zlib.adler32(_NONE + row, adler)
        previous = row
    if repeated:
        pieces += [deflate.flush(zlib.Z_FULL_FLUSH), *_repeats(stride, repeated)]
        adler = _adler_of_repeats(adler, stride, repeated)
    pieces += [deflate.flush(zlib.Z_FINISH), struct.pack(">I", adler)]
    return b"".join(pieces)


def _repeats(stride: int, count: int) -> list[bytes]:
    """`count` rows equal to the one above, from pieces of 1, 2, 4 ... rows."""
    return [_repeat_piece(stride, bit) for bit in range(count.bit_length()) if count >> bit & 1]


@lru_cache(maxsize=64)
def _repeat_piece(stride: int, power: int) -> bytes:
    """2**power "Up" rows of zeros, deflated on their own and fully flushed."""
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return deflate.compress((_UP + bytes(stride)) * (1 << power)) + deflate.flush(zlib.Z_FULL_FLUSH)


def _adler_of_repeats(adler: int, stride: int, count: int) -> int:
    """Adler-32 continued over `count` rows of `_UP` and `stride` zeros, in closed form:
    zeros leave the sum `a` as it is and add it to `b` once each."""
    a, b = adler & 0xFFFF, adler >> 16
    b = (b + (stride + 1) * (count * a + count * (count + 1))) % _ADLER
    a = (a + 2 * count) % _ADLER
    return b << 16 | a
