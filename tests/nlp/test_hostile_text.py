"""Hostile text never makes extraction raise, and every quote still points into the text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.nlp.entities import extract_entities
from app.nlp.extract import extract
from app.nlp.topics import match_topics
from app.topics_file import load_topic_definitions

MARKS = "\"“”‘’'«»„‟"
PIECES = st.sampled_from([
    *MARKS, " ", "\n", "\n\n", ",", ".", ":", " said", " he said", "Mr. Blinken", " told reporters",
    "according to", "She", "\u202e", "\u200f", "\x00", "\x07", "ملف", "שלום", "(", ")", "[", "—",
    "Turkey", " that ", "We will", "NATO", "…",
])
HOSTILE = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=200).map("".join)
TOPICS = load_topic_definitions()


def check(text: str) -> None:
    extraction = extract(text)
    for quote in extraction.quotes:
        assert text[quote.start:quote.end] == quote.text
        assert quote.kind in {"direct", "indirect"}
    for start, end in extraction.paragraphs:
        assert 0 <= start <= end <= len(text)
    extract_entities(text)
    match_topics(text, TOPICS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_extraction_never_raises_on_hostile_text(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=MARKS + " ab\n", max_size=400))
def test_extraction_never_raises_on_quote_mark_soup(text: str) -> None:
    check(text)


WORST_CASES = [
    "“" * 5000,
    "\"" * 5001,
    "“a ‘b “c ‘d " * 500,
    ("word " * 20000).strip(),
    "“" + "x, " * 10000,
    "\n\n".join(["“Open quote paragraph"] * 2000),
    "\x00\x01\x02" * 1000,
]


def test_worst_cases_do_not_raise() -> None:
    for text in WORST_CASES:
        check(text)
