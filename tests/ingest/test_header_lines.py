"""Bylines and date lines at the top of a .txt article: read into byline/published_at and
taken out of the body; sentences that merely start like one stay in the body."""
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.ingest.cleaning import clean_headlined_text

LEAD = "Jane Roe, the minister, said on Tuesday that the plan would go ahead as announced."
EST = timezone(timedelta(hours=-5))

DATE_LINES = [
    ("Published: March 3, 2016", datetime(2016, 3, 3)),
    ("Updated 10:32 a.m. ET, Thu March 3, 2016", datetime(2016, 3, 3, 10, 32, tzinfo=EST)),
    ("2016-03-03", datetime(2016, 3, 3)),
    ("2016-03-03T10:32:00Z", datetime(2016, 3, 3, 10, 32, tzinfo=UTC)),
    ("March 3, 2016 at 10:32 a.m. EST", datetime(2016, 3, 3, 10, 32, tzinfo=EST)),
    ("Posted Thursday, March 3, 2016 10:32AM", datetime(2016, 3, 3, 10, 32)),
    ("Thu 3 Mar 2016 10.32 GMT", datetime(2016, 3, 3, 10, 32, tzinfo=UTC)),
    ("Last updated: Thursday, March 3, 2016, 10:32 AM", datetime(2016, 3, 3, 10, 32)),
    ("Published 10:32 AM EST Mar 3, 2016", datetime(2016, 3, 3, 10, 32, tzinfo=EST)),
    ("March 3, 2016 — 10:32 a.m. EST", datetime(2016, 3, 3, 10, 32, tzinfo=EST)),
    ("Sept. 3, 2016", datetime(2016, 9, 3)),
    ("3rd March 2016", datetime(2016, 3, 3)),
    pytest.param("Mar. 3, 2016 / 10:32 AM / Updated an hour ago", datetime(2016, 3, 3, 10, 32),
                 marks=pytest.mark.xfail(strict=True, reason="a relative time is not read")),
]

BYLINES = [
    ("By Jane Doe", "Jane Doe"),
    ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
    ("By Jane Doe, The Canadian Press", "Jane Doe, The Canadian Press"),
    ("By Jane Doe | Reuters", "Jane Doe"),
    ("By JANE DOE AND JOHN ROE, ASSOCIATED PRESS", "JANE DOE AND JOHN ROE, ASSOCIATED PRESS"),
    ("By Jane O'Neil-Smith and Jean-Luc de la Tour", "Jane O'Neil-Smith and Jean-Luc de la Tour"),
    ("by Jane Doe", "Jane Doe"),
    ("By the Associated Press", "the Associated Press"),
]

BYLINE_AND_DATE = [
    ("By Jane Doe · March 3, 2016", "Jane Doe", datetime(2016, 3, 3)),
    ("By Jane Doe\nMarch 3, 2016", "Jane Doe", datetime(2016, 3, 3)),
    ("By Jane Doe | Reuters | Updated March 3, 2016", "Jane Doe", datetime(2016, 3, 3)),
]

BODY_LINES = [
    "By car, the trip takes four hours.",
    "By 2030 the plan will be finished.",
    "March 3, 2016 was a day to remember for the team.",
    "3/3/2016",  # day and month order unknown: not read
    "Jane Doe | Reuters",
]


def _clean(line: str):  # type: ignore[no-untyped-def]
    return clean_headlined_text(f"Headline\n\n{line}\n\n{LEAD}")


@pytest.mark.parametrize(("line", "expected"), DATE_LINES)
def test_date_line_read_and_stripped(line: str, expected: datetime) -> None:
    cleaned = _clean(line)
    assert (cleaned.published_at, cleaned.body) == (expected, f"Headline\n\n{LEAD}")


@pytest.mark.parametrize(("line", "expected"), BYLINES)
def test_byline_read_and_stripped(line: str, expected: str) -> None:
    cleaned = _clean(line)
    assert (cleaned.byline, cleaned.body) == (expected, f"Headline\n\n{LEAD}")


@pytest.mark.parametrize(("line", "name", "date"), BYLINE_AND_DATE)
def test_byline_and_date_read_and_stripped(line: str, name: str, date: datetime) -> None:
    cleaned = _clean(line)
    assert (cleaned.byline, cleaned.published_at, cleaned.body) == (
        name, date, f"Headline\n\n{LEAD}")


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_line_kept(line: str) -> None:
    cleaned = _clean(line)
    assert (cleaned.byline, cleaned.published_at, cleaned.body) == (
        None, None, f"Headline\n\n{line}\n\n{LEAD}")


def test_date_line_far_down_the_article_stays() -> None:
    paragraphs = "\n\n".join([LEAD] * 7)
    cleaned = clean_headlined_text(f"Headline\n\n{paragraphs}\n\nMarch 3, 2016")
    assert cleaned.published_at is None
