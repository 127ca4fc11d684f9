"""Only regular files inside the corpus folder are articles: no hang, no abort, a clear reason.

A corpus can hold anything a careless user or an attacker leaves there: a FIFO named like an
article (reading it blocks for ever), a link to ``/dev/zero`` (reading it never ends), a
link loop, a link to ``/etc/passwd`` (a file outside the corpus), empty files, a file name
that is not UTF-8. The build runs in a child process with a memory cap and a generous time
limit, so a regression fails this test instead of hanging or swapping the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.errors import CorpusError
from geo.ingest.read import load_corpus, load_document, load_paths, read_regular_file
from tests.support.pipeline_fakes import ARTICLES, write_corpus

_BUILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # reading /dev/zero must fail, not swap
from tests.support.pipeline_fakes import build_fake
summary = build_fake(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"documents": summary.documents, "skipped": dict(summary.skipped)}))
"""
NOT_REGULAR = "not a regular file"
LINK = "symbolic link"


def _hostile_corpus(folder: Path) -> Path:
    write_corpus(folder, ARTICLES)
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "inside.txt").symlink_to(folder / "a_baku.txt")  # a link, even to an article in the folder
    (folder / "root.txt").symlink_to("/")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \n\t\n")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Officials met in Baku.", encoding="utf-8")
    return folder


def test_a_build_skips_every_hostile_entry_with_its_reason(tmp_path: Path) -> None:
    corpus = _hostile_corpus(tmp_path / "corpus")
    child = subprocess.run(
        [sys.executable, "-c", _BUILD, str(corpus), str(tmp_path / "out")],
        env={**os.environ, "PYTHONPATH": str(settings.ROOT)}, capture_output=True, timeout=300, check=False,
    )
    assert child.returncode == 0, child.stderr.decode(errors="replace")[-3000:]
    result = json.loads(child.stdout.decode().splitlines()[-1])
    assert result["documents"] == len(ARTICLES)
    skipped = result["skipped"]
    assert NOT_REGULAR in skipped["fifo.txt"]
    for name in ("zero.txt", "loop.txt", "passwd.txt", "inside.txt", "root.txt"):
        assert LINK in skipped[name], name
    assert skipped["empty.txt"] == skipped["empty.md"] == skipped["blank.md"] == "empty file"
    assert "not valid UTF-8" in skipped["caf\N{REPLACEMENT CHARACTER}.txt"]


def test_loading_a_folder_reads_no_file_outside_it(tmp_path: Path) -> None:
    corpus = _hostile_corpus(tmp_path / "corpus")
    documents, skipped = load_corpus(corpus)
    assert sorted(d.file_name for d in documents) == sorted(ARTICLES)
    assert not any("root:" in d.text for d in documents)
    assert LINK in dict(skipped)["passwd.txt"]


def test_reading_one_file_refuses_links_and_special_files(tmp_path: Path) -> None:
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "fifo.txt")
    with pytest.raises(CorpusError, match=LINK):
        load_document(tmp_path / "passwd.txt")
    with pytest.raises(CorpusError, match=NOT_REGULAR):
        read_regular_file(tmp_path / "fifo.txt", limit=100)
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    with pytest.raises(CorpusError, match="too large"):
        read_regular_file(tmp_path / "big.txt", limit=100)


def test_a_link_named_on_the_command_line_is_followed(tmp_path: Path) -> None:
    article = write_corpus(tmp_path / "elsewhere", ARTICLES) / "a_baku.txt"
    (tmp_path / "link.txt").symlink_to(article)
    documents, skipped = load_paths([tmp_path / "link.txt"])
    assert [d.file_name for d in documents] == ["link.txt"]
    assert skipped == []
