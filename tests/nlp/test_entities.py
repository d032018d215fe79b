from pathlib import Path

import pytest

from app.nlp.capitalised_runs import _WORDS, CONNECTORS
from app.nlp.entities import extract_entities, extract_entity_mentions
from app.nlp.records import Entity

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# (text, name, type): the text mentions this entity (sentences from the seed articles).
FOUND_ROWS = [
    ("US Secretary of State Antony Blinken on Tuesday (23 March) pledged to rebuild.",
     "Antony Blinken", "person"),
    ("US Secretary of State Antony Blinken on Tuesday pledged.", "United States", "place"),
    ("BRUSSELS — Secretary of State Antony J. Blinken sought to smooth alliance feathers.",
     "Antony Blinken", "person"),
    ("BRUSSELS — Secretary of State Antony J. Blinken sought to.", "Brussels", "place"),
    ("Blinken told reporters, speaking alongside NATO Secretary-General Jens Stoltenberg.",
     "Jens Stoltenberg", "person"),
    ("Blinken told reporters, speaking alongside NATO Secretary-General Jens Stoltenberg.",
     "NATO", "organization"),
    ("He praised Jens Stoltenberg, the NATO secretary general.", "Jens Stoltenberg", "person"),
    ("urging Turkey to embrace the alliance.", "Turkey", "place"),
    ("Turkey had briefly blocked NATO defence plans in 2019.", "Turkey", "place"),
    ("at the Alliance's headquarters in Brussels, Belgium, 23 March 2021.", "Brussels", "place"),
    ("at the Alliance's headquarters in Brussels, Belgium, 23 March 2021.", "Belgium", "place"),
    ("contrary to the European Union (EU)'s interests.", "European Union", "organization"),
    ("It was contrary to the EU's own security goals.", "European Union", "organization"),
    ("prompting French President Emmanuel Macron to assert that", "Emmanuel Macron", "person"),
    ("However, Afghan President Ashraf Ghani wants to reject the US peace plan.",
     "Ashraf Ghani", "person"),
    ("with German Foreign Minister Heiko Maas in their upcoming meeting.", "Heiko Maas", "person"),
    ("to his counterpart, Foreign Minister Mevlut Cavusoglu.", "Mevlut Cavusoglu", "person"),
    ("Mr. Blinken also offered nice words for Ursula von der Leyen, the embattled president.",
     "Ursula von der Leyen", "person"),
    ("the embattled president of the European Commission, and the bloc's chief.",
     "European Commission", "organization"),
    ("Ghani will present this in April in Turkey, Reuters reported.", "Reuters", "organization"),
    ("provided by the Turkish Defense Ministry.", "Turkish Defense Ministry", "organization"),
    ("American Special Forces in Kabul last year. Jim Huylebroek for The New York Times",
     "New York Times", "organization"),
    ("Press TV’s website can also be accessed at the following addresses:", "Press TV",
     "organization"),
    ("the Nord Stream 2 natural-gas pipeline, a Russia-owned project", "Russia", "place"),
    ("discuss each country's share of military presence in Afghanistan.", "Afghanistan", "place"),
    ("the Ministry of Foreign Affairs of Turkey agreed.", "Ministry of Foreign Affairs of Turkey",
     "organization"),
    ("President Biden's top diplomat sought to soothe allies.", "Biden", "person"),
    ("By Steven Erlanger\n\nMarch 24, 2021", "Steven Erlanger", "person"),
    ("Sections of pipe at the port in Sassnitz, Germany, last year.", "Sassnitz", "place"),
    ("Officials said the Bank of England met.", "Bank of England", "organization"),
    ("met in non-NATO states, said Maria de la Cruz.", "Maria de la Cruz", "person"),
    # Unknown multiword names without a cue word, first name or reporting verb are dropped.
    pytest.param("He met the Visegrad Four.", "Visegrad Four", "organization",
                 marks=pytest.mark.xfail(strict=True)),
    pytest.param("He met Zbigniew Rau.", "Zbigniew Rau", "person",
                 marks=pytest.mark.xfail(strict=True)),
]

# (text, word): word is not an entity of the text.
NOT_FOUND_ROWS = [
    ("Subscribe to our newsletters", "Subscribe"),
    ("US Secretary of State Antony Blinken on Tuesday (23 March) pledged to rebuild.", "Tuesday"),
    ("US Secretary of State Antony Blinken on Tuesday (23 March) pledged to rebuild.", "March"),
    ("Turkish tensions\n\nWashington has repeatedly expressed concerns.", "Turkish"),
    ("Washington has repeatedly expressed concerns about Russian-made S-400 missiles.", "Russian"),
    ("Underneath the bandages and the bonhomie, familiar issues strain the alliance.",
     "Underneath"),
    ("Tables have turned: EU is handling Turkey issue together with Washington", "Tables"),
    ("Blinken's Welcome by NATO Doesn't Hide Differences on Key Issues", "Welcome"),
    ("Blinken's Welcome by NATO Doesn't Hide Differences on Key Issues", "Key Issues"),
    ("“I’ve come here to express the United States’ steadfast commitment (to NATO),”", "I’ve"),
    ("Previous meeting had been held online due to the COVID-19 pandemic.", "COVID"),
    ("the start of a new chapter in the trans-Atlantic relationship", "Atlantic"),
    ("“Secretary Blinken, Tony, once again welcome to NATO.”", "Tony"),
    ("We had roast turkey for dinner.", "turkey"),
    ("He met with the Secretary of State.", "Secretary of State"),
    ("Turkey purchasing S-400 missile defence systems", "S"),
]

