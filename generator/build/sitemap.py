"""sitemap.xml and robots.txt: the public site invites crawlers, the internal one refuses."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(output: Path, paths: list[str], site_url: str) -> None:
    root = ET.Element("urlset", xmlns=NAMESPACE)
    base = site_url.rstrip("/")
    for path in sorted(paths):
        location = path.removesuffix("index.html")
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = f"{base}/{location}"
    ET.indent(root)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    (output / "sitemap.xml").write_text(xml + "\n", encoding="utf-8")


def write_robots(output: Path, *, public: bool, site_url: str) -> None:
    if public:
        sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
        text = f"User-agent: *\nAllow: /\n{sitemap}"
    else:
        text = "User-agent: *\nDisallow: /\n"
    (output / "robots.txt").write_text(text, encoding="utf-8")
