"""SVG logos: what in one could run or call out, and the sanitized form that is published.

An SVG is a document: opened directly, its scripts run on the catalog's origin, and
its external references let someone else's server see every visitor. svg-hush (a
maintained allow-list sanitizer) removes scripts, handlers, `foreignObject` and
`javascript:` links, but turns an external address into a path on our own site; so
refcat names what it finds for the `unsafe-logo` rule itself, and removes every
reference that leaves the logo from what svg-hush returns.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from xml.parsers import expat

from py_svg_hush import filter_svg

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# images embedded in the logo itself: kept, they call nothing and run nothing
EMBEDDED = {"image": ["png", "jpeg", "gif", "webp"]}
_EMBEDDED_URL = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*(?P<url>[^'\")]*)\1\s*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(
    r"""@import\s*(?:url\(\s*)?['"]?(?P<url>[^'")\s;]*)[^;]*;?""", re.IGNORECASE
)
_STYLESHEET = re.compile(r"""href\s*=\s*['"](?P<url>[^'"]*)""")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")  # browsers skip these in `java script:`
_LINKS = {"href", "src"}
_ANIMATIONS = {"set", "animate"}


class SvgError(ValueError):
    """The file is not an SVG refcat reads; the message says why."""


def unsafe_parts(svg: bytes) -> tuple[str, ...]:
    """What the sanitizer will remove, as words for a message, in document order;
    `SvgError` when the bytes are not an SVG document refcat reads."""
    scan = _Scan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_internal_subset
    parser.EntityDeclHandler = _refuse_entities  # outside a subset too, whatever expat allows
    parser.StartElementHandler = scan.element
    parser.EndElementHandler = scan.end
    parser.ProcessingInstructionHandler = scan.instruction
    parser.CharacterDataHandler = scan.text
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise SvgError(f"is not well-formed XML ({reason}, line {error.lineno})") from None
    return tuple(scan.found)


def _refuse_internal_subset(name: str, system: str | None, public: str | None, subset: int) -> None:
    if subset:  # entities and default attributes: a way to hide or multiply content
        raise SvgError("declares a DTD internal subset (<!ENTITY>, <!ATTLIST>); refcat reads none")


def _refuse_entities(*declaration: object) -> None:
    raise SvgError("declares XML entities; refcat reads none")


class _Scan:
    """Walks the elements: the root decides that this is an SVG, the rest what is unsafe."""

    def __init__(self) -> None:
        self.found: dict[str, None] = {}  # an ordered set of descriptions
        self.root_seen = False
        self.styles = 0  # open <style> elements: their text is CSS

    def element(self, name: str, attributes: dict[str, str]) -> None:
        if not self.root_seen and name != f"{SVG} svg":
            raise SvgError(_not_svg(name))
        self.root_seen = True
        local = name.rpartition(" ")[2]
        self.styles += local == "style"
        if local in ("script", "foreignObject"):
            self.found[f"a <{local}> element"] = None
        for attribute, value in attributes.items():
            self.attribute(local, attribute.rpartition(" ")[2], value)

    def attribute(self, element: str, key: str, value: str) -> None:
        found = self.found
        if key.lower().startswith("on"):
            found[f"an {key} handler"] = None
        elif key in _LINKS:
            _link(value, found)
        if element in _ANIMATIONS and key == "attributeName" and _is_link_or_handler(value):
            found[f"a <{element}> that changes {value}"] = None
        if "url(" in value.lower():
            _css(value, found)

    def end(self, name: str) -> None:
        self.styles -= name.endswith(" style")

    def text(self, text: str) -> None:
        if self.styles:
            _css(text, self.found)

    def instruction(self, target: str, text: str) -> None:
        if target == "xml-stylesheet":
            href = _STYLESHEET.search(text)
            _external(href["url"] if href else text, self.found)


def _not_svg(root: str) -> str:
    if root.rpartition(" ")[2] == "svg":
        return f'has an <svg> root without xmlns="{SVG}": browsers do not show it as an image'
    return "is an XML document but not an SVG image (its root is not <svg>)"


def _is_link_or_handler(attribute: str) -> bool:
    key = attribute.rpartition(":")[2]
    return key in _LINKS or key.lower().startswith("on")


def _link(url: str, found: dict[str, None]) -> None:
    bare = _IGNORED_IN_SCHEME.sub("", url).lower()
    if bare.startswith("javascript:"):
        found["a javascript: link"] = None
    elif bare.startswith("data:"):
        if not _EMBEDDED_URL.match(bare):
            found[f"a {bare.partition(',')[0].partition(';')[0]} URL"] = None
    elif not bare.startswith("#") and bare:
        _external(url, found)


def _external(url: str, found: dict[str, None]) -> None:
    if not any(part.startswith("an external reference") for part in found):
        found[f"an external reference ({url.strip()})"] = None


def _css(text: str, found: dict[str, None]) -> None:
    for match in _CSS_IMPORT.finditer(text):
        _external(match["url"], found)
    for match in _CSS_URL.finditer(text):
        _link(match["url"], found)


def sanitized(svg: bytes) -> bytes:
    """The form published: svg-hush's output, without any reference out of the logo."""
    try:
        hushed = filter_svg(svg, keep_data_url_mime_types=EMBEDDED)
    except ValueError as error:
        raise SvgError(f"cannot be read by the SVG sanitizer ({error})") from None
    root = ElementTree.fromstring(hushed)  # svg-hush writes plain XML: no DTD, no entities
    if not _drop_references(root):
        return hushed
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _drop_references(root: ElementTree.Element) -> bool:
    """Remove links and CSS addresses that leave the logo; whether anything went."""
    changed = _drop_inert_animations(root)
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            key = attribute.rpartition("}")[2]
            if key in _LINKS and not _stays_inside(value):
                del element.attrib[attribute]
                changed = True
            elif "url(" in value.lower() and value != (local := _local_css(value)):
                element.attrib[attribute] = local
                changed = True
        if element.text and element.tag == f"{{{SVG}}}style":
            local = _local_css(element.text)
            changed |= local != element.text
            element.text = local
    return changed


def _stays_inside(url: str) -> bool:
    bare = url.strip()
    return bare.startswith("#") or bool(_EMBEDDED_URL.match(bare))


def _local_css(css: str) -> str:
    """CSS with `@import` gone and every `url()` that leaves the logo made `none`."""
    css = _CSS_IMPORT.sub("", css)
    return _CSS_URL.sub(lambda m: m[0] if _stays_inside(m["url"]) else "none", css)


def _drop_inert_animations(root: ElementTree.Element) -> bool:
    """svg-hush takes `attributeName` off an animation of a link or handler; its `to`
    and `values` would still hold the address or script as text."""
    changed = False
    for parent in root.iter():
        for child in list(parent):
            animation = child.tag.rpartition("}")[2] in _ANIMATIONS
            if animation and "attributeName" not in child.attrib:
                parent.remove(child)
                changed = True
    return changed
