"""Which topics a quote and an article are about: the quote and its attribution sentence, the
paragraph only when the topic is its subject; an article's topics only when central."""
import pytest

from app.nlp.text import paragraph_spans
from app.nlp.topic_rules import central_topics, quote_topics
from app.nlp.topics import topic_occurrences
from tests.nlp.test_topics import DEFINITIONS

# The quote is between [[ and ]]; (paragraph, {slug: triggers}) -- exactly the expected topics.
QUOTE_ROWS = [
    ("The candidate also discussed Pres. Obama’s press conference in Turkey on Monday. "
     "[[“He’s supposed to be a cheerleader for this country,”]] Trump said.", {}),
    ("[[“We will not leave Kabul,”]] the general said.", {"afghanistan": ("Kabul",)}),
    ("[[“We will act,”]] Erdogan said on Tuesday.", {"turkey": ("Erdogan",)}),
    ("Speaking in Beijing, the minister said [[“the door is open”]] to talks.",
     {"china": ("Beijing",)}),
    ("Turkey bought Russian missiles in 2019. [[“We will not back down,”]] the minister said.",
     {"turkey": ("Turkey",)}),  # Turkey is a sentence's subject; one "Russian" is not
    ("The Taliban took the city. Its fighters hold the roads. [[“It is over,”]] he said.",
     {"afghanistan": ("Taliban",)}),
    ("Talks with Ankara stalled and Erdogan left early. [[“It went badly,”]] an aide said.",
     {"turkey": ("Ankara", "Erdogan")}),  # two mentions in a short paragraph: its subject
    ("The minister, who visited China last year and has met many officials in the region over a "
     "long career that took her from the trade ministry to the foreign service and then to the "
     "cabinet, where she has served three prime ministers, spoke at length about her plans for "
     "the years ahead. [[“We will talk to everyone,”]] she said.", {}),
    ("Officials said [[“the Nord Stream 2 pipeline is a bad deal”]] for Europe and for Ukraine.",
     {"nord-stream-2": ("Nord Stream 2",), "ukraine": ("Ukraine",)}),
    ("[[“We had a nice turkey dinner,”]] she said.", {}),
]


def _tags(marked: str) -> dict[str, tuple[str, ...]]:
    start = marked.index("[[")
    end = marked.index("]]") - 2
    body = marked.replace("[[", "").replace("]]", "")
    found = quote_topics(body, quote=(start, end), paragraph=(0, len(body)),
                         occurrences=topic_occurrences(body, DEFINITIONS),
                         definitions=DEFINITIONS)
    return {match.slug: match.triggers for match in found}


@pytest.mark.parametrize(("marked", "expected"), QUOTE_ROWS)
def test_quote_topics(marked: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert _tags(marked) == expected


FILLER = "The meeting went on late into the evening, officials said afterwards."

# (article: headline, then paragraphs; expected article topics)
ARTICLE_ROWS = [
    (["Turkey says no to talks", FILLER, FILLER, FILLER], ["turkey"]),  # headline
    (["Talks go on", "Ankara said it would wait.", FILLER, FILLER], ["turkey"]),  # lead
    (["Talks go on", FILLER, FILLER, FILLER, "Ankara said it would wait."], []),  # one mention
    (["Talks go on", FILLER, FILLER, "Ankara waited. Erdogan spoke.", FILLER,
      "Turkey later agreed."], ["turkey"]),  # repeated, in two paragraphs
    (["Talks go on", FILLER, FILLER, "Ankara waited, Erdogan spoke, Turkey agreed."], []),
]


@pytest.mark.parametrize(("paragraphs", "expected"), ARTICLE_ROWS)
def test_article_topics_need_the_topic_central(paragraphs: list[str],
                                               expected: list[str]) -> None:
    body = "\n\n".join(paragraphs)
    found = central_topics(body, paragraphs=paragraph_spans(body), headlined=True,
                           occurrences=topic_occurrences(body, DEFINITIONS),
                           definitions=DEFINITIONS)
    assert [match.slug for match in found] == expected
