"""HTML pages to their visible text, one block per line, with their title, date and URL metadata.

The publication date comes from the page's markup through ``htmldate`` (Open Graph and
article meta tags, JSON-LD, ``<time>`` elements, the URL), never from the body text, where
dates are the dates of events.

Untrusted pages can nest tags absurdly deep (100,000 ``<div>`` in 1 MB), which makes tree
parsers and CSS selectors take minutes; :func:`limit_nesting` flattens them first in one
linear pass, as browsers do.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bs4 import Tag
    from bs4.element import PageElement

_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "aside")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")
# Where each piece of metadata comes from, most trusted first: (tag, attribute, its value, or
# None for any value). The value is the tag's content, datetime or href.
_META_SOURCES: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "url": (("link", "rel", "canonical"), ("meta", "property", "og:url")),
    "title": (("meta", "property", "og:title"),),
}


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Reduce HTML to its visible text, one block per line, plus title/date/url metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta = _metadata(soup)
    published = _markup_date(soup, meta.get("url"))
    if published:
        meta["date"] = published
    if "title" not in meta:
        heading = soup.find("h1") or soup.find("title")
        if heading and heading.get_text(strip=True):
            meta["title"] = heading.get_text(" ", strip=True)
    body = soup.body
    if body is None or any(parent.name in _DROPPED_TAGS for parent in body.parents):  # broken markup
        return _visible_text(soup), meta
    return _visible_text(body), meta


def _metadata(soup: Tag) -> dict[str, str]:
    """URL and title from the first tag of each kind in :data:`_META_SOURCES`.

    One pass over the page's meta, link and time tags (a CSS selector per kind would walk the
    whole tree once per kind: seconds on a page of 100,000 elements).
    """
    wanted = [source for sources in _META_SOURCES.values() for source in sources]
    first: dict[tuple[str, str, str | None], Tag] = {}
    for tag in soup.find_all(["meta", "link", "time"]):
        for source in wanted:
            name, attribute, value = source
            found = _attribute(tag, attribute) if tag.name == name else None
            if found is not None and (value is None or found == value):
                first.setdefault(source, tag)
    meta: dict[str, str] = {}
    for key, sources in _META_SOURCES.items():
        for source in sources:
            chosen = first.get(source)
            content = chosen and (chosen.get("content") or chosen.get("datetime") or chosen.get("href"))
            if isinstance(content, str) and content.strip():
                meta[key] = content.strip()
                break
    return meta


_DATE_PROPS = ("datePublished", "dateCreated")
"""``itemprop`` values of body elements that state a date in markup (not prose)."""


def _markup_date(soup: Tag, url: str | None) -> str | None:
    """The original publication date the page's markup states (``YYYY-MM-DD``), if any.

    ``htmldate`` sees the page's head and dated elements only: given the body, it would also
    read dates in the prose. The dated elements are found with ``find_all``, not a CSS selector:
    on a page of 100,000 elements a selector takes seconds.
    """
    from htmldate import find_date

    dated = [*soup.find_all("time", datetime=True), *soup.find_all(itemprop=list(_DATE_PROPS))]
    markup = f"<html>{soup.head or ''}<body>{''.join(str(tag) for tag in dated)}</body></html>"
    try:
        return find_date(markup, extensive_search=False, original_date=True, url=url)
    except ValueError:  # markup htmldate cannot read: no date rather than no article
        return None


def _attribute(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else value  # rel="a b" is a list in BeautifulSoup


def _visible_text(root: Tag) -> str:
    """The text a reader sees under ``root``: dropped tags left out, a line break around each block.

    One walk over the tree's children lists, so it stays linear on pages with 100,000
    siblings (editing the tree instead, with ``decompose`` or ``insert_before``, looks up
    each tag's position among its siblings: quadratic).
    """
    from bs4 import CData, NavigableString, Tag

    parts: list[str] = []
    pending: list[PageElement | str] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, Tag):
            if node.name in _DROPPED_TAGS:
                continue
            block = node.name in _BLOCK_TAGS
            if block:
                parts.append("\n")
                pending.append("\n")  # after its children
            pending.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData, str):  # not comments, doctypes, processing instructions
            parts.append(str(node))
    return "".join(parts)


# Markup that matters for nesting: a comment opener or a start/end tag. ``[^<>]*`` (not
# ``[^>]*``) keeps every failed match short, so the pass stays linear on hostile input.
_MARKUP = re.compile(r"<!--|<(/?)([A-Za-z][\w:-]*)[^<>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})
# Tags whose end tag HTML lets authors leave out: the next one of the same name closes them,
# and any block start closes an open <p>; without this, an old page of 600 unclosed <p>
# would count as nested 600 deep.
_CLOSED_BY_SIBLING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form", "h1",
                       "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
                       "table", "ul"})


class _Open(NamedTuple):
    name: str
    dropped: bool


class _Nesting:
    """The stack of open elements, as far as nesting depth is concerned."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.stack: list[_Open] = []
        self.counts: Counter[str] = Counter()

    def open(self, name: str) -> bool:
        """Enter ``name``; whether its start tag lies too deep (and is dropped)."""
        if self.stack and (self.stack[-1].name == name in _CLOSED_BY_SIBLING
                           or (self.stack[-1].name == "p" and name in _CLOSES_P)):
            self._pop()
        dropped = len(self.stack) >= self.max_depth
        self.stack.append(_Open(name, dropped))
        self.counts[name] += 1
        return dropped

    def close(self, name: str) -> bool:
        """Leave the innermost open ``name`` (and what is open inside it); whether its end tag is dropped."""
        if not self.counts[name]:
            return False  # a stray end tag: the parser ignores it
        while True:
            element = self._pop()
            if element.name == name:
                return element.dropped

    def _pop(self) -> _Open:
        element = self.stack.pop()
        self.counts[element.name] -= 1
        return element


def limit_nesting(html: str, max_depth: int) -> tuple[str, int]:
    """``html`` without the tags nested deeper than ``max_depth`` (their text is kept), and how many were left out.

    One pass over the markup, linear in its length whatever it holds (unclosed comments,
    scripts or tags included). Pages nested less deeply come back unchanged.
    """
    if html.count("<") <= max_depth:  # too few tags to nest that deep
        return html, 0
    lowered = html.lower()
    nesting = _Nesting(max_depth)
    kept: list[str] = []
    last = dropped = position = 0
    while match := _MARKUP.search(html, position):
        position = match.end()
        if match.group(0) == "<!--":
            end = html.find("-->", position)
            position = len(html) if end < 0 else end + 3
            continue
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            drop = nesting.close(name)
        elif name in _VOID or match.group(0).endswith("/>"):
            continue
        else:
            drop = nesting.open(name)
            if name in _RAW_TEXT:  # its content is text, not markup: skip to its end tag
                end = lowered.find(f"</{name}", position)
                position = len(html) if end < 0 else end
        if drop:
            kept.append(html[last : match.start()])
            last = match.end()
            dropped += 1
    if not dropped:
        return html, 0
    kept.append(html[last:])
    return "".join(kept), dropped
