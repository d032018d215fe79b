"""People and organisations: names, aliases, roles, in-article resolution, cross-article merging."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from app.nlp.gazetteer import ORG_CUES, ORGANIZATIONS, PLACES
from app.nlp.lexicons import (
    FEMALE_GIVEN_NAMES,
    MALE_GIVEN_NAMES,
    ORGANIZATION_WORDS,
    REPORTING_VERBS,
)
from app.nlp.names import (
    is_name_word,
    is_title_word,
    role_cut,
    sentence_pieces,
    split_written_name,
)
from app.nlp.patterns import word_alternation

_PARTICLES = "de van von der den al bin la le du da di dos del of".split()
_CAP = rf"(?:[A-Z][\w’'.-]*|{word_alternation(_PARTICLES)}(?=[ \t]+[A-Z]))"
# A run of capitalised words (with name particles); possessive quantifiers keep it linear.
NAME_RUN = re.compile(rf"(?<![\w’'.-]){_CAP}(?:[ \t]+{_CAP})*+")
_APPOSITION = re.compile(
    r",\s+(?:the|a|an|who\s+is\s+(?:the|a|an))\s+((?:[\w’'.-]+\s+){0,7}?[\w’'.-]+)\s*[,.;]"
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_INITIAL = re.compile(r"^[A-Z]\.?$")
NICKNAMES = {
    "tony": "antony",
    "anthony": "antony",
    "bill": "william",
    "bob": "robert",
    "joe": "joseph",
    "mike": "michael",
    "jim": "james",
    "hillary": "hillary",
    "chris": "christopher",
    "dick": "richard",
    "ted": "edward",
    "ben": "benjamin",
}


__all__ = ["is_title_word"]  # where it used to live


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The name's words without titles: "Secretary Antony J. Blinken" -> Antony, J., Blinken."""
    tokens = [t.strip(",") for t in re.sub(r"\([^()]*\)", " ", name).split()]
    if tokens and tokens[-1].lower().strip(".,’'") in ORGANIZATION_WORDS:
        return tuple(t for t in tokens if t)  # "State Department" keeps its "State"
    tokens = tokens[role_cut(tokens) :]  # "Texas Sen. Ted Cruz" -> Ted Cruz
    while len(tokens) > 1 and (is_title_word(tokens[0]) or tokens[0] in ("of", "the")):
        tokens = tokens[1:]
    return tuple(t for t in tokens if t)


@lru_cache(maxsize=1 << 16)
def plain_name(name: str) -> str:
    """Fullest plain form, no titles or middle initials: "Antony J. Blinken" -> "Antony Blinken"."""
    tokens = list(name_tokens(name))
    if len(tokens) > 2:
        tokens = [
            t for i, t in enumerate(tokens) if i in (0, len(tokens) - 1) or not _INITIAL.match(t)
        ]
    tokens = [t for t in tokens if not t.startswith("(")]
    tokens = [
        re.sub(r"[’']s$|(?<=\w\w)\.$|\)$", "", t) if i == len(tokens) - 1 else t
        for i, t in enumerate(tokens)
    ]
    return " ".join(tokens)


@lru_cache(maxsize=1 << 16)
def surname(name: str) -> str:
    tokens = name_tokens(name)
    return re.sub(r"[’']s$|(?<=\w\w)[.,;:]$", "", tokens[-1]).lower() if tokens else ""


@lru_cache(maxsize=65_536)  # the same names come back in article after article
def slugify(name: str) -> str:
    ascii_name = (
        unicodedata.normalize("NFKD", plain_name(name) or name).encode("ascii", "ignore").decode()
    )
    return "-".join(w.lower() for w in _WORD.findall(ascii_name))


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] != b[j]:
            edits += 1
            if edits > 1:
                return False
            if len(a) == len(b):
                i += 1
            j += 1
            continue
        i += 1
        j += 1
    return edits + (len(b) - j) <= 1


