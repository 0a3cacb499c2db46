"""Plain Pelican: its defaults, plus the few settings `pelican-quickstart` asks for.

The yardstick of bench/build.py: the default theme (notmyidea), Pelican's default
feeds (all articles, per category, per author), quickstart's default pagination of
10 articles per page, and no content cache (Pelican's default). No plugins.

Quickstart's own publishconf.py leaves the per-author feeds out; without them Pelican
takes about a tenth less time (measured at 2,000 articles).
"""

AUTHOR = "Tessellate"
SITENAME = "Tessellate customer stories"
SITEURL = "https://blog.tessellate.example"  # a published blog: feeds get absolute links
PATH = "content"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
