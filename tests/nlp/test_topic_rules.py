"""Which topics a quote and an article are about: the quote and its attribution sentence, the
paragraph only when the topic is its subject; an article's topics only when central."""
import pytest

from app.nlp.text import paragraph_spans
from app.nlp.topic_rules import central_topics, quote_topics
from app.nlp.topics import topic_occurrences
from tests.nlp.test_topics import DEFINITIONS

# The quote is between [[ and ]]; (paragraph, speaker mention, cue, {slug: triggers}) -- exactly
# the expected topics.
QUOTE_ROWS = [
    ("The candidate also discussed Pres. Obama’s press conference in Turkey on Monday. "
     "[[“He’s supposed to be a cheerleader for this country,”]] Trump said.", "Trump", "said",
     {}),
    ("[[“We will not leave Kabul,”]] the general said.", "the general", "said",
     {"afghanistan": ("Kabul",)}),
    ("[[“We will act,”]] Erdogan said on Tuesday.", "Erdogan", "said", {}),  # who, not what
    ("[[“We will act,”]] NATO Secretary General Jens Stoltenberg said.", "Jens Stoltenberg",
     "said", {}),  # a title says who speaks
    ("[[“We will act,”]] he said at the NATO summit.", "he", "said at", {}),  # beyond the cue
    ("He said in Ankara that [[the talks had failed]].", "He", "said", {"turkey": ("Ankara",)}),
    ("Turkey bought Russian missiles in 2019. [[“We will not back down,”]] the minister said.",
     "the minister", "said", {"turkey": ("Turkey",)}),  # Turkey starts a sentence; one
    # "Russian" in passing does not count
    ("The Taliban took the city. Its fighters hold the roads. [[“It is over,”]] he said.",
     "he", "said", {"afghanistan": ("Taliban",)}),
    ("Talks with Ankara stalled. Erdogan left early. [[“It went badly,”]] an aide said.",
     "an aide", "said", {"turkey": ("Ankara", "Erdogan")}),  # dense, in two sentences
    ("In a year of talks with Ankara and Erdogan, the aide said [[“it went badly”]].",
     "the aide", "said", {}),  # two mentions in one sentence outside the quote: in passing
    ("Officials said [[“the Nord Stream 2 pipeline is a bad deal”]] for Europe and Ukraine.",
     "Officials", "said", {"nord-stream-2": ("Nord Stream 2",)}),
    ("[[“She is an Afghan-American doctor,”]] he said.", "he", "said", {}),  # origin
    ("[[“We had a nice turkey dinner,”]] she said.", "she", "said", {}),
    ("In June, after the summit in Ankara, Axelrod wrote to her, telling her "
     "[[“you are an all-star player”]] and more.", "Axelrod", "telling", {}),
]


def _tags(marked: str, mention: str, cue: str) -> dict[str, tuple[str, ...]]:
    start = marked.index("[[")
    end = marked.index("]]") - 2
    body = marked.replace("[[", "").replace("]]", "")
    found = quote_topics(body, quote=(start, end), paragraph=(0, len(body)),
                         occurrences=topic_occurrences(body, DEFINITIONS),
                         definitions=DEFINITIONS, speaker_mention=mention, cue=cue)
    return {match.slug: match.triggers for match in found}


@pytest.mark.parametrize(("marked", "mention", "cue", "expected"), QUOTE_ROWS)
def test_quote_topics(marked: str, mention: str, cue: str,
                      expected: dict[str, tuple[str, ...]]) -> None:
    assert _tags(marked, mention, cue) == expected


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
