"""Whether each person is one speaker record: the speaker-identity part of `python -m app eval`.

- Identity consistency: over matched gold quotes whose gold speaker is a name and whose stored
  quote has a speaker record, the share held by the record most of that person's quotes have
  (the person keyed by the gold speaker's surname, as the issue defines it).
- Junk share: of every served quote, the share held by a speaker record whose name spans a
  sentence break, holds a pronoun, keeps a title, or is a lone surname beside a full-name record
  of the same surname (a fragment of that person).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.evaluation.scoring import Match, is_named, name_words, words
from app.evaluation.served import ServedSpeaker
from app.nlp.lexicons import ABBREVIATIONS, HONORIFICS

# Words that are a job or rank in front of a name ("Sen. Ted Cruz", "House Speaker Paul Ryan"),
# never a given name. Nationalities and party names are left out: they also start names of
# organisations and are no title of a person.
OFFICE_TITLES = frozenset("""
    adm admiral ambassador anchor archbishop attorney bishop cardinal ceo chair chairman
    chairwoman chancellor chief columnist commander commissioner congressman congresswoman
    councilman councilwoman correspondent delegate deputy director economist editor emir envoy
    executive general gov governor judge justice leader lieutenant manager mayor minister nominee
    officer premier president professor rabbi rep representative reverend secretary sen senator
    sergeant sheikh sheriff speaker spokesman spokesperson spokeswoman strategist superintendent
    treasurer
""".split()) | HONORIFICS
PRONOUNS = frozenset("he she they it we i you his her their its him them us our my me who".split())
_SENTENCE_BREAK = re.compile(r"(?P<word>[\w’'.-]+)[.!?]\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"[’']s$")


def gold_surname(speaker: str) -> str | None:
    """The person key of a gold speaker: the last word of its name, possessive dropped."""
    plain = _POSSESSIVE.sub("", speaker.strip())
    tokens = [w for w in words(plain) if w in name_words(plain)]
    return tokens[-1] if tokens else None


def _has_sentence_break(name: str) -> bool:
    for match in _SENTENCE_BREAK.finditer(name):
        before = match.group("word").lower().rstrip(".")
        if len(before) > 1 and before not in ABBREVIATIONS and before not in HONORIFICS:
            return True
    return False


def junk_reason(speaker: ServedSpeaker, *, full_name_surnames: set[str]) -> str | None:
    """Why a speaker record's name is not one person's name, or None when it looks like one."""
    name = speaker.name.strip()
    tokens = name.split()
    if not tokens or not re.search(r"[A-Z]", name):
        return "no name"
    if _has_sentence_break(name):
        return "sentence break"
    if any(token.lower().strip(".,’'") in PRONOUNS for token in tokens):
        return "pronoun"
    if speaker.is_organization:
        return None
    if any(token.lower().rstrip(".,") in OFFICE_TITLES for token in tokens[:-1]):
        return "title"
    if len(tokens) == 1 and tokens[0].lower() in full_name_surnames:
        return "lone surname"
    return None


@dataclass
class IdentityReport:
    consistent: int = 0
    scored: int = 0
    junk_quotes: int = 0
    quotes: int = 0
    junk_by_reason: Counter[str] = field(default_factory=Counter)
    junk_records: list[tuple[int, str, str]] = field(default_factory=list)  # (quotes, name, why)

    @property
    def consistency(self) -> float | None:
        return self.consistent / self.scored if self.scored else None

    @property
    def junk_share(self) -> float:
        return self.junk_quotes / self.quotes if self.quotes else 0.0


ScoredRow = tuple[list[dict], dict[str, list[dict]], list[Match]]
"""(gold articles, predictions by url, the lenient matches between them) of one scored row."""


def identity_report(*, rows: Iterable[ScoredRow], speakers: dict[int, ServedSpeaker],
                    served_speaker_ids: Iterable[int | None]) -> IdentityReport:
    """Consistency over the matched gold quotes of `rows`, junk share over every served quote."""
    report = IdentityReport()
    records: dict[str, list[int]] = defaultdict(list)
    for gold, predictions, matches in rows:
        by_url = {article["url"]: article for article in gold}
        for match in matches:
            if match.prediction_index is None:
                continue
            speaker = by_url[match.article]["quotes"][match.gold_index].get("speaker")
            record = predictions[match.article][match.prediction_index].get("speaker_id")
            if is_named(speaker) and record is not None and (key := gold_surname(speaker)):
                records[key].append(record)
    for held in records.values():
        report.consistent += Counter(held).most_common(1)[0][1]
        report.scored += len(held)
    full_name_surnames = {s.name.split()[-1].lower() for s in speakers.values()
                          if not s.is_organization and len(s.name.split()) > 1}
    reasons = {speaker_id: junk_reason(speaker, full_name_surnames=full_name_surnames)
               for speaker_id, speaker in speakers.items()}
    held_by: Counter[int] = Counter()
    for speaker_id in served_speaker_ids:
        report.quotes += 1
        if speaker_id is not None and reasons.get(speaker_id):
            report.junk_quotes += 1
            held_by[speaker_id] += 1
    for speaker_id, count in held_by.most_common():
        why = reasons[speaker_id] or ""
        report.junk_by_reason[why] += count
        report.junk_records.append((count, speakers[speaker_id].name, why))
    return report
