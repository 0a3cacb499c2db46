"""Pelican settings of the demo catalog, including refcat's review policy (REFCAT).

`pelican content -s pelicanconf.py` builds the public catalog into output/public;
`refcat build` builds the public and the internal catalog.
"""

AUTHOR = "Tessellate"
SITENAME = "Tessellate customer references"
SITEURL = ""
REFCAT_SITE_URL = "https://www.tessellate.example/references"  # absolute URLs in sitemap.xml
PATH = "content"
OUTPUT_PATH = "output/public"
# THEME: a folder of templates and static files overriding refcat's own; without it,
# `theme/` beside `content/` is used when it exists (a project may omit it).
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"

PLUGINS = ["refcat"]

# Records are parsed by refcat, never published by Pelican as articles or static files.
ARTICLE_EXCLUDES = PAGE_EXCLUDES = STATIC_EXCLUDES = [
    "customers",
    "references",
    "lifecycle",
    "logos",
]
STATIC_PATHS: list[str] = []
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

REFCAT = {
    "rating_review_days": 365,
    "consent_warn_days": 60,
    "eol_warn_days": 180,
    "max_reference_age_days": 1825,
    "request_limit": {"count": 3, "days": 90},
    "severity": {},
    "lifecycle_field": "eol",
}
