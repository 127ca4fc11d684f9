"""Sentence spans: every map feature quotes one, so offsets must be exact."""

from geo.text.sentences import split_sentences


def test_splits_on_terminal_punctuation_and_keeps_offsets() -> None:
    text = "Mr. Smith flew to Baku. He met Gen. Lee in St. Petersburg on Monday! Then “he left.” Done."
    sentences = split_sentences(text)
    got = [text[s:e] for s, e in sentences.spans]
    assert got == [
        "Mr. Smith flew to Baku.",
        "He met Gen. Lee in St. Petersburg on Monday!",
        "Then “he left.”",
        "Done.",
    ]


def test_blank_lines_end_a_sentence_and_lookup_finds_it() -> None:
    text = "Headline without a dot\n\nBody starts here. Second."
    sentences = split_sentences(text)
    assert sentences.sentence_at(text.index("Body")) == "Body starts here."
    assert sentences.sentence_at(3) == "Headline without a dot"


def test_empty_text_has_no_spans() -> None:
    assert split_sentences("   ").spans == ()
