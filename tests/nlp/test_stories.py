from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.nlp.entities import extract_entities
from app.nlp.stories import ArticleForGrouping, content_words, group_stories, jaccard

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = ["000_f561d974d31e0489.txt", "001_167ae76cb57e4274.txt", "003_1600993d942f730e.txt"]
AB, EM, JS = "Antony Blinken", "Emmanuel Macron", "Jens Stoltenberg"
MARCH_23, MARCH_24 = datetime(2021, 3, 23, 12), datetime(2021, 3, 24, 9)
# Utterances of the seed articles (see test_utterances.SEED_GROUPS): 1 "steadfast commitment",
# 2 "revitalize the alliance", 3 "take this alliance for granted", 4 "valued ally",
# 5 "experiencing brain death"; 6.. quoted by one outlet only.
SEED_ARTICLES = [  # (id, published, speakers, utterance ids)
    (1, MARCH_23, {AB, EM, JS}, {1, 2, 3, 4, 5, 6, 7, 8}),
    (2, MARCH_23, {AB, EM, "Joe Biden"}, {1, 2, 3, 4, 5, 9, 10, 11}),
    (3, MARCH_24, {AB, JS}, {2, 12, 13, 14}),
]
UNRELATED = ("The central bank raised interest rates by a quarter point on Wednesday, citing"
             " inflation in housing and energy prices, and signalled further increases this year.")
BRAIN_DEATH_2019 = ("What we are currently experiencing is the brain death of NATO, the French"
                    " president told The Economist in an interview at the Elysee palace.")


def seed_article(aid, published, speakers, utterances) -> ArticleForGrouping:
    text = (SEEDS / SEED_FILES[aid - 1]).read_text(encoding="utf-8")
    named = frozenset(e.name for e in extract_entities(text) if e.count >= 2)
    return ArticleForGrouping(aid, published, frozenset(speakers), frozenset(utterances),
                              content_words(text), named)


def article(aid, text, published=MARCH_23, speakers=(), utterances=()) -> ArticleForGrouping:
    return ArticleForGrouping(aid, published, frozenset(speakers), frozenset(utterances),
                              content_words(text))


SEEDS_GROUPED = [seed_article(*row) for row in SEED_ARTICLES]


def test_seed_articles_are_one_story() -> None:
    assert group_stories(SEEDS_GROUPED) == [(1, 2, 3)]


def test_seed_articles_are_one_story_when_a_date_is_unknown() -> None:
    undated = ArticleForGrouping(2, None, *[getattr(SEEDS_GROUPED[1], f) for f in
                                            ("speakers", "utterance_ids", "words")])
    assert group_stories([SEEDS_GROUPED[0], undated, SEEDS_GROUPED[2]]) == [(1, 2, 3)]


def test_seed_articles_are_one_story_by_speakers_words_and_names_alone() -> None:
    without_utterances = [replace(a, published_at=MARCH_23, utterance_ids=frozenset())
                          for a in SEEDS_GROUPED]
    assert group_stories(without_utterances) == [(1, 2, 3)]


# (other article, expected stories with the three seed articles)
OTHER_ROWS = [
    (article(10, UNRELATED, speakers={AB}), [(1, 2, 3), (10,)]),
    (article(10, BRAIN_DEATH_2019, datetime(2019, 11, 7), {EM}, {5}), [(1, 2, 3), (10,)]),
    (article(10, BRAIN_DEATH_2019, None, {EM}, {5}), [(1, 2, 3), (10,)]),
    (article(10, UNRELATED, MARCH_24, {AB}, {2, 3}), [(1, 2, 3, 10)]),  # two shared utterances
    (replace(SEEDS_GROUPED[2], id=10, published_at=MARCH_24 + timedelta(days=1),
             utterance_ids=frozenset()), [(1, 2, 3, 10)]),  # wire copy, a day later
    (ArticleForGrouping(10, MARCH_24 + timedelta(days=1), frozenset({AB}), frozenset(),
                        SEEDS_GROUPED[2].words), [(1, 2, 3), (10,)]),  # a copy of one, not all
    (ArticleForGrouping(10, MARCH_24 + timedelta(days=10), frozenset({AB}), frozenset({2}),
                        SEEDS_GROUPED[2].words), [(1, 2, 3), (10,)]),  # too late
]


