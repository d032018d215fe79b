from pathlib import Path

import pytest

from app.nlp.records import TopicDefinition
from app.nlp.topics import match_topics, parse_topic_definitions

TOPICS_FILE = Path(__file__).resolve().parents[2] / "app" / "topics.toml"
DEFINITIONS = parse_topic_definitions(TOPICS_FILE.read_text(encoding="utf-8"))

# (text, {slug: (triggers, count)}) -- exactly the topics expected to match.
MATCH_ROWS = [
    ("Blinken urged Turkey to embrace the alliance.", {"turkey": (("Turkey",), 1)}),
    ("TURKEY BUYS MISSILES", {"turkey": (("Turkey",), 1)}),
    ("We had roast turkey for Thanksgiving.", {}),
    ("Turkish tensions", {"turkey": (("Turkish",), 1)}),
    ("despite public differences with Ankara", {"turkey": (("Ankara",), 1)}),
    ("it was also in Ankara’s interest", {"turkey": (("Ankara",), 1)}),
    ("Erdogan met Cavusoglu.", {"turkey": (("Erdogan", "Cavusoglu"), 2)}),
    ("Russian-made S-400 missile defence systems",
     {"turkey": (("S-400",), 1), "russia": (("Russian",), 1),
      "security-defence": (("missile",), 1)}),
    ("more batteries of S400 antiaircraft missiles",
     {"turkey": (("S-400",), 1), "security-defence": (("missile",), 1)}),
    ("including over the S-400s and", {"turkey": (("S-400s",), 1)}),
    ("the Nord Stream 2 pipeline", {"nord-stream-2": (("Nord Stream 2",), 1)}),
    ("the Nord Stream-2 pipeline", {"nord-stream-2": (("Nord Stream 2",), 1)}),
    ("the Nord Stream pipeline", {"nord-stream-2": (("Nord Stream",), 1)}),
    ("he believes the pipeline is a bad idea", {}),
    ("Afghan President Ashraf Ghani", {"afghanistan": (("Afghan", "Ashraf Ghani"), 2)}),
    ("the Taliban in Kabul", {"afghanistan": (("Taliban", "Kabul"), 2)}),
    ("under the Doha accord", {"afghanistan": (("Doha accord",), 1)}),
    ("Afghans fled Afghanistan", {"afghanistan": (("Afghan", "Afghanistan"), 2)}),
    ("China’s military rise", {"china": (("China",), 1), "security-defence": (("military",), 1)}),
    ("Chinese officials in Beijing", {"china": (("Chinese", "Beijing"), 2)}),
    ("Xi Jinping spoke.", {"china": (("Xi Jinping",), 1)}),
    ("a chinese restaurant", {}),
    ("NATO and Nato", {"nato": (("NATO",), 2)}),
    ("the alliance", {}),
    ("the European Union (EU)'s interests", {"european-union": (("European Union", "EU"), 2)}),
    ("Climate change is real", {"climate-energy": (("climate change",), 1)}),
    ("COVID-19 vaccines", {"coronavirus": (("covid-19", "vaccine"), 2),
                           "health": (("vaccine",), 1)}),
    ("Kyiv and Crimea", {"ukraine": (("Kyiv", "Crimea"), 2)}),
    ("Tehran and the JCPOA", {"iran": (("Tehran", "JCPOA"), 2)}),
    ("Turkeyfoo Afghanistanbar", {}),
    # the broader default set: words and names, general enough for any outlet
    ("Voters head to the polls in the by-election", {"elections": (("voter", "poll",
                                                                   "by-election"), 3)}),
    ("The Leafs traded him before the deadline", {}),  # a sports trade is not trade policy
    ("Tariffs on steel under NAFTA", {"economy-trade": (("tariff", "NAFTA"), 2)}),
    ("The team overcame a 10-point deficit", {}),
    ("Asylum seekers crossed the border", {"immigration": (("asylum seeker",), 1)}),
    ("The defense held them to one goal", {}),
    ("Troops and the Pentagon", {"security-defence": (("troops", "Pentagon"), 2)}),
    ("Oil prices fell as OPEC met", {"climate-energy": (("oil prices", "OPEC"), 2)}),
    ("Israeli and Palestinian leaders in Gaza",
     {"middle-east": (("Israeli", "Palestinian", "Gaza"), 3)}),
    ("Silicon Valley software makers", {"technology": (("Silicon Valley", "software"), 2)}),
    ("He said it on Twitter", {}),
    ("Medicaid and public health", {"health": (("Medicaid", "public health"), 2)}),
]


@pytest.mark.parametrize(("text", "expected"), MATCH_ROWS)
def test_match_topics(text: str, expected: dict) -> None:
    found = {m.slug: (m.triggers, m.count) for m in match_topics(text, DEFINITIONS)}
    assert found == expected


SEED_TEXT = (
    "Washington has repeatedly expressed concerns about NATO ally Turkey purchasing Russian-made"
    " S-400 missile defence systems. Turkey had briefly blocked NATO defence plans in 2019."
    " Ankara pledged to host a mediation meeting to support the Afghan peace process."
)


def test_seed_paragraph_topics_ranked_by_count() -> None:
    matches = match_topics(SEED_TEXT, DEFINITIONS)
    # ties keep the order of the topics file
    assert [m.slug for m in matches] == ["turkey", "nato", "afghanistan", "russia",
                                         "security-defence"]
    assert matches[0].triggers == ("Turkey", "S-400", "Ankara") and matches[0].count == 4


def test_overlapping_keyword_counts_for_every_topic_listing_it() -> None:
    definitions = (TopicDefinition("a", "A", keywords=("Brussels",)),
                   TopicDefinition("b", "B", keywords=("Brussels", "EU")))
    found = {m.slug: m.count for m in match_topics("Brussels and the EU", definitions)}
    assert found == {"a": 1, "b": 2}


def test_empty_definitions_match_nothing() -> None:
    assert match_topics("Turkey", ()) == ()


def test_required_topics_are_defined() -> None:
    slugs = {d.slug for d in DEFINITIONS}
    assert {"turkey", "nord-stream-2", "afghanistan", "china"} <= slugs


BAD_FILES = [
    ("[[topic]\nslug = 'x'", "not valid TOML"),
    ("title = 'no topics'", "at least one"),
    ("[[topic]]\nslug = 'Bad Slug'\nname = 'x'\nkeywords = ['x']", "slug"),
    ("[[topic]]\nslug = 'x'\nkeywords = ['x']", "name"),
    ("[[topic]]\nslug = 'x'\nname = 'X'\nkeywords = []", "keywords"),
    ("[[topic]]\nslug = 'x'\nname = 'X'\nkeywords = ['x', '']", "keywords"),
    ("[[topic]]\nslug = 'x'\nname = 'X'\nkeywords = ['x']\nkeyword = ['y']", "unknown keys"),
    ("[[topic]]\nslug='x'\nname='X'\nkeywords=['x']\n[[topic]]\nslug='x'\nname='Y'\n"
     "keywords=['y']", "defined twice"),
]


@pytest.mark.parametrize(("toml_text", "message"), BAD_FILES)
def test_parse_topic_definitions_rejects_bad_files(toml_text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_topic_definitions(toml_text)


def test_parse_topic_definitions_normalises_keywords() -> None:
    (definition,) = parse_topic_definitions(
        "[[topic]]\nslug = 'x'\nname = ' X '\nkeywords = ['Nord  Stream', 'Nord Stream']")
    assert definition == TopicDefinition("x", "X", "", ("Nord Stream",))
