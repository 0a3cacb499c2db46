"""Hypothesis strategies for small, schema-valid but hostile catalog projects.

Every record validates (right keys, right types, existing dates), so what the
property tests exercise is the pipeline's handling of valid content: unicode names
with markup in them, dates at the calendar's ends, Markdown that is deep, broken or
full of HTML. Records are the dicts `tests.factories.Project` writes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from tests.factories import AS_OF, DROP

SCOPES = ("name", "logo", "quote", "case-study", "reference-call", "site-visit", "press")
SECTORS = ("banking", "asset-management")  # tests.factories.taxonomy_record's
STRENGTHS = ("zero-downtime-migration", "cost-reduction")
PRODUCTS = ("data-hub", "classic-portal")
VERDICTS = ("reference", "no-reference")
RELEASES = ("os@1", "os@2.0", "os@3.10")  # the lifecycle file `lifecycle_releases` writes

HOSTILE = (
    "<script>alert(1)</script>",
    "</title><h1>x",
    '"><img src=x onerror=alert(1)>',
    "{{ x }}",
    "{% if x %}",
    "&amp;",
    "&#0;",
    "&#x1F600;",
    "&nbsp;",
    "'",
    '"',
    "`",
    "\\",
    "|",
    "*",
    "_",
    "#",
    "%s",
    "${x}",
    "]]>",
    "-->",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x1b[2J",
    "😀",
    "Straße ÆØÅ 東京",
    "[link](javascript:alert(1))",
    "x" * 3000,
    "word " * 400,
)
_CHARS = st.characters(exclude_categories=("Cs",))  # surrogates cannot be written as UTF-8
text = (
    st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(_CHARS, max_size=12)), min_size=1, max_size=5
    )
    .map("".join)
    .filter(bool)
)
maybe_text = st.none() | text
slug_text = st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)

_ENDS = (date.min, date.min + timedelta(days=1), date.max - timedelta(days=1), date.max)
day = st.one_of(
    st.sampled_from(_ENDS),
    st.integers(-400, 400).map(lambda offset: AS_OF + timedelta(days=offset)),
    st.dates(),
)
maybe_day = st.none() | day

_FRAGMENTS = (
    "The bank moved **core banking** to the new platform in *one* weekend.",
    "[press release](https://example.com/a_(b)) and <https://example.com>",
    "[x](javascript:alert(1)) ![logo](data:image/svg+xml;base64,PHN2Zz4=)",
    '<div onclick="alert(1)"><p>raw</p></div>',
    "<script>document.write('x')</script>",
    "<!-- a comment --> <iframe src=x></iframe>",
    "&amp; &lt;tag&gt; &#x1F600; &#0; &#xD800; &bogus;",
    "| a | b |\n|---|---|\n| 1 | 2 |\n| <b>3</b> | [4](https://x.example) |",
    "```python\n{{ secret }}\n</code></pre><script>x</script>\n```",
    "~~~\nunclosed fence",
    "# Heading {#id}\n\nSetext\n======",
    "> quote\n> > nested\n> > > deeper",
    "1. one\n   - two\n     * three\n\n       para",
    "***bold italic*** __*mixed*__ **unclosed",
    "Footnote[^1].\n\n[^1]: The note.",
    "    indented code <b>",
    "line with trailing spaces  \nbreak",
    "[ref]: https://example.com 'title'\n\nA [ref] link.",
)


@st.composite
def story(draw: st.DrawFn) -> str:
    """Markdown blocks, realistic and hostile, some nested deep."""
    blocks = draw(st.lists(_block(), max_size=6))
    newline = draw(st.sampled_from(("\n", "\r\n")))
    return "\n\n".join(blocks).replace("\n", newline) + newline


def _block() -> st.SearchStrategy[str]:
    depth = st.integers(1, 60)
    return st.one_of(
        st.sampled_from(_FRAGMENTS),
        text,
        depth.map(lambda n: "\n".join("  " * i + "- item" for i in range(n))),
        depth.map(lambda n: "> " * n + "quoted"),
        depth.map(lambda n: "*" * n + "emphasis" + "_" * n),
        depth.map(lambda n: "[" * n + "link" + "](x)" * n),
        depth.map(lambda n: "<div>" * n + "html" + "</div>" * n),
    )


@st.composite
def consent(draw: st.DrawFn) -> dict[str, Any]:
    record = {"scope": draw(st.sampled_from(SCOPES)), "granted": draw(day)}
    for key in ("expires", "withdrawn"):
        if (value := draw(maybe_day)) is not None:
            record[key] = value
    return record


@st.composite
def customer(draw: st.DrawFn, id: str) -> dict[str, Any]:
    """A customer record: its changes to `tests.factories.customer_record`."""
    record: dict[str, Any] = {
        "name": draw(text),
        "sector": draw(st.sampled_from(SECTORS)),
        "region": draw(maybe_text),
        "website": draw(st.none() | slug_text.map(lambda s: f"https://www.{s}.example/")),
        "rating": {"grade": draw(st.sampled_from("A1B2CD")), "reviewed": draw(day)},
        "consents": draw(st.lists(consent(), max_size=5)),
        "contacts": [{"name": draw(text), "role": draw(maybe_text), "referee": True}],
        "requests": draw(st.lists(_request(), max_size=4)),
        "reputation": draw(st.lists(_reputation(), max_size=2)),
        "nps": [{"date": draw(day), "score": draw(st.integers(0, 10))}],
        "status": {"state": draw(st.sampled_from(("active", "churned"))), "since": draw(day)},
        "notes": draw(story()),
    }
    return _dropping_none(record)


@st.composite
def _request(draw: st.DrawFn) -> dict[str, Any]:
    outcomes = ("pending", "done", "declined", "won", "lost")
    return {
        "date": draw(day),
        "kind": draw(st.sampled_from(SCOPES)),
        "prospect": draw(text),
        "outcome": draw(st.sampled_from(outcomes)),
    }


@st.composite
def _reputation(draw: st.DrawFn) -> dict[str, Any]:
    entry = {"date": draw(day), "summary": draw(text)}
    entry["severity"] = draw(st.sampled_from(("watch", "blocking")))
    if (resolved := draw(maybe_day)) is not None:
        entry["resolved"] = resolved
    return entry


@st.composite
def reference(draw: st.DrawFn, customers: list[str]) -> dict[str, Any]:
    """A reference record's changes to `tests.factories.reference_record`."""
    quote = {"text": draw(text), "author": draw(text), "role": draw(maybe_text)}
    if (approved := draw(maybe_day)) is not None:
        quote["approved"] = approved
    record: dict[str, Any] = {
        "customer": draw(st.sampled_from(customers)),
        "title": draw(text),
        "summary": draw(text),
        "completed": draw(day),
        "publish": draw(st.sampled_from(("public", "internal"))),
        "products": draw(st.lists(st.sampled_from(PRODUCTS), unique=True)),
        "technologies": draw(st.lists(st.sampled_from(RELEASES), unique=True)),
        "industry": draw(st.none() | st.sampled_from(SECTORS)),
        "region": draw(maybe_text),
        "strengths": {"technical": draw(st.lists(st.sampled_from(STRENGTHS), unique=True))},
        "benefits": draw(st.lists(text, max_size=3)),
        "quote": quote if draw(st.booleans()) else None,
        "evaluation": {"date": draw(day), "verdict": draw(st.sampled_from(VERDICTS))},
        "anonymize": draw(st.none() | st.booleans()),
        "review_by": draw(maybe_day),
        "caveats": draw(st.none() | story()),
    }
    return _dropping_none(record)


@st.composite
def lifecycle_releases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """The releases of RELEASES, each ending on a date or a boolean."""
    ends = st.one_of(day, st.booleans())
    return [{"releaseCycle": cycle, "eol": draw(ends)} for cycle in ("1", "2.0", "3.10")]


def _dropping_none(record: dict[str, Any]) -> dict[str, Any]:
    """None leaves the key out, also where the factories' baseline record has one."""
    return {key: DROP if value is None else value for key, value in record.items()}


@st.composite
def program(draw: st.DrawFn) -> dict[str, Any]:
    """1-4 customers, 1-6 references of theirs, and the lifecycle of their technology."""
    customer_ids = draw(st.lists(slug_text, min_size=1, max_size=4, unique=True))
    reference_ids = draw(st.lists(slug_text, min_size=1, max_size=6, unique=True))
    return {
        "customers": {id: draw(customer(id)) for id in customer_ids},
        "references": {f"r-{id}": draw(reference(customer_ids)) for id in reference_ids},
        "releases": draw(lifecycle_releases()),
        "bodies": {f"r-{id}": draw(story()) for id in reference_ids},
    }
