"""Articles in: read files, decode bytes, clean the text, find the publication date, take uploads.

Everything downstream works on the cleaned text of a :class:`geo.models.Document`; its offsets
are the ones every mention and event refers to.
"""

from __future__ import annotations

from geo.ingest.clean import clean_text
from geo.ingest.decode import decode_bytes
from geo.ingest.document import build_document, content_id
from geo.ingest.published import find_publication_date
from geo.ingest.read import load_corpus, load_document, load_paths, source_hash
from geo.ingest.uploads import UploadReport, add_uploads, store_uploads

__all__ = ["UploadReport", "add_uploads", "build_document", "clean_text", "content_id", "decode_bytes", "find_publication_date", "load_corpus", "load_document", "load_paths", "source_hash", "store_uploads"]