# (text, expected entities in order): counts and merging of short forms.
COUNT_ROWS = [
    ("Secretary of State Antony J. Blinken spoke. Mr. Blinken said yes. Blinken left.",
     (Entity("Antony Blinken", "person", 3),)),
    ("Mr. Stoltenberg said so. Jens Stoltenberg is the NATO chief.",
     (Entity("Jens Stoltenberg", "person", 2), Entity("NATO", "organization", 1))),
    ("US Secretary of State Anthony Blinken met Antony Blinken's staff. Antony Blinken left.",
     (Entity("Antony Blinken", "person", 3), Entity("United States", "place", 1))),
    ("The US and the U.S. and the United States.", (Entity("United States", "place", 3),)),
    ("Tuesday was fine. Subscribe to our newsletters", ()),
    ("Blinken left.", ()),  # a bare sentence-initial surname nobody is named by in full
]


@pytest.mark.parametrize(("text", "name", "kind"), FOUND_ROWS)
def test_entity_found(text: str, name: str, kind: str) -> None:
    found = {e.name: e.type for e in extract_entities(text)}
    assert found.get(name) == kind, found


@pytest.mark.parametrize(("text", "word"), NOT_FOUND_ROWS)
def test_entity_not_found(text: str, word: str) -> None:
    assert word not in {e.name for e in extract_entities(text)}


@pytest.mark.parametrize(("text", "expected"), COUNT_ROWS)
def test_entity_counts(text: str, expected: tuple[Entity, ...]) -> None:
    assert extract_entities(text) == expected


# Per seed article: entities that must be found with this type, and words that must not be.
SEED_ROWS = [
    ("000_f561d974d31e0489.txt",
     {"Antony Blinken": "person", "Jens Stoltenberg": "person", "NATO": "organization",
      "Turkey": "place", "Brussels": "place", "European Union": "organization",
      "Emmanuel Macron": "person", "Ashraf Ghani": "person", "Joe Biden": "person",
      "Reuters": "organization", "Ankara": "place", "Greece": "place"},
     {"Subscribe", "Tuesday", "March", "Turkish", "Blinken", "Anthony Blinken", "Afghan"}),
    ("001_167ae76cb57e4274.txt",
     {"Antony Blinken": "person", "Heiko Maas": "person", "NATO": "organization",
      "Afghanistan": "place", "Taliban": "organization", "Press TV": "organization"},
     {"COVID", "News", "Foreign Policy", "Tuesday", "SHARE", "Blinken"}),
    ("003_1600993d942f730e.txt",
     {"Antony Blinken": "person", "Jens Stoltenberg": "person", "Donald Trump": "person",
      "Mevlut Cavusoglu": "person", "Ursula von der Leyen": "person", "Germany": "place",
      "European Commission": "organization", "New York Times": "organization"},
     {"Antony J. Blinken", "Donald J. Trump", "Mr. Blinken", "March", "Underneath", "Welcome"}),
]


@pytest.mark.parametrize(("file", "expected", "excluded"), SEED_ROWS)
def test_seed_article_entities(file: str, expected: dict, excluded: set) -> None:
    entities = extract_entities((SEEDS / file).read_text(encoding="utf-8"))
    found = {e.name: e.type for e in entities}
    assert {name: found.get(name) for name in expected} == expected
    assert not excluded & set(found)


def test_seed_article_top_entities() -> None:
    entities = extract_entities((SEEDS / "000_f561d974d31e0489.txt").read_text(encoding="utf-8"))
    assert [e.name for e in entities[:5]] == [
        "NATO", "United States", "Turkey", "Antony Blinken", "Jens Stoltenberg"]


def test_mentions_point_into_the_text() -> None:
    text = "Turkey and Mr. Blinken met in Brussels."
    spans = [(m.name, text[m.start:m.end]) for m in extract_entity_mentions(text)]
    assert spans == [("Turkey", "Turkey"), ("Blinken", "Blinken"), ("Brussels", "Brussels")]


@pytest.mark.parametrize("connector", sorted(CONNECTORS))
def test_a_stretch_of_lower_case_words_never_opens_with_a_connector(connector: str) -> None:
    # a connector right after a capitalised word may join its run ("Bank of England")
    assert _WORDS.match(f"{connector} x").lastgroup != "lower"
    assert _WORDS.match(f"{connector}x y").lastgroup == "lower"
