"""Cleaning rules, one line per case; the seed articles keep every gold quote verbatim."""
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ingest.cleaning import clean_article, clean_text, normalize_text
from app.ingest.header_lines import parse_date
from app.models.articles import ArticleCreate

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD_QUOTES: dict[str, list[str]] = json.loads(
    (Path(__file__).parent / "fixtures" / "seed_gold_quotes.json").read_text(encoding="utf-8"))

LEAD = "The minister spoke to reporters in Brussels on Tuesday after the meeting ended."
TAIL = "He said talks would continue next week, according to two officials present."

# Each case is one paragraph that must vanish when it sits between two real paragraphs.
BOILERPLATE_REMOVED = [
    "Antony Blinken and Jens Stoltenberg attend a meeting in Brussels, Belgium, 23 March 2021. "
    "[EPA-EFE/YVES HERMAN / POOL]",
    "This file photo, taken on February 4, 2021, shows the minister speaking to staff. (By AFP)",
    "Protesters gather outside parliament on Monday. (Photo: Reuters)",
    "A cargo plane at the airfield in Ankara in 2019. Turkish Defense Ministry, via Shutterstock",
    "American Special Forces in Kabul last year. Jim Huylebroek for The New York Times",
    "The president waves from the stage. Kevin Lamarque/Reuters",
    "File photo shows the parliament building in Ankara.",
    "Subscribe to our newsletters",
    "Sign up for our daily newsletter to get the latest updates",
    "SHARE THIS ARTICLE",
    "Share on Facebook",
    "Advertisement",
    "Read more: Ministers agree on new sanctions package",
    "News / Foreign Policy / Afghanistan",
    "Home > World > Europe",
    "www.presstv.ir",
    "https://www.example.com/world",
    "By Steven Erlanger",
    "March 24, 2021",
    "Published: 2021-03-23",
]

# Paragraphs that look a little like boilerplate but are the article.
CONTENT_KEPT = [
    "Turkish tensions",
    "'Ankara remains an ally'",
    "No plans of withdrawal from Afghanistan",
    '"I\'ve come here to express the United States\' steadfast commitment (to NATO)," he said.',
    "He claimed, however, that NATO would work with Russia \"when it advances... our interest.\"",
    "The alliance includes the North Atlantic Treaty Organization (NATO).",
    "By the end of the day, the ministers had agreed on a joint statement.",
    "Officials said the photo opportunity was cancelled because of the weather.",
    "Readers can subscribe to many newsletters, the company said in a statement on Monday, adding "
    "that its subscriber numbers had grown strongly in the last year across every region.",
    "Supporters of the plan / opponents of the plan argued for hours, officials said.",
]

DATE_LINES = [
    ("March 24, 2021", datetime(2021, 3, 24)),
    ("24 March 2021", datetime(2021, 3, 24)),
    ("2021-03-23", datetime(2021, 3, 23)),
    ("Updated: Wed 24 March 2021", datetime(2021, 3, 24)),
    ("Published March 24, 2021 10:30 AM", datetime(2021, 3, 24, 10, 30)),
]

UNPARSEABLE_DATES = ["", "yesterday", "not a date", "March", "32 March 2021"]

NORMALISED = [
    ("a\u00a0b", "a b"),
    ("a\u200bb", "ab"),
    ("line one\r\nline two", "line one\nline two"),
    ("cafe\u0301", "café"),
    ("“curly” ‘quotes’ it’s \"straight\" 'single'", "“curly” ‘quotes’ it’s \"straight\" 'single'"),
    ("too    many   spaces", "too many spaces"),
]


def _body_of(paragraph: str) -> str:
    return clean_text(f"Headline of the story\n\n{LEAD}\n\n{paragraph}\n\n{TAIL}")[1]


@pytest.mark.parametrize("paragraph", BOILERPLATE_REMOVED)
def test_boilerplate_removed(paragraph: str) -> None:
    assert _body_of(paragraph) == f"Headline of the story\n\n{LEAD}\n\n{TAIL}"


@pytest.mark.parametrize("paragraph", CONTENT_KEPT)
def test_content_kept(paragraph: str) -> None:
    assert f"\n\n{paragraph}\n\n" in _body_of(paragraph)


@pytest.mark.parametrize(("line", "expected"), DATE_LINES)
def test_date_lines_move_to_published_at(line: str, expected: datetime) -> None:
    cleaned = clean_article(ArticleCreate(title="Headline", text=f"Headline\n\n{line}\n\n{LEAD}"))
    assert cleaned.published_at == expected
    assert cleaned.body == f"Headline\n\n{LEAD}"


@pytest.mark.parametrize("value", UNPARSEABLE_DATES)
def test_unparseable_dates_are_none(value: str) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(("raw", "expected"), NORMALISED)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_related_teaser_with_ellipsis_is_removed() -> None:
    text = (f"Headline\n\n{LEAD}\n\nMinister rides high on first Brussels visit\n\n"
            f"The minister is eagerly awaited in Brussels ahead of …\n\n{TAIL}")
    assert clean_text(text)[1] == f"Headline\n\n{LEAD}\n\n{TAIL}"


def test_related_teaser_set_apart_by_extra_blank_lines_is_removed() -> None:
    text = (f"Headline\n\n{LEAD}\n\nTables have turned: EU is handling the issue with Washington"
            f"\n\nThe issue is not just a European one, senior officials have said.\n\n\n{TAIL}")
    assert clean_text(text)[1] == f"Headline\n\n{LEAD}\n\n{TAIL}"


