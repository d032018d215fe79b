"""Bylines and date lines at the top of an article ("By Jane Doe, Reuters", "Published: March 3,
2016", "Updated 10:32 a.m. ET, Thu March 3, 2016"): recognised, parsed, and moved out of the body.

Every shape is specified by the one-line cases of tests/ingest/test_header_lines.py. A line is
taken only when all of it is byline, date or outlet name, so a sentence that starts with "By"
or a date ("By 2030 the plan...") stays in the body.
"""
from __future__ import annotations

import re
import warnings
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

_NAME_WORD = r"(?:[A-Z][\w.'’-]*|(?:de|da|del|della|di|du|la|le|van|von|der|den|bin|al|el)\b)"
_BYLINE = re.compile(
    rf"^(?:By|BY|by)\s+(?P<name>(?:the\s+)?[A-Z][\w.'’-]*"
    rf"(?:[ ,]+(?:(?:and|AND|&)\s+)?{_NAME_WORD}){{0,8}})\.?$")
_DATE_PREFIX = re.compile(
    r"^(?:published|updated|posted|first published|last updated|modified)(?: on| at)?:?\s+",
    re.IGNORECASE)
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?"
_DATE_LINE = re.compile(
    rf"^(?:{_TIME},?\s+(?:on\s+)?)?(?:{_WEEKDAY})?"
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)"
    rf"(?:,?\s+(?:at\s+|[-–—]\s+)?{_TIME})?$",
    re.IGNORECASE)
_BARE_TIME = re.compile(rf"^{_TIME}$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DOTTED_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})\b(?!\.\d)")
_DASH = re.compile(r"\s+[-–—]\s+")
_MERIDIEM = re.compile(r"\b([ap])\.m\.?", re.IGNORECASE)
# Fills what a date string leaves out ("March 2021" -> March 1); a year is always required.
_MISSING_DATE_PARTS = datetime(2000, 1, 1)
_EASTERN, _CENTRAL = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")
_MOUNTAIN, _PACIFIC = ZoneInfo("America/Denver"), ZoneInfo("America/Los_Angeles")
# Time-zone abbreviations printed in North American and European datelines.
TIME_ZONES = {
    "ET": _EASTERN, "EST": _EASTERN, "EDT": _EASTERN, "CT": _CENTRAL, "CST": _CENTRAL,
    "CDT": _CENTRAL, "MT": _MOUNTAIN, "MST": _MOUNTAIN, "MDT": _MOUNTAIN, "PT": _PACIFIC,
    "PST": _PACIFIC, "PDT": _PACIFIC, "AT": ZoneInfo("America/Halifax"),
    "NT": ZoneInfo("America/St_Johns"), "GMT": ZoneInfo("UTC"), "UTC": ZoneInfo("UTC"),
    "BST": ZoneInfo("Europe/London"), "CET": ZoneInfo("Europe/Paris"),
    "CEST": ZoneInfo("Europe/Paris"),
}
META_SPLIT = re.compile(r"\s+[|·•—–/]\s+")
OUTLET_MAX_WORDS = 4


def byline(line: str) -> str | None:
    """The name(s) of a byline ("By Jane Doe, Reuters" -> "Jane Doe, Reuters"), else None."""
    match = _BYLINE.match(line)
    return match.group("name").rstrip(" ,.") if match else None


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(_DATE_PREFIX.sub("", line)))


def parse_date(value: str) -> datetime | None:
    """A date written the usual ways ("2021-03-23", "March 24, 2021", "10:32 a.m. ET, Thu March
    3, 2016", ISO 8601); else None. A printed time zone is kept; without one the time is naive."""
    value = _DATE_PREFIX.sub("", value.strip())
    if not _YEAR.search(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    value = _DASH.sub(" ", value)
    value = _MERIDIEM.sub(lambda m: f"{m.group(1).upper()}M", _DOTTED_TIME.sub(r"\1:\2", value))
    try:
        with warnings.catch_warnings():  # an unknown zone name is dropped, not an error
            warnings.simplefilter("ignore")
            return dateutil_parser.parse(value, default=_MISSING_DATE_PARTS, tzinfos=TIME_ZONES)
    except (ValueError, OverflowError):
        return None


def header_line(text: str) -> tuple[str | None, datetime | None] | None:
    """(byline, date) of a line made only of a byline, date lines, times and, after a byline,
    an outlet's name ("By Jane Doe | Reuters | March 3, 2016"); None for any other line."""
    if is_date_line(text):
        return None, parse_date(text)
    parts = META_SPLIT.split(text)
    name: str | None = None
    published: datetime | None = None
    for index, part in enumerate(parts):
        if (found := byline(part)) is not None:
            name = name or found
        elif is_date_line(part):
            published = published or parse_date(part)
        elif index and (_BARE_TIME.match(part) or (name and _is_outlet_name(part))):
            continue
        else:
            return None
    return name, published


def _is_outlet_name(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= OUTLET_MAX_WORDS and all(w[:1].isupper() for w in words) \
        and not part.endswith((".", "!", "?", ":"))
