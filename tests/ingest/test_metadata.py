"""Outlet and publication date of articles that do not give them: file names, run options, and a
warning for each article stored without them."""
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.__main__ import main
from app.ingest.metadata import MetadataDefaults, filename_pattern, from_filename, with_defaults
from app.models import Article, ArticleCreate, Outlet, Quote

TEXT = "Headline\n\n\"We will win,\" Jane Doe said on Tuesday.\n"

FILE_NAMES = [  # (pattern, file name, outlet, date)
    ("{outlet}_{date}_*", "wash-post_2016-09-25_federal-court.txt", "wash-post",
     datetime(2016, 9, 25)),
    ("{date}-{outlet}", "2016-03-03-reuters.txt", "reuters", datetime(2016, 3, 3)),
    ("{outlet}/*", "cbc/story.txt", None, None),  # a name, not a path: no match
    ("*_{date}", "notes_March 3, 2016.txt", None, datetime(2016, 3, 3)),
    (r"(?P<date>\d{8})_(?P<outlet>\w+)", "20160303_globe.txt", "globe", datetime(2016, 3, 3)),
    ("{outlet}_{date}_*", "no-date-here.txt", None, None),
    ("{outlet}_{date}", "cbc_someday.txt", "cbc", None),  # unreadable date: none
]

BAD_PATTERNS = [
    ("{title}_{date}", "unknown field {title}"),
    ("plain_*", "neither {outlet} nor {date}"),
    ("{date}_{date}", "{date} appears twice"),
    ("(?P<date>[0-9", "not a valid regular expression"),
]


@pytest.mark.parametrize(("pattern", "name", "outlet", "date"), FILE_NAMES)
def test_outlet_and_date_from_file_name(pattern: str, name: str, outlet: str | None,
                                        date: datetime | None) -> None:
    assert from_filename(Path("/data") / name, filename_pattern(pattern)) == (outlet, date)


@pytest.mark.parametrize(("pattern", "message"), BAD_PATTERNS)
def test_bad_pattern_is_refused(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        filename_pattern(pattern)


def test_the_article_own_metadata_wins() -> None:
    defaults = MetadataDefaults(outlet="Run", published_at=datetime(2020, 1, 1),
                                filename=filename_pattern("{outlet}_{date}"))
    own = ArticleCreate(text=TEXT, outlet="Own", published_at=datetime(2016, 1, 1))
    assert with_defaults(own, path=Path("name_2019-01-01.txt"), defaults=defaults) == own
    bare = ArticleCreate(text=TEXT, url="https://www.example.org/a", outlet="example.org")
    named = with_defaults(bare, path=Path("name_2019-01-01.txt"), defaults=defaults)
    assert (named.outlet, named.published_at) == ("name", datetime(2019, 1, 1))
    unnamed = with_defaults(bare, path=Path("other.txt"), defaults=defaults)
    assert (unnamed.outlet, unnamed.published_at) == ("Run", datetime(2020, 1, 1))


def _stored(engine: Engine) -> list[tuple[str | None, datetime | None]]:
    with Session(engine) as session:
        rows = session.exec(select(Outlet.name, Article.published_at)
                            .join(Outlet, isouter=True).order_by(Article.id)).all()
    return [(name, when.replace(tzinfo=None) if when else None) for name, when in rows]


pytestmark = pytest.mark.db


def test_cli_outlet_and_date_options(database_url: str, engine: Engine, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    assert main(["ingest", str(tmp_path), "--outlet", "The Globe",
                 "--published-at", "2016-03-03"]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out and "without outlet" not in out
    assert _stored(engine) == [("The Globe", datetime(2016, 3, 3))]


def test_cli_meta_from_filename(database_url: str, engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "cbc_2016-03-03_story.txt").write_text(TEXT)
    (tmp_path / "tsn_2016-03-04_match.txt").write_text(TEXT.replace("win", "score"))
    assert main(["ingest", str(tmp_path), "--meta-from-filename", "{outlet}_{date}_*"]) == 0
    assert _stored(engine) == [("cbc", datetime(2016, 3, 3)), ("tsn", datetime(2016, 3, 4))]


def test_cli_warns_for_each_article_without_outlet_or_date(
        database_url: str, engine: Engine, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bare.txt").write_text(TEXT)
    (tmp_path / "dated.txt").write_text(
        "Headline\n\nPublished: March 3, 2016\n\n\"Sure,\" Ann Lee said.\n")
    (tmp_path / "full.json").write_text(json.dumps(
        {"text": "T\n\n\"No,\" Bo Ek said.", "outlet": "CBC", "published_at": "2016-03-03"}))
    assert main(["ingest", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    warnings = [line for line in lines if ": warning: " in line]
    assert [w.split(": warning: ")[0].rsplit("/", 1)[-1] for w in warnings] == [
        "bare.txt", "dated.txt"]
    assert "stored without outlet or date" in warnings[0]
    assert "stored without outlet (" in warnings[1]
    assert lines[-1].endswith("2 without outlet or date")
    with Session(engine) as session:  # stored all the same, the date null, never the ingest time
        dates = session.exec(select(Article.published_at).order_by(Article.id)).all()
        assert dates[0] is None and dates[1].replace(tzinfo=None) == datetime(2016, 3, 3)
        assert session.exec(select(Quote)).first() is not None


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--published-at", "someday", "not a date"),
    ("--meta-from-filename", "plain", "neither {outlet} nor {date}"),
])
def test_cli_bad_option_is_a_usage_error(tmp_path: Path, option: str, value: str, message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(tmp_path), option, value])
    assert exit_.value.code == 2 and message in capsys.readouterr().err
