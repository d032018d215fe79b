import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.nlp.patterns import word_alternation

VERBS = ["say", "says", "said", "tell", "tells", "told", "to", "s"]

# (words, text, the leftmost match)
MATCH_ROWS = [
    (VERBS, "he says so", "says"),
    (VERBS, "he said so", "said"),
    (VERBS, "we told us", "told"),
    (VERBS, "she told us", "s"),
    (VERBS, "go to bed", "to"),
    (VERBS, "sayer", "say"),
    (["de", "der", "den"], "von der Leyen", "der"),
    (["a.b", "a+b"], "a+b and a.b", "a+b"),  # letters stand for themselves
    (["a.b"], "axb", None),
    ([], "anything", ""),
]


@pytest.mark.parametrize(("words", "text", "expected"), MATCH_ROWS)
def test_word_alternation_finds(words: list[str], text: str, expected: str | None) -> None:
    found = re.search(word_alternation(words), text)
    assert (found.group() if found else None) == expected


@given(st.lists(st.text("abc.", min_size=1, max_size=4), min_size=1, max_size=12),
       st.text("abc. ", max_size=40))
def test_word_alternation_matches_what_the_longest_first_alternation_does(
        words: list[str], text: str) -> None:
    plain = "(?:{})".format("|".join(re.escape(w) for w in sorted(set(words), key=len,
                                                                    reverse=True)))
    for shape in (r"\b{}\b", "{}(?= )", "{}"):
        assert [m.span() for m in re.finditer(shape.format(word_alternation(words)), text)] == [
            m.span() for m in re.finditer(shape.format(plain), text)]