def _first_names_compatible(a: str, b: str) -> bool:
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    return a == b or (len(a) > 3 and _edit_distance_at_most_one(a, b))


@lru_cache(maxsize=1 << 16)
def same_person(a: str, b: str) -> bool:
    """Whether two written names plausibly denote one person ("Mr. Blinken" ~ "Antony Blinken")."""
    ta, tb = name_tokens(plain_name(a)), name_tokens(plain_name(b))
    if not ta or not tb:
        return False
    la, lb = ta[-1].lower(), tb[-1].lower()
    if la != lb and not (min(len(la), len(lb)) > 4 and _edit_distance_at_most_one(la, lb)):
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return _first_names_compatible(ta[0], tb[0])


def match_person(name: str, known: Iterable[str]) -> str | None:
    """The known name that denotes the same person as name, preferring exact, then fuller forms."""
    candidates = [k for k in known if same_person(name, k)]
    if not candidates:
        return None
    plain = plain_name(name).lower()
    exact = [k for k in candidates if plain_name(k).lower() == plain]
    if exact:
        return exact[0]
    if len(name_tokens(name)) == 1:
        # "Blinken" alone is ambiguous when two known people share the surname
        full = {plain_name(k).lower() for k in candidates}
        if (
            len(full) > 1
            and len({name_tokens(k)[0].lower() for k in candidates if len(name_tokens(k)) > 1}) > 1
        ):
            return None
    return max(candidates, key=lambda k: len(name_tokens(k)))


def clean_alias(form: str) -> str:
    """ "Stoltenberg." -> "Stoltenberg", "Ankara’s" -> "Ankara"; initials keep their dot."""
    form = re.sub(r"[’']s$", "", form.strip(" ,;:"))
    return form[:-1] if form.endswith(".") and len(form.split()[-1]) > 3 else form


_FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "dame", "lady"}
_MALE_TITLES = {"mr", "sir", "lord"}


@lru_cache(maxsize=1 << 16)
def gender_of(written: str) -> str | None:
    """ "f" or "m" when a courtesy title or a common given name says so ("Mrs. Clinton",
    "Hillary Clinton"), else None."""
    tokens = written.split()
    for token in tokens[:-1]:
        low = token.lower().rstrip(".")
        if low in _FEMALE_TITLES:
            return "f"
        if low in _MALE_TITLES:
            return "m"
    names = name_tokens(written)
    if len(names) < 2:
        return None
    first = names[0].lower()
    return "f" if first in FEMALE_GIVEN_NAMES else "m" if first in MALE_GIVEN_NAMES else None


_PEOPLES = re.compile(r"(?:Democrat|Republican|Liberal|Conservative|Socialist)s|Tories")


def looks_like_organization(name: str) -> bool:
    """Outlets, parties, agencies, companies, governments named by their place: not a person
    ("Paul Ryan" is one even when written "House Speaker Paul Ryan")."""
    words = [w.lower().strip(".,’'") for w in name.split()]
    if not words:
        return False
    if name in ORGANIZATIONS or name in PLACES or name.isupper() or _PEOPLES.fullmatch(name):
        return True
    if words[-1] in ORGANIZATION_WORDS or name.split()[-1] in ORG_CUES:
        return True
    return words[0] in ORGANIZATION_WORDS and len(words) > 1 and words[1] == "of"


@dataclass(slots=True)
class PersonRecord:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    is_organization: bool = False


@lru_cache(maxsize=1 << 16)
def split_role(run: str) -> tuple[str | None, str]:
    """ "US Secretary of State Antony Blinken" -> ("US Secretary of State", "Antony Blinken")."""
    split = split_written_name(run)
    return split if split is not None else (None, run)


