"""Pelican settings of a second, differently branded catalog: Lumio, a payments company.

refcat build --content examples/lumio/content --settings examples/lumio/pelicanconf.py
"""

AUTHOR = "Lumio"
SITENAME = "Lumio customer stories"
SITEURL = ""
REFCAT_SITE_URL = "https://www.lumio.example/customers"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "en"
PLUGINS = ["refcat"]

REFCAT = {"consent_warn_days": 60}

# Everything that makes the catalogs look like Lumio's, in one place.
REFCAT_BRAND = {
    "name": "Lumio",
    "logo": "content/brand/lumio.svg",
    "colors": {
        "primary": "#0b6e4f",
        "primary_text": "#ffffff",
        "accent": "#f4a259",
        "ink": "#14231d",
        "surface": "#f2f7f4",
        "dark": "#0d2b22",
    },
    "font": {
        "stack": '"Open Sans", "Segoe UI", Arial, sans-serif',
        "files": [
            {"path": "content/brand/fonts/open-sans-regular.woff2", "weight": 400},
            {"path": "content/brand/fonts/open-sans-bold.woff2", "weight": 700},
        ],
    },
    "header_links": [
        {"text": "Pricing", "url": "https://www.lumio.example/pricing"},
        {"text": "Developers", "url": "https://docs.lumio.example/"},
    ],
    "footer_links": [
        {"text": "About Lumio", "url": "https://www.lumio.example/about"},
        {"text": "Privacy", "url": "https://www.lumio.example/privacy"},
        {"text": "Imprint", "url": "https://www.lumio.example/imprint"},
    ],
    "head_template": "brand/head.html",  # in theme/templates beside this file
    "cta": {
        "title": "Take payments like they do",
        "text": "Book a demo",
        "url": "https://www.lumio.example/demo",
        "note": "A payments specialist shows you Lumio with your own checkout.",
    },
    "footer_note": "Lumio B.V., Amsterdam. Stories published with our merchants' consent.",
    "csp": {"script_src": ["https://plausible.io"], "connect_src": ["https://plausible.io"]},
}
