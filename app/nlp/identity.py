"""Speaker identity across articles: the name a speaker record carries, which stored record a
person of an article is, which records are fragments of one person, and which role a record
shows. Pure decisions on names; `app.ingest.speakers` applies them to the stored rows.

An article's extractor already joins the forms of one person inside the article ("Mr. Blinken"
-> "Antony Blinken" when the article names him in full). What is left to decide here:
- a record's name is a person's name, not a run with a title in front ("Sen. Ted Cruz"), a
  sentence break ("Canada. Cruz") or a lead word ("What Mr. Obama");
- a bare surname joins the full-name record of the same surname when the corpus knows exactly one
  such person, or one quoted far more than the others; otherwise (Bill and Hillary Clinton, as
  often quoted) it stays apart, since its own article named nobody in full;
- a full name joins the record of the same person, spelt alike up to a middle initial, a
  nickname or one letter ("Anthony Blinken", "Antony J. Blinken").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.nlp.identity_words import (
    JOB_WORDS,
    ROLE_WORDS,
    is_affiliation,
    is_group,
    is_place,
)
from app.nlp.lexicons import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    HONORIFICS,
    OBJECT_PRONOUNS,
    ORGANIZATION_WORDS,
    PRONOUNS,
    REPORTING_VERBS,
)
from app.nlp.people import is_title_word, looks_like_organization, name_tokens, same_person
from app.nlp.people import slugify as name_slug
from app.nlp.speaker_roles import clean_role

# "Canada. Cruz": a lower-case-ending word of two letters or more, then a stop and a capital.
_SENTENCE_BREAK = re.compile(r"(?<![\w.])([\w’'-]*[a-z]{2})[.!?]\s+(?=[A-Z])")
_PARENTHESES = re.compile(r"\([^()]*\)")
_PARTICLES = frozenset("de van von der den al bin la le du da di dos del".split())
_POSSESSIVE = re.compile(r"[’']s?$")
_POSSESSIVE_S = re.compile(r"\w[’']s$")
# A role is a job or description: never a clause ("reports show") or a single function word.
# Words in front of a name that are no part of it ("So Donald Trump", "Maybe Trump").
# Closed-class words, auxiliaries and the past and -ing forms of speech verbs: at the start of
# a sentence they are capitalised and glued to the name after them ("Does Rubio", "See Sexton").
_LEAD_WORDS = FUNCTION_WORDS | PRONOUNS | OBJECT_PRONOUNS | frozenset("""
    again all along although among and another any anything are because beyond both but can
    despite did do does each either even every everyone everything few had has have her here’s
    here's his like many maybe might more most much must my neither nor nothing now one only
    other others our perhaps see several should some someone something such though thus unlike
    various very were whether will would your
""".split()) | frozenset(w for w in REPORTING_VERBS if w.endswith(("ed", "ing"))
                         or w in ("said", "told", "wrote", "spoke", "says", "tells"))
_SURNAME_TITLES = frozenset("king bishop judge prince cardinal chancellor sheriff marshal".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
MOST_NAME_WORDS = 3  # a longer run of capitalised words ends in the name: a headline before it
_COURTESIES = frozenset("mr mrs ms miss messrs dr sir dame lady lord".split())
DOMINANT = 0.8  # a bare surname names the person quoted in this share of its family's articles


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """What a speaker record is called: its name, the role written before it, and its kind."""

    name: str
    role: str | None
    is_organization: bool


class KnownSpeaker(Protocol):
    """A stored speaker record as identity decisions see it."""

    @property
    def name(self) -> str: ...

    @property
    def is_organization(self) -> bool: ...

    @property
    def articles(self) -> int:
        """How many articles quote the record."""

    @property
    def role_words(self) -> Collection[str]:
        """The job words of the roles its articles give it (speaker_roles.role_words)."""


Known = TypeVar("Known", bound=KnownSpeaker)


def family_key(name: str) -> str:
    """The last word of a name's slug: where records that may be one person are looked up."""
    return name_slug(name).rsplit("-", 1)[-1][:100]


def _after_sentence_break(name: str) -> str:
    pieces = [m.end() for m in _SENTENCE_BREAK.finditer(name)
              if m.group(1).lower() not in ABBREVIATIONS | HONORIFICS]
    return name[pieces[-1]:] if pieces else name


