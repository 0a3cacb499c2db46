"""Plain Pelican, as `pelican-quickstart` sets up a blog, ready to publish.

The yardstick of bench/build.py: the default theme (notmyidea), Pelican's default
feeds (all articles, per category, per author), quickstart's default pagination of
10 articles per page, and no content cache (Pelican's default). No plugins.
"""

AUTHOR = "Tessellate"
SITENAME = "Tessellate customer stories"
SITEURL = "https://blog.tessellate.example"  # a published blog: feeds get absolute links
PATH = "content"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
