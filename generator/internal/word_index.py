"""The internal catalog's word index: which references hold a word, and in which field.

The catalog needs, for a search, the set of references that match (to combine with the
facets and count them) and, for the cards shown, which field matched. Pagefind ranks
every match instead: for a word in 9,600 of 10,000 references that takes it 0.5 to 2 s
of a rep's processor, before a single card can change. This index answers both
questions with a lookup. Words are cut into chunks by their first two letters,
`data/words/<hex of those letters>.json`, so a search loads only the chunks of the words
typed (internal.search.js starts loading them while the rep types):

    {"fields": ["story", "title", ...], "words": {"migration": [2, 1, 1, 5, 3, 1, ...]}}

Each word's list holds, for every reference holding it, the gap from the previous
reference's position and a bit mask of the fields holding it (bit i: `fields[i]`). A
reference's position is its place among the references' ids in sorted order, which
moves only when a reference comes or goes: the finder's ranking, the order of the rows
of `data/references.json`, changes every day, and a chunk must change only when its
words do (a rebuild keeps unchanged files, and uploads carry only those that changed).
`data/word-rows.json` maps each position to its row (`[row of position 0, ...]`), one
small file that changes with the ranking. Words are lowercased, without diacritics,
split at anything but letters and digits; internal.search.js does the same to what a
rep types: keep both in step.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from refcat.generator.internal.search_record import SearchRecord

WORDS_PATH = "data/words/{key}.json"  # internal.search.js knows it too
ROWS_PATH = "data/word-rows.json"  # and this one
# The story first: bit 0, the mask of most words, is the shortest to write.
FIELDS = (
    "story",
    "title",
    "summary",
    "customer",
    "country",
    "strengths",
    "products",
    "technologies",
    "languages",
    "benefits",
    "quote",
    "caveats",
)
_WORD = re.compile(r"[^\W_]+")

Postings = dict[str, dict[int, int]]  # word -> reference position -> field mask


def words(text: str) -> list[str]:
    """The words of `text` as the index holds them: 'Zürich-based' -> ['zurich', 'based']."""
    plain = text.lower()
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return _WORD.findall(plain)


def record_fields(record: SearchRecord) -> dict[str, str]:
    """The text of each field of a reference's search record."""
    page = record.page
    quote = page.quote
    return {
        "story": _text(page.story_html),
        "title": page.card.title,
        "summary": page.card.summary or "",
        "customer": record.customer or "",
        "country": record.country or "",
        "strengths": ", ".join(record.strengths),
        "products": ", ".join(record.products),
        "technologies": ", ".join(record.technologies),
        "languages": ", ".join(record.languages),
        "benefits": "; ".join(page.benefits),
        "quote": " ".join(filter(None, (quote.text, quote.author, quote.role))) if quote else "",
        "caveats": _text(page.caveats_html),
    }


def _text(html: Markup | None) -> str:
    return Markup(html).striptags() if html else ""


def postings(records: Iterable[SearchRecord], order: Mapping[str, int]) -> Postings:
    """For each word, the references (by position in `order`) holding it and where."""
    found: Postings = defaultdict(dict)
    for record in records:
        position = order.get(record.page.card.id)
        if position is None:
            continue
        fields = record_fields(record)
        for bit, field in enumerate(FIELDS):
            for word in set(words(fields[field])):
                at = found[word]
                at[position] = at.get(position, 0) | 1 << bit
    return found


def positions(row_ids: Sequence[str]) -> tuple[dict[str, int], str]:
    """Each reference's position in the index (its id's place in sorted order), from the
    ids in the order of `data/references.json`'s rows; and `data/word-rows.json`, which
    maps each position back to its row."""
    by_id = sorted(range(len(row_ids)), key=row_ids.__getitem__)
    order = {row_ids[row]: position for position, row in enumerate(by_id)}
    return order, json.dumps(by_id, separators=(",", ":"))


def chunk_key(word: str) -> str:
    """The file a word is in: the hex of its first two letters' UTF-8."""
    return word[:2].encode("utf-8").hex()


def word_chunks(records: Iterable[SearchRecord], order: Mapping[str, int]) -> dict[str, str]:
    """The index's files: path in the site -> JSON."""
    chunks: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, where in sorted(postings(records, order).items()):
        if len(word) < 2:  # a search looks up words of two letters or more
            continue
        chunks[chunk_key(word)][word] = _encoded(where)
    return {
        WORDS_PATH.format(key=key): json.dumps(
            {"fields": FIELDS, "words": chunk}, ensure_ascii=False, separators=(",", ":")
        )
        for key, chunk in chunks.items()
    }


def _encoded(where: dict[int, int]) -> list[int]:
    """[gap, mask, gap, mask, ...] in ascending positions, the first gap from 0."""
    encoded: list[int] = []
    previous = 0
    for position in sorted(where):
        encoded += [position - previous, where[position]]
        previous = position
    return encoded