def test_subheading_before_extra_blank_lines_is_kept() -> None:
    text = f"Headline\n\n{LEAD}\n\nTurkish tensions\n\n{TAIL}\n\n\n{LEAD}"
    assert clean_text(text)[1] == f"Headline\n\n{LEAD}\n\nTurkish tensions\n\n{TAIL}\n\n{LEAD}"


def test_footer_and_trailing_menu_are_cut() -> None:
    text = (f"Headline\n\n{LEAD}\n\n{TAIL}\n\n\nExample TV’s website can also be accessed at the "
            "following alternate addresses:\n\nwww.example.tv\n\nSHARE THIS ARTICLE\n"
            "Example TV Roku")
    assert clean_text(text)[1] == f"Headline\n\n{LEAD}\n\n{TAIL}"


def test_byline_moves_out_of_body() -> None:
    record = ArticleCreate(title="Headline", text=f"By Jane Doe and John Roe\n\n{LEAD}")
    cleaned = clean_article(record)
    assert (cleaned.byline, cleaned.body) == ("Jane Doe and John Roe", f"Headline\n\n{LEAD}")


def test_given_title_opens_the_body_once() -> None:
    cleaned = clean_article(ArticleCreate(title="Headline", text=f"Headline\n\n{LEAD}"))
    assert cleaned.body == f"Headline\n\n{LEAD}"
    untitled = clean_article(ArticleCreate(text=f"{LEAD}\n\n{TAIL}"))
    assert (untitled.title, untitled.body) == (None, f"{LEAD}\n\n{TAIL}")


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    wrapped = "The minister spoke to reporters in Brussels on Tuesday after\nthe meeting ended."
    assert clean_text(f"Headline\n\n{wrapped}")[1] == f"Headline\n\n{LEAD}"


@pytest.mark.parametrize("seed", sorted(GOLD_QUOTES))
def test_seed_keeps_every_gold_quote(seed: str) -> None:
    _, body = clean_text((SEEDS / seed).read_text(encoding="utf-8"))
    assert [quote for quote in GOLD_QUOTES[seed] if quote not in body] == []


SEED_HEADLINES = [
    ("000_f561d974d31e0489.txt",
     "US, NATO have strong interest in keeping Turkey close, says Blinken"),
    ("001_167ae76cb57e4274.txt", "Blinken says US wants to 'revitalize' NATO"),
    ("003_1600993d942f730e.txt",
     "Blinken's Welcome by NATO Doesn't Hide Differences on Key Issues"),
]

SEED_BOILERPLATE = [
    ("000_f561d974d31e0489.txt", "[EPA-EFE/YVES HERMAN / POOL]"),
    ("000_f561d974d31e0489.txt", "Blinken rides high in rebuilding US ties"),
    ("000_f561d974d31e0489.txt", "EURACTIV spoke to the Chargé d’Affaires"),
    ("000_f561d974d31e0489.txt", "Tables have turned"),
    ("000_f561d974d31e0489.txt", "Subscribe to our newsletters"),
    ("001_167ae76cb57e4274.txt", "News / Foreign Policy"),
    ("001_167ae76cb57e4274.txt", "This file photo"),
    ("001_167ae76cb57e4274.txt", "alternate addresses"),
    ("001_167ae76cb57e4274.txt", "www.presstv.ir"),
    ("001_167ae76cb57e4274.txt", "SHARE THIS ARTICLE"),
    ("001_167ae76cb57e4274.txt", "Roku"),
    ("003_1600993d942f730e.txt", "By Steven Erlanger"),
    ("003_1600993d942f730e.txt", "March 24, 2021"),
    ("003_1600993d942f730e.txt", "via Shutterstock"),
    ("003_1600993d942f730e.txt", "for The New York Times"),
    ("003_1600993d942f730e.txt", "Sections of pipe at the port"),
]


@pytest.mark.parametrize(("seed", "headline"), SEED_HEADLINES)
def test_seed_headline_is_title_and_first_paragraph(seed: str, headline: str) -> None:
    title, body = clean_text((SEEDS / seed).read_text(encoding="utf-8"))
    assert title == headline
    assert body.startswith(headline + "\n\n")


@pytest.mark.parametrize(("seed", "boilerplate"), SEED_BOILERPLATE)
def test_seed_boilerplate_is_gone(seed: str, boilerplate: str) -> None:
    assert boilerplate not in clean_text((SEEDS / seed).read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("seed", sorted(GOLD_QUOTES))
def test_cleaning_is_idempotent(seed: str) -> None:
    title, body = clean_text((SEEDS / seed).read_text(encoding="utf-8"))
    again = clean_article(ArticleCreate(title=title, text=body))
    assert again.body == body


QUOTE_CHARACTERS = "\"'“”‘’«»"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_cleaning_never_raises_and_keeps_its_shape(text: str) -> None:
    title, body = clean_text(text)
    assert "\n\n\n" not in body and body == body.strip()
    assert all(paragraph.strip() for paragraph in body.split("\n\n") if body)
    assert title is None or body.startswith(title)


@given(st.lists(st.sampled_from(["“", "”", "‘", "’", "'", '"', "«", "»"]), max_size=10))
def test_quote_marks_are_never_altered(marks: list[str]) -> None:
    quote = "".join(f"{mark}word" for mark in marks)
    _, body = clean_text(f"Headline\n\n{LEAD} She said {quote} to them.")
    assert [ch for ch in body if ch in QUOTE_CHARACTERS] == [
        ch for ch in f"{LEAD} She said {quote}" if ch in QUOTE_CHARACTERS]
