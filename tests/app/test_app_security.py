"""The app as an attacker or a careless user meets it.

- Every text that comes from an article (title, canonical URL, file name, mention, reason a
  file was skipped) is shown as text: in no element that renders Markdown does it become a
  link, an image (which the browser would fetch) or a directive.
- A damaged corrections file or store gives a short message naming the file, never a traceback.
- The server listens on 127.0.0.1 unless opened on purpose, and shows no error details.
"""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import psutil
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.store import tables as store
from tests.app import APP_TIMEOUT
from tests.app.test_app import _navigation_mode  # noqa: F401 - the fixture runs the pages as a live server does
from tests.support import app_fixtures

APP = settings.ROOT / "app.py"
EVIL = "evil.invalid"
TITLE = f"![x](http://{EVIL}/t.png) [read](http://{EVIL}) :red[alert] $x^2$ <img src=http://{EVIL}/i.png> www.{EVIL}"
URL = f"http://{EVIL}/canonical)![y](http://{EVIL}/u.png"
FILE = f"[file](http://{EVIL}).txt"
_MARKDOWN_ELEMENTS = ("title", "header", "subheader", "caption", "markdown", "success", "error", "info", "warning")


def _hostile_tables() -> dict:
    tables = app_fixtures.tables()
    documents = tables["documents"]
    documents.loc[documents["doc_id"] == "d1", ["title", "url", "file_name"]] = [TITLE, URL, FILE]
    for name in ("mentions", "events"):
        tables[name].loc[tables[name]["doc_id"] == "d1", "document"] = FILE
    return tables


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    manifest = {"built_at": "2026-01-01T00:00:00Z", "skipped": [{"file": FILE, "reason": TITLE}],
                "warnings": [{"file": FILE, "warning": TITLE}]}
    with store.locked(folder):
        store.write_store(folder, _hostile_tables(), cache={}, manifest=manifest)
    return folder


def _app(store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CORRIDOR_ATLAS_STORE", str(store_dir))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORRECTIONS", str(tmp_path / "corrections.csv"))
    monkeypatch.setenv("CORRIDOR_ATLAS_CACHE", str(tmp_path / "cache"))  # the log goes here
    return AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)


def _rendered_markdown(at: AppTest) -> list[str]:
    """The Markdown source of every element that renders Markdown, wherever it is on the page."""
    sources = [element.value for kind in _MARKDOWN_ELEMENTS for element in at.get(kind)]
    return [str(source) for source in sources if EVIL in _as_read(str(source))]


def _as_read(source: str) -> str:
    """What a reader sees of a Markdown source: its rendered text."""
    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(source))).strip()


def _links_and_images(source: str) -> list[str]:
    found = []
    for token in MarkdownIt("commonmark").parse(source):
        found += [child.type for child in token.children or [] if child.type in ("link_open", "image", "html_inline")]
    if "://" in source or f"www.{EVIL}" in source:  # GFM autolinks a bare URL; escaped it stays text
        found.append("autolink")
    return found


def test_article_text_is_never_markdown_on_any_page(hostile_store: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corrections.csv").write_text(
        "doc_id,document,start,end,text,action,place_id,note,created\n"
        f"d1,\"{FILE}\",0,4,\"{TITLE}\",not_place,,\"{TITLE}\",\n", encoding="utf-8")
    at = _app(hostile_store, tmp_path, monkeypatch)
    at.run()
    shown = _rendered_markdown(at)
    for page in ("pages/places.py", "pages/about.py", "pages/documents.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        shown += _rendered_markdown(at)
    at.selectbox(key="doc").set_value("d1").run()
    shown += _rendered_markdown(at)
    crafted = _app(hostile_store, tmp_path, monkeypatch)
    crafted.query_params["text"] = f"[q](http://{EVIL}/q)"  # a crafted link to the app
    crafted.run()
    shown += _rendered_markdown(crafted)
    crafted.switch_page("pages/export.py").run()
    shown += _rendered_markdown(crafted)
    read = " ".join(_as_read(source) for source in shown)
    for text in (TITLE, URL, FILE, f"[q](http://{EVIL}/q)"):  # each was shown, exactly as written
        assert text in read, text
    for source in shown:
        assert _links_and_images(source) == [], source


def test_a_damaged_corrections_file_is_named_on_the_places_page(hostile_store: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corrections.csv").write_bytes(b"doc_id,document,start,end,text,action\nd1,caf\xe9.txt,0,4,Baku,not_place\n")
    at = _app(hostile_store, tmp_path, monkeypatch)
    at.run()
    at.switch_page("pages/places.py").run()
    assert not at.exception
    assert any("corrections.csv: not UTF-8" in _as_read(e.value) for e in at.error), [e.value for e in at.error]
    assert at.dataframe  # the places are still listed


def test_a_damaged_store_is_a_short_message_with_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "store"
    with store.locked(folder):
        store.write_store(folder, app_fixtures.tables(), cache={}, manifest={})
    documents = folder / "documents.parquet"
    documents.write_bytes(documents.read_bytes()[:200])
    at = _app(folder, tmp_path, monkeypatch)
    at.run()
    assert not at.exception
    message = _as_read(at.error[0].value)
    assert "documents.parquet cannot be read (Parquet magic bytes not found in footer)" in message
    assert "app.log" in message
    log = (tmp_path / "cache" / "logs" / "app.log").read_text(encoding="utf-8")
    assert "Traceback" in log  # the details are kept, on the server


def test_the_shipped_config_hides_error_details_and_listens_locally() -> None:
    config = tomllib.loads((settings.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"


def _listening(env: dict[str, str], tmp_path: Path) -> set[str]:
    """The addresses ``streamlit run app.py`` (as ``make run`` starts it) listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    with subprocess.Popen(command, cwd=settings.ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as server:
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                found = {c.laddr.ip for c in psutil.Process(server.pid).net_connections(kind="inet")
                         if c.status == psutil.CONN_LISTEN and c.laddr.port == port}
                if found:
                    return found
                time.sleep(0.3)
            return set()
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_the_server_binds_to_localhost_unless_opened_on_purpose(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env["CORRIDOR_ATLAS_STORE"] = str(tmp_path / "store")
    assert _listening(env, tmp_path) == {"127.0.0.1"}
    assert _listening({**env, "STREAMLIT_SERVER_ADDRESS": "0.0.0.0"}, tmp_path) == {"0.0.0.0"}  # noqa: S104
