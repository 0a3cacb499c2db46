"""Share images by the digest of what they show, so a nightly build redraws only the new.

Each image is one file, `<card digest>.share`, in `.refcat-cache/share/`, written whole
(see checks.cache_files) after a header line with a digest of the key and the PNG's
bytes. A file whose digest does not match (cut short, edited, from another version) is
not used: the image is drawn again and the file replaced. The cache only costs time
when it fails; a folder that cannot be written just means every image is drawn.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refcat.checks.cache_files import remove_stale_temporaries, write_atomically
from refcat.checks.run import cache_folder
from refcat.generator.build.workers import cores, fork_map
from refcat.generator.public.share_images import (
    PALETTE,
    Palette,
    ShareCard,
    card_digest,
    render,
    share_card,
    share_path,
)
from refcat.generator.public.views import PublicCatalog

MAGIC = b"refcat-share-1 "
DRAWN_PER_PROCESS = 16  # fewer images are drawn sooner than processes start


class ShareImages:
    """Share images from the cache folder, drawn where the cache has none."""

    def __init__(self, folder: Path | None, palette: Palette = PALETTE) -> None:
        self.folder = folder
        self.palette = palette  # the brand's colours
        self.drawn = 0  # how many this build drew rather than found
        if folder is not None:
            remove_stale_temporaries(folder)

    def images(self, cards: list[ShareCard]) -> list[bytes]:
        """Each card's image, in order: from the cache, or drawn (on every core when many)."""
        keys = [card_digest(card, self.palette) for card in cards]
        found = [self._read(key) for key in keys]
        missing = [i for i, png in enumerate(found) if png is None]
        processes = cores() if len(missing) >= DRAWN_PER_PROCESS else 1
        draw = functools.partial(render, palette=self.palette)
        drawn = fork_map(draw, [cards[i] for i in missing], processes)
        for i, png in zip(missing, drawn, strict=True):
            found[i] = png
            if self.folder is not None:
                write_atomically(self.folder / f"{keys[i]}.share", _header(keys[i], png) + png)
        self.drawn += len(missing)
        return [png for png in found if png is not None]

    def image(self, card: ShareCard) -> bytes:
        return self.images([card])[0]

    def _read(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            stored = (self.folder / f"{key}.share").read_bytes()
        except OSError:
            return None
        header, _, png = stored.partition(b"\n")
        return png if header + b"\n" == _header(key, png) else None


def _header(key: str, png: bytes) -> bytes:
    digest = hashlib.blake2b(key.encode() + b"\0" + png, digest_size=16).hexdigest()
    return MAGIC + digest.encode() + b"\n"


@dataclass(frozen=True)
class SharedImage:
    """One reference's share image: where it is written, what it shows, its bytes."""

    path: str
    card: ShareCard
    png: bytes


def share_images(
    catalog: PublicCatalog, folder: Path | None, palette: Palette = PALETTE
) -> dict[str, SharedImage]:
    """Each public reference's share image, by its public id."""
    cards = [share_card(reference, catalog.logo_files) for reference in catalog.references]
    pngs = ShareImages(folder, palette).images(cards)
    return {
        reference.id: SharedImage(share_path(reference), card, png)
        for reference, card, png in zip(catalog.references, cards, pngs, strict=True)
    }


def share_folder(settings: dict[str, Any]) -> Path | None:
    """The cache of share images, beside the project's other caches; None without one."""
    content = settings.get("PATH")
    caches = cache_folder(Path(content)) if content else None
    return caches / "share" if caches is not None else None