# ---------------------------------------------------------------- in-article resolution
_FILLER_STARTS = {
    "the",
    "but",
    "and",
    "so",
    "yet",
    "as",
    "then",
    "however",
    "when",
    "while",
    "in",
    "on",
    "at",
    "after",
    "before",
    "if",
    "a",
    "an",
    "this",
    "that",
    "his",
    "her",
    "their",
    "its",
    "for",
    "with",
    "by",
    "from",
    "of",
    "it",
    "he",
    "she",
    "they",
    "we",
}


@dataclass(slots=True)
class NameOccurrence:
    position: int
    written: str
    name: str
    role: str | None
    subject: bool


@lru_cache(maxsize=1 << 16)
def _parse_run(run: str) -> tuple[int, str, str | None, str, str] | None:
    """(offset of the name, written form, role, name, surname) of a capitalised run of one
    sentence, None when it names no one: the same runs come back in article after article."""
    words = run.split()
    shift = 0
    while words and words[0].lower() in _FILLER_STARTS:
        shift += len(words[0]) + 1
        words.pop(0)
    if not words:
        return None
    written = " ".join(words)
    split = split_written_name(written)
    if split is None:
        return None
    role, name = split
    if not name_tokens(name):
        return None
    at = written.find(name)
    if at > 0 and not role:  # words before the name that are no role ("Maybe Trump")
        shift, written = shift + at, written[at:]
    return shift, written, role, name, surname(name)


_JOB_BEFORE = re.compile(
    r"(?:(?<![\w’'.-])[A-Z][\w’'&.-]*[ \t]+){0,3}(?:(?<![\w’'.-])[a-z][\w-]*[ \t]+){1,3}$"
)


def _job_before(text: str, start: int) -> str | None:
    """A job written in lower case before a name: "Maple Leafs coach", "Shopify chief executive"."""
    word_start = text.rfind(" ", max(0, start - 40), start - 1) + 1
    if not text[word_start:start].strip() or not is_title_word(text[word_start:start].strip()):
        return None  # cheap test first: the word just before the name must be a job
    match = _JOB_BEFORE.search(text, max(0, start - 60), start)
    if match is None:
        return None
    words = match.group().split()
    while words and not is_title_word(words[0]) and words[0][:1].islower():
        words.pop(0)  # "said Maple Leafs coach" -> "Maple Leafs coach"
    if not words or not is_title_word(words[-1]):
        return None
    return " ".join(words)


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


def _courtesy_gender(group: list[NameOccurrence]) -> str | None:
    """The one gender the article's titled bare surnames give ("Mr. Obama"), if only one."""
    genders = {gender_of(o.written) for o in group if len(name_tokens(o.name)) == 1}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def _nearest_or_main(full: list[NameOccurrence], position: int) -> list[NameOccurrence]:
    """Among the full mentions of people sharing a surname, those of the person a bare surname
    at position means: the one just before that is a sentence's subject (within a few
    sentences), else the one the article names most (the first named on a tie)."""
    earlier = [o for o in full if o.position <= position and o.subject]
    if earlier and position - earlier[-1].position <= 300:
        chosen = earlier[-1]
    else:
        counts: dict[str, int] = {}
        for o in full:
            counts[plain_name(o.name)] = counts.get(plain_name(o.name), 0) + 1
        chosen = max(full, key=lambda o: (counts[plain_name(o.name)], -o.position))
    first = name_tokens(chosen.name)[0]
    return [o for o in full if _first_names_compatible(name_tokens(o.name)[0], first)]


