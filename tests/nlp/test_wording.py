import pytest

from app.nlp.wording import canonical_word, canonical_words, fragments

# (one outlet's rendering, another's): the same words.
SAME_ROWS = [
    ("we'll leave together", "we will leave together"),
    ("We’ll leave together", "we will leave together"),
    ("we won't go", "we will not go"),
    ("they can't stay", "they cannot stay"),
    ("they can't stay", "they can not stay"),
    ("it isn't over", "it is not over"),
    ("it's no secret", "it is no secret"),
    ("I'm here and we've come", "I am here and we have come"),
    ("they're taking", "they are taking"),
    ("we'd do it again", "we would do it again"),
    ("let's be clear", "let us be clear"),
    ("that's the point", "that is the point"),
    ("we want to revitalize the alliance", "We want to revitalise the alliance."),
    ("the color of our defense", "the colour of our defence"),
    ("the center will analyze it", "the centre will analyse it"),
    ("a paralyzed organization", "a paralysed organisation"),
    ("an honorable neighbor", "an honourable neighbour"),
    ("the favorite flavors", "the favourite flavours"),
    ("we traveled and canceled", "we travelled and cancelled"),
    ("fueled by anger", "fuelled by anger"),
    ("a catalog of errors", "a catalogue of errors"),
    ("pediatric care", "paediatric care"),
    ("the program", "the programme"),
    ("a judgment call", "a judgement call"),
    ("a meager fiber", "a meagre fibre"),
    ("toward peace", "towards peace"),
    ("while we wait", "whilst we wait"),
    ("2 percent of GDP", "2 per cent of GDP"),
    ("2% of GDP", "2 percent of GDP"),
    ("the U.S. and the U.K.", "the US and the UK"),
    ("the U.S and NATO", "the US and NATO"),
    ("long-term — and short-term — goals", "long term and short term goals"),
    ("“a rock-solid alliance”", "\"a rock solid alliance\""),
    ("‘no’ to them all", "'no' to them all"),
    ("a café in Zürich", "a cafe in Zurich"),
    ("Research & Development", "research and development"),
]


@pytest.mark.parametrize(("a", "b"), SAME_ROWS)
def test_same_words(a: str, b: str) -> None:
    assert canonical_words(a) == canonical_words(b)


# (rendering, its runs of words between cuts)
FRAGMENT_ROWS = [
    ("when it advances... our interest", [["when", "it", "advances"], ["our", "interest"]]),
    ("when it advances . . . our interest", [["when", "it", "advances"], ["our", "interest"]]),
    ("when it advances… our interest", [["when", "it", "advances"], ["our", "interest"]]),
    ("our commitment (to NATO) is firm", [["our", "commitment"], ["is", "firm"]]),
    ("[The alliance] is strong", [["is", "strong"]]),
    ("we will support {them} fully", [["we", "will", "support"], ["fully"]]),
    ("steadfast commitment (to NATO),", [["steadfast", "commitment"]]),
    ("(inaudible)", []),
    ("Mr. O'Brien's plan", [["mr", "o'brien's", "plan"]]),
    ("the states' rights", [["the", "states", "rights"]]),
]


@pytest.mark.parametrize(("text", "expected"), FRAGMENT_ROWS)
def test_fragments(text: str, expected: list[list[str]]) -> None:
    assert fragments(text) == expected


# different words stay different
APART_ROWS = [
    ("four", "for"), ("size", "sis"), ("hour", "hor"), ("our", "or"), ("acre", "acer"),
    ("advise", "advice"), ("device", "devise"), ("meter", "meteor"), ("cell", "cel"),
    ("were", "we're"), ("its", "it's"), ("shell", "she'll"), ("well", "we'll"),
    ("wed", "we'd"), ("us", "u.k."),
]


@pytest.mark.parametrize(("a", "b"), APART_ROWS)
def test_different_words(a: str, b: str) -> None:
    assert canonical_words(a) != canonical_words(b)


@pytest.mark.parametrize(("american", "british"), [
    ("revitalize", "revitalise"), ("organization", "organisation"), ("analyze", "analyse"),
    ("color", "colour"), ("neighborhood", "neighbourhood"), ("center", "centre"),
    ("defense", "defence"), ("traveled", "travelled"), ("behavior", "behaviour"),
    ("honorable", "honourable"), ("program", "programme"), ("toward", "towards"),
    ("theater", "theatre"), ("offenses", "offences"), ("modeling", "modelling"),
])
def test_canonical_word(american: str, british: str) -> None:
    assert canonical_word(american) == canonical_word(british)