@pytest.mark.parametrize(("other", "expected"), OTHER_ROWS)
def test_other_articles(other: ArticleForGrouping, expected: list) -> None:
    assert group_stories([*SEEDS_GROUPED, other]) == expected


def test_stories_are_ordered_and_cover_every_article() -> None:
    texts = {5: "rates rise again", 3: "storm hits coast", 9: "team wins final"}
    articles = [article(i, text) for i, text in texts.items()]
    assert group_stories(articles) == [(3,), (5,), (9,)]


def test_a_huge_block_is_bounded() -> None:
    # 5,000 articles on one day sharing a single popular utterance but nothing else.
    articles = [article(i, f"unique{i} words{i} here{i}", utterances={1}) for i in range(5_000)]
    assert len(group_stories(articles)) == 5_000


JACCARD_ROWS = [
    (frozenset(), frozenset(), 0.0),
    (frozenset("ab"), frozenset("ab"), 1.0),
    (frozenset("abc"), frozenset("bcd"), 0.5),
]


@pytest.mark.parametrize(("a", "b", "expected"), JACCARD_ROWS)
def test_jaccard(a: frozenset, b: frozenset, expected: float) -> None:
    assert jaccard(a, b) == expected


CONTENT_ROWS = [
    ("Blinken said NATO’s allies", {"blinken", "nato's", "allies"}),
    ("The U.S. and the EU", {"eu"}),
    ("long-standing and valued ally", {"long-standing", "valued", "ally"}),
]


@pytest.mark.parametrize(("text", "expected"), CONTENT_ROWS)
def test_content_words(text: str, expected: set) -> None:
    assert content_words(text) == expected


def chain_article(aid: int, words: str, day: int = 0) -> ArticleForGrouping:
    return ArticleForGrouping(aid, MARCH_23 + timedelta(days=day), frozenset({"Jane Doe"}),
                              frozenset(), frozenset(words.split()),
                              entities=frozenset(words.upper().split()), key=f"k{aid}")


# (articles as words, expected stories): a speaker in common, linked by vocabulary or not
LINKAGE_ROWS = [
    # A-B and B-C alike, A and C unrelated: no chaining through B
    (["port strike docks wages", "port strike docks wages rail fares trains",
      "rail fares trains tickets"], [(1, 2), (3,)]),
    # three alike, a fourth linked to one of them only
    (["budget tax cuts deficit", "budget tax cuts deficit spending", "budget tax deficit vote",
      "vote turnout polls ballots seats count"], [(1, 2, 3), (4,)]),
    # two pairs, each alike, the pairs unrelated
    (["flood river levees", "flood river levees rain", "mine collapse rescue",
      "mine collapse rescue crews"], [(1, 2), (3, 4)]),
]


def test_a_speaker_and_words_in_common_need_names_in_common() -> None:
    """Campaign coverage quotes the same candidates every day: words alone are not enough."""
    a = chain_article(1, "budget tax cuts deficit spending")
    b = chain_article(2, "budget tax vote turnout polls")
    assert group_stories([a, b]) == [(1, 2)]
    assert group_stories([a, replace(b, entities=frozenset({"JANE DOE"}))]) == [(1,), (2,)]


@pytest.mark.parametrize(("texts", "expected"), LINKAGE_ROWS)
def test_average_linkage(texts: list[str], expected: list) -> None:
    articles = [chain_article(i, text) for i, text in enumerate(texts, 1)]
    assert group_stories(articles) == expected


def test_stories_do_not_depend_on_ids_or_order() -> None:
    import random

    texts = ["port strike docks wages", "port strike docks wages rail fares trains",
             "rail fares trains tickets", "rail fares trains tickets strike"]
    expected = {frozenset(f"k{i}" for i in story)
                for story in group_stories([chain_article(i, t) for i, t in enumerate(texts)])}
    rng = random.Random(3)
    for _ in range(10):
        ids = rng.sample(range(100), len(texts))
        articles = [replace(chain_article(i, t), key=f"k{n}")
                    for n, (i, t) in enumerate(zip(ids, texts, strict=True))]
        rng.shuffle(articles)
        key = {a.id: a.key for a in articles}
        assert {frozenset(key[i] for i in story) for story in group_stories(articles)} == expected


def test_articles_with_the_same_key_stay_two_articles() -> None:
    a, b = chain_article(1, "port strike docks wages"), chain_article(2, "port strike docks wages")
    assert group_stories([a, replace(b, key=a.key)]) == [(1, 2)]
