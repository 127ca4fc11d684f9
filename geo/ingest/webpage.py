"""HTML pages to their visible text, one block per line, with their title, date and URL metadata.

The publication date comes from the page's markup through ``htmldate`` (Open Graph and
article meta tags, JSON-LD, ``<time>`` elements, the URL), never from the body text, where
dates are the dates of events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "aside")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Reduce HTML to its visible text, one block per line, plus title/date/url metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for key, selectors in {
        "url": ('link[rel="canonical"]', 'meta[property="og:url"]'),
        "title": ('meta[property="og:title"]',),
    }.items():
        for selector in selectors:
            tag = soup.select_one(selector)
            value = tag and (tag.get("content") or tag.get("datetime") or tag.get("href"))
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
                break
    published = _markup_date(soup, meta.get("url"))
    if published:
        meta["date"] = published
    if "title" not in meta:
        heading = soup.find("h1") or soup.find("title")
        if heading and heading.get_text(strip=True):
            meta["title"] = heading.get_text(" ", strip=True)
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text(), meta


_DATED = "time[datetime], [itemprop=datePublished], [itemprop=dateCreated]"
"""Body elements that state a date in markup (not prose)."""


def _markup_date(soup: BeautifulSoup, url: str | None) -> str | None:
    """The original publication date the page's markup states (``YYYY-MM-DD``), if any.

    ``htmldate`` sees the page's head and dated elements only: given the body, it would also
    read dates in the prose.
    """
    from htmldate import find_date

    markup = f"<html>{soup.head or ''}<body>{''.join(str(tag) for tag in soup.select(_DATED))}</body></html>"
    try:
        return find_date(markup, extensive_search=False, original_date=True, url=url)
    except ValueError:  # markup htmldate cannot read: no date rather than no article
        return None