def _is_name_word(token: str) -> bool:
    bare = token.strip(",")
    if bare.lower() in _PARTICLES:
        return True
    if not bare[:1].isupper() or is_title_word(bare) or bare.lower() in ROLE_WORDS:
        return False
    return not (bare.isupper() and len(bare.strip(".")) > 1 and "." not in bare)  # "CEO", "IMF"


def _is_rank(token: str) -> bool:
    """A title word that is a job or rank ("Sen.", "Speaker"), not a courtesy ("Mr.", "Dr.")."""
    low = token.lower().rstrip(".,")
    return low not in _COURTESIES and (is_title_word(token) or low in ROLE_WORDS
                                       or (token.isupper() and len(low) > 1 and "." not in low))


def speaker_name(name: str, *, is_organization: bool = False) -> SpeakerName:
    """The record name of an extracted speaker name: "Massachusetts Sen. Elizabeth Warren" ->
    Elizabeth Warren (role "Massachusetts Sen."), "What Mr. Obama" -> Obama,
    "Canada. Cruz" -> Cruz, "Trump's" -> Trump. Organisation names keep their words."""
    name = _after_sentence_break(" ".join(_PARENTHESES.sub(" ", name).split()))
    tokens = name.split()
    suffix = ""
    if len(tokens) > 2 and tokens[-1].lower().strip(".,") in _SUFFIXES:
        suffix, tokens = " " + tokens[-1].rstrip(","), tokens[:-1]  # "Martin Luther King Jr."
    start = len(tokens)
    if tokens and tokens[-1][:1].isupper() and tokens[-1].lower().rstrip(".") not in HONORIFICS:
        start -= 1  # a surname may be a title word too ("Mr. King", "Bishop")
    while start > 0 and _is_name_word(tokens[start - 1]) and not _ends_name_run(
            tokens[start - 1]):
        start -= 1
    while start < len(tokens) - 1 and (tokens[start] in _PARTICLES
                                       or tokens[start].lower() in _LEAD_WORDS):
        start += 1  # "So Donald Trump", or a "de" left over from the run
    if len([t for t in tokens[start:] if t.lower() not in _PARTICLES]) > MOST_NAME_WORDS or any(
            t[:1].isupper() and t.lower() in _LEAD_WORDS for t in tokens[1:start]):
        # a headline in title case glued to the name ("... For Abortions Jeb Bush")
        start = max(start, len(tokens) - 2)
    lead = tokens[:start]
    person = _POSSESSIVE.sub("", " ".join(tokens[start:]).rstrip(",;:")) + suffix
    if is_group(tokens[-1]):  # "Some Democrats", "Senate Republicans": a group speaking as one
        first = len(tokens) - 1
        while first > 0 and tokens[first - 1][:1].isupper() \
                and tokens[first - 1].lower() not in _LEAD_WORDS:
            first -= 1
        return SpeakerName(" ".join(tokens[first:]), None, True)
    ranked = any(_is_rank(t) for t in lead)
    named_after = bool(lead) and _ends_name_run(lead[-1]) and len(tokens) - start > 1
    organization = is_organization or looks_like_organization(name)
    if start == len(tokens) or looks_like_organization(person) or organization and not (
            ranked or named_after):
        return SpeakerName(name, None, organization)
    return SpeakerName(person, clean_role(" ".join(lead)) if ranked else None, False)


def _ends_name_run(token: str) -> bool:
    """Whether a word before a name cannot be part of it: a lead word ("Does"), a possessive
    ("Breitbart’s Joel Pollak") or an organisation's word ("Fox News Bret Baier")."""
    low = token.lower().strip(",")
    return low in _LEAD_WORDS or bool(_POSSESSIVE_S.search(low)) \
        or low.strip(".’'") in ORGANIZATION_WORDS


def names_no_one(name: SpeakerName) -> bool:
    """Whether a record name is no one's: a pronoun ("He", "His"), a bare title ("Editor"), a
    party's or nation's member ("a New Hampshire Republican"). The quote stays unattributed."""
    words = name.name.split()
    if all(w.lower().strip(".,’'") in _LEAD_WORDS for w in words):
        return True
    if is_affiliation(words[-1]):
        return True
    if name.is_organization:
        return False
    bare = words[0].lower().strip(".,’'")
    return (len(words) == 1 and bare in JOB_WORDS and bare not in HONORIFICS
            and bare not in _SURNAME_TITLES)


