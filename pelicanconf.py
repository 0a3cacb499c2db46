"""Pelican settings of the demo catalog, including refcat's review policy (REFCAT).

`pelican content -s pelicanconf.py` builds the public catalog into output/public;
`refcat build` builds the public and the internal catalog.
"""

AUTHOR = "Tessellate"
SITENAME = "Tessellate customer references"
SITEURL = ""
# the public catalog's root: canonical URLs, feeds, sitemap.xml
REFCAT_SITE_URL = "https://www.tessellate.example/customers"
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

# The brand the catalogs wear (every key optional; see refcat's README, "Brand"):
# the theme itself is neutral, the demo company's look lives here and in content/brand/.
REFCAT_BRAND = {
    "name": "Tessellate",
    "logo": "content/brand/tessellate.svg",  # beside this file, or in content/
    "colors": {
        "primary": "#3340c4",
        "primary_text": "#ffffff",
        "accent": "#8a93e6",
        "ink": "#161a22",
        "surface": "#f6f7fa",
        "dark": "#161a33",
    },
    "header_links": [{"text": "tessellate.example", "url": "https://www.tessellate.example/"}],
    "footer_links": [
        {"text": "Product", "url": "https://www.tessellate.example/product"},
        {"text": "Privacy", "url": "https://www.tessellate.example/privacy"},
    ],
    "cta": {
        "title": "Planning a project like these?",
        "text": "Talk to us",
        "url": "https://www.tessellate.example/contact",
        "note": "Our team puts you in touch with a customer in your industry.",
    },
}
