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


WRAPPED = (
    "Rail talks\n"
    "\n"
    "The ministers of the three countries met in the capital on Tuesday to\n"
    "discuss a new rail line that would link the Caspian ports with the Black\n"
    "Sea coast. Officials said more was to come, and that the line would open\n"
    "in two years.\n"
    "Reactions\n"
    "- Drivers welcomed it.\n"
    "- Farmers did not.\n"
)


def test_hard_wraps_inside_a_paragraph_are_spaces() -> None:
    got = [WRAPPED[s:e] for s, e in split_sentences(WRAPPED).spans]
    assert got[1].startswith("The ministers")
    assert got[1].endswith("Black\nSea coast.")
    assert got[2] == "Officials said more was to come, and that the line would open\nin two years."


def test_headings_titles_and_list_items_keep_their_line_breaks() -> None:
    got = [WRAPPED[s:e] for s, e in split_sentences(WRAPPED).spans]
    assert got[0] == "Rail talks"
    assert got[3:] == ["Reactions", "- Drivers welcomed it.", "- Farmers did not."]


def test_a_line_carrying_on_in_lower_case_is_one_sentence() -> None:
    text = "Police said the man\nwas arrested on Monday.\nNo one was hurt."
    assert [text[s:e] for s, e in split_sentences(text).spans] == [
        "Police said the man\nwas arrested on Monday.", "No one was hurt."]


def test_sentence_at_shows_soft_breaks_as_spaces_and_keeps_offsets() -> None:
    sentences = split_sentences(WRAPPED)
    offset = WRAPPED.index("Sea coast")
    quote = sentences.sentence_at(offset)
    start, _ = sentences.at(offset)
    assert "\n" not in quote
    assert quote[offset - start : offset - start + 9] == "Sea coast"