def names_a_place(name: SpeakerName) -> bool:
    """ "Florida said", "Ankara said": a place is no speaker unless modelled as its government."""
    return is_place(name.name)


def article_role(name: str, role: str | None, *, is_organization: bool = False) -> str | None:
    """The role an article gives a speaker: the title before the name ("Texas Sen." of "Texas
    Sen. Ted Cruz"), else the role the extractor found ("the NATO secretary general")."""
    return clean_role(speaker_name(name, is_organization=is_organization).role or role)


def is_lone(name: str) -> bool:
    return len(name_tokens(name)) == 1


def _kind_slug(name: str) -> str:
    return name_slug(name).removeprefix("the-")


def match_speaker(name: SpeakerName, family: Iterable[Known],
                  role: Collection[str] = ()) -> Known | None:
    """The stored record this speaker is, among the records of its family (oldest first), or
    None for a new one. An organisation joins the one of the same name; a full name joins the
    same person's full-name record (first the one spelt alike); a bare surname joins the
    full-name person of that surname the corpus or its `role` words point to (surname_holder),
    else its own bare record."""
    slug = _kind_slug(name.name)
    same_kind = [k for k in family if k.is_organization == name.is_organization]
    exact = [k for k in same_kind if _kind_slug(k.name) == slug]
    if name.is_organization:
        return exact[0] if exact else None
    full = [k for k in same_kind if not is_lone(k.name) and same_person(k.name, name.name)]
    if not is_lone(name.name):
        exact_full = [k for k in exact if not is_lone(k.name)]
        if not exact_full and len(name_tokens(name.name)) > 2:  # "Rival Hillary Clinton"
            tail = _kind_slug(" ".join(name_tokens(name.name)[-2:]))
            exact_full = [k for k in same_kind if _kind_slug(k.name) == tail]
        return (exact_full or full or [None])[0]
    if (person := surname_holder(full, role)) is not None:
        return person
    return exact[0] if exact else None


def surname_holder(full: Sequence[Known], role: Collection[str] = ()) -> Known | None:
    """The person a bare surname names among the full-name records sharing it: the only one,
    the one quoted in at least DOMINANT of the articles quoting any of them ("Trump" beside
    Donald Trump and a rare Ivanka Trump), or the only one whose roles share a job word with
    the bare surname's ("President Obama"); None when the corpus leaves it open."""
    if len(full) == 1:
        return full[0]
    total = sum(k.articles for k in full)
    top = max(full, key=lambda k: k.articles, default=None)
    if top is not None and total and top.articles >= DOMINANT * total:
        return top
    sharing = [k for k in full if set(role) & set(k.role_words)]
    return sharing[0] if len(sharing) == 1 else None


def fragments(family: Sequence[Known]) -> list[tuple[Known, Known]]:
    """(fragment, record it belongs to) pairs among the records of one family, oldest first: a
    bare-surname person record beside exactly one full-name person of that surname, and a
    full-name record of a person an older full-name record already holds."""
    people = [k for k in family if not k.is_organization]
    full: list[Known] = []
    merges: list[tuple[Known, Known]] = []
    for known in people:
        if is_lone(known.name):
            continue
        into = next((k for k in full if same_person(k.name, known.name)), None)
        if into is None:
            full.append(known)
        else:
            merges.append((known, into))
    for known in people:
        if is_lone(known.name):
            holder = surname_holder([k for k in full if same_person(k.name, known.name)],
                                    known.role_words)
            if holder is not None:
                merges.append((known, holder))
    return merges


def record_name(forms: Iterable[str]) -> str:
    """The name a record shows, from the names its articles use (one per article): the commonest
    full form, a full first name before an initial, then the first seen (a misspelling seen as
    often as the right spelling does not take its place)."""
    counts = Counter(forms)
    order = {form: i for i, form in enumerate(counts)}

    def rank(form: str) -> tuple[int, int, int, int]:
        tokens = name_tokens(form)
        initial = len(tokens[0].rstrip(".")) <= 1 if tokens else True
        return (len(tokens) > 1, counts[form], not initial, -order[form])

    return max(counts, key=rank)
