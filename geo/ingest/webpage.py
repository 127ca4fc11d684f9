"""HTML pages to their visible text, one block per line, with their title, date and URL metadata."""

from __future__ import annotations

_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "aside")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Reduce HTML to its visible text, one block per line, plus title/date/url metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for key, selectors in {
        "date": ('meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]',
                 'meta[itemprop="datePublished"]', "time[datetime]"),
        "url": ('link[rel="canonical"]', 'meta[property="og:url"]'),
        "title": ('meta[property="og:title"]',),
    }.items():
        for selector in selectors:
            tag = soup.select_one(selector)
            value = tag and (tag.get("content") or tag.get("datetime") or tag.get("href"))
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
                break
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
