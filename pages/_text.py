"""Text from articles, shown as text.

Streamlit renders Markdown in titles, captions, messages and ``st.write``: links, images (which
the browser fetches at once), ``:color[...]`` and ``:material/...:`` directives, ``$math$``. A
title, canonical URL or file name comes from an untrusted article, so every ASCII punctuation
character in it is backslash-escaped (CommonMark's escape for each of them): it reads exactly as
written, and nothing in it becomes a link, an image or a directive.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: object) -> str:
    """``text`` escaped for any Streamlit element that renders Markdown, on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))