class _TitleCaseLines:
    """Which lines Are Written In Title Case (headlines, live-blog entries): there a run of
    capitalised words glues a headline's words onto a name ("Chris Christie Says He Would
    Issue A Quarantine Over Zika Virus")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks: list[int] | None = None
        self.verdicts: dict[int, bool] = {}

    def __contains__(self, position: int) -> bool:
        if self.breaks is None:
            self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect_left(self.breaks, position)
        if line not in self.verdicts:
            start = self.breaks[line - 1] + 1 if line else 0
            end = self.breaks[line] if line < len(self.breaks) else len(self.text)
            words = [w for w in self.text[start:end].split() if w[:1].isalpha()]
            capitalised = sum(w[:1].isupper() for w in words)
            self.verdicts[line] = len(words) >= 4 and capitalised >= 0.75 * len(words)
        return self.verdicts[line]


def _headline_pieces(run: str) -> list[tuple[int, str]]:
    """A title-case run cut at its common words and speech verbs: the names between them."""
    pieces: list[tuple[int, str]] = []
    start: int | None = None
    for match in re.finditer(r"\S+", run):
        word = match.group()
        if not is_name_word(word) or word.lower() in REPORTING_VERBS:
            if start is not None:
                pieces.append((start, run[start : match.start()].rstrip()))
            start = None
        elif start is None:
            start = match.start()
    if start is not None:
        pieces.append((start, run[start:]))
    return pieces


class ArticlePeople:
    """Names found in one article, indexed by surname, to turn mentions into canonical names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_surname: dict[str, list[NameOccurrence]] = {}
        self.roles: list[tuple[str, NameOccurrence]] = []
        self._subject_index: tuple[list[int], list[NameOccurrence]] | None = None
        self._canonical_cache: dict[tuple[str, str | None], str | None] = {}
        self._title_case = _TitleCaseLines(text)
        self._lower_case_words: frozenset[str] | None = None
        for run in NAME_RUN.finditer(text):
            self._add_run(run)

    @property
    def lower_case_words(self) -> frozenset[str]:
        """Words the article writes in lower case (built on first use)."""
        if self._lower_case_words is None:
            self._lower_case_words = frozenset(_LOWER_WORD.findall(self.text))
        return self._lower_case_words

    def _add_run(self, run: re.Match[str]) -> None:
        pieces = sentence_pieces(run.group())
        if len(run.group().split()) > 3 and run.start() in self._title_case:
            pieces = tuple((o + p, q) for o, text in pieces for p, q in _headline_pieces(text))
        for offset, piece in pieces:
            self._add_piece(run.start() + offset, piece, run.end())

    def _add_piece(self, piece_start: int, piece: str, run_end: int) -> None:
        parsed = _parse_run(piece)
        if parsed is None:
            return
        shift, written, role, name, key = parsed
        start = piece_start + shift
        before = self.text[max(0, start - 2) : start]
        subject = (
            start == 0
            or before.strip() == ""
            and self.text[max(0, start - 3) : start].strip() in {"", "."}
        )
        if role is None and start > 0 and self.text[start - 1] == " ":
            role = _job_before(self.text, start)
        occurrence = NameOccurrence(
            start, written, name, role, subject or before.endswith(("\n", ". "))
        )
        self.by_surname.setdefault(key, []).append(occurrence)
        end = piece_start + len(piece)
        apposition = (
            _APPOSITION.match(self.text, end, end + 90)
            if end == run_end and self.text.startswith(",", end)
            else None
        )
        if apposition:
            occurrence.role = occurrence.role or apposition.group(1)
            self.roles.append((apposition.group(1).lower(), occurrence))
        if role:
            self.roles.append((role.lower(), occurrence))

    def _group(self, mention_name: str) -> list[NameOccurrence]:
        return [
            o
            for o in self.by_surname.get(surname(mention_name), ())
            if same_person(o.name, mention_name)
        ]

    def canonical(self, mention_name: str, position: int, gender: str | None = None) -> str | None:
        """Fullest plain form of the named person, choosing among same-surname people by the
        gender a title or pronoun gives ("Mrs. Clinton", "she"), then by recency."""
        key = (mention_name, gender)
        if key in self._canonical_cache:
            return self._canonical_cache[key]
        split = split_written_name(mention_name)
        if split is None:
            self._canonical_cache[key] = None
            return None
        gender = gender or gender_of(mention_name)
        mention_name = split[1]
        group = self._group(mention_name)
        full = [o for o in group if len(name_tokens(o.name)) > 1]
        if not full:
            plain = plain_name(mention_name)
            if " " not in plain and plain.lower() in self.lower_case_words:
                plain = ""  # "Pressure", "Critics", "Informed": a word that starts a sentence
            self._canonical_cache[key] = plain or None
            return self._canonical_cache[key]
        firsts = {name_tokens(o.name)[0].lower() for o in full}
        ambiguous = len(firsts) > 1 and not all(
            _first_names_compatible(a, b) for a in firsts for b in firsts
        )
        if gender is None and len(name_tokens(mention_name)) == 1:
            gender = _courtesy_gender(group)  # the article's "Mr. Obama" is not Michelle Obama
        if gender:
            full = [o for o in full if gender_of(o.written) in (gender, None)]
            if not full:
                self._canonical_cache[key] = plain_name(mention_name) or None
                return self._canonical_cache[key]
        if ambiguous:
            full = _nearest_or_main(full, position)
        counts: dict[str, int] = {}
        for o in full:
            form = plain_name(o.name)
            counts[form] = counts.get(form, 0) + 1
        best = max(counts, key=lambda form: (counts[form], len(form)))
        if not ambiguous:  # the answer does not depend on the position: remember it
            self._canonical_cache[key] = best
        return best

    def by_description(self, description: str, position: int) -> str | None:
        """ "the secretary general" -> the person whose role contains those words."""
        words = [
            w for w in re.findall(r"[a-z]+", description.lower()) if w not in {"the", "a", "an"}
        ]
        if not words:
            return None
        if description.split()[-1][:1].isupper():  # "the Post", "footage of Hillary Clinton"
            return self.canonical(description.split()[-1], position)
        head = words[-1]
        best: NameOccurrence | None = None
        best_score = 0
        for role, occurrence in self.roles:
            role_words = set(re.findall(r"[a-z]+", role))
            if head not in role_words:
                continue
            score = sum(w in role_words for w in words) * 10 - (occurrence.position > position)
            if score > best_score:
                best, best_score = occurrence, score
        if best is not None:
            return self.canonical(best.name, position)
        if description.split()[-1][:1].isupper():  # "the Post" -> "The Washington Post"
            return self.canonical(description.split()[-1], position)
        return None

    def _subjects(self) -> tuple[list[int], list[NameOccurrence]]:
        """Sentence-initial person names that pronouns may refer to, by position (built once)."""
        if self._subject_index is None:
            subjects = sorted(
                (
                    o
                    for occurrences in self.by_surname.values()
                    if any(len(name_tokens(x.name)) > 1 for x in occurrences)
                    for o in occurrences
                    if o.subject
                    and not looks_like_organization(o.name)
                    and not o.name.endswith(("ing", "ed", "ly"))
                ),
                key=lambda o: o.position,
            )
            self._subject_index = ([o.position for o in subjects], subjects)
        return self._subject_index

    def last_subject_before(
        self, position: int, floor: int, gender: str | None = None
    ) -> NameOccurrence | None:
        """The latest sentence-initial person name between floor and position whose gender does
        not contradict the pronoun's."""
        positions, subjects = self._subjects()
        index = bisect_left(positions, position) - 1
        while index >= 0 and subjects[index].position >= floor:
            if gender is None or gender_of(subjects[index].written) in (gender, None):
                return subjects[index]
            index -= 1
        return None

    def role_of(self, name: str) -> str | None:
        roles = [o.role for o in self._group(name) if o.role]
        return max(roles, key=len) if roles else None

    def aliases_of(self, name: str) -> list[str]:
        forms: list[str] = []
        for o in self._group(name):
            for form in (o.name, o.written if o.role and len(o.role.split()) == 1 else None):
                form = clean_alias(form) if form else None
                if form and form not in forms:
                    forms.append(form)
        return forms
