"""Settings for publishing: pelicanconf.py plus the website's address.

`refcat build --settings publishconf.py` (or `pelican content -s publishconf.py`);
the address is used for absolute URLs, such as those in sitemap.xml.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this project's pelicanconf.py

from pelicanconf import *  # noqa: F403

SITEURL = "https://www.example.com/references"
RELATIVE_URLS = False
