"""Text basics every stage shares: sentence spans with exact offsets, and the spaCy pipeline."""

from __future__ import annotations

from geo.text.language import language_model
from geo.text.sentences import Sentences, split_sentences

__all__ = ["Sentences", "language_model", "split_sentences"]
