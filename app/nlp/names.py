"""Which words of a written capitalised run name a person: not the sentence before it, not the
words that only start a sentence, not the title or job in front of it (that is the role).

"Benghazi. Bob Smith" -> "Bob Smith"; "Maybe Trump" -> "Trump"; "Texas Sen. Ted Cruz" ->
role "Texas Sen.", name "Ted Cruz"; "One of Trump" names no one (it is one of Trump's people).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.nlp.gazetteer import COMMON_WORDS, DEMONYMS, PLACES
from app.nlp.lexicons import (
    ABBREVIATIONS,
    GROUP_ADJECTIVES,
    HONORIFICS,
    NOT_NAME_WORDS,
    ORGANIZATION_WORDS,
    TITLES,
)

_POSSESSIVE = re.compile(r"[’']s?$")
_PARENTHESES = re.compile(r"[^\S\n]*\([^()]*\)")
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_COURTESY = frozenset("mr mrs ms miss messrs dr sir dame lord lady".split())
PARTICLES = frozenset("de van von der den al bin la le du da di dos del".split())
# lower-case words that start a sentence and never a name ("Maybe Trump", "His", "Editor's")
_NOT_NAMES = NOT_NAME_WORDS | (COMMON_WORDS - {"will", "may", "bill"})


def _is_adjective(token: str) -> bool:
    """A capitalised adjective, never a speaker on its own: nationalities, parties, faiths."""
    bare = token.strip(".,")
    return bare in DEMONYMS or bare.lower() in GROUP_ADJECTIVES


@lru_cache(maxsize=1 << 16)
def is_title_word(token: str) -> bool:
    """ "Secretary", "Secretary-General", "Mr.", "Sen." (case-insensitive)."""
    parts = token.lower().rstrip(".,").split("-")
    return any(parts) and all(p in TITLES or p in HONORIFICS for p in parts if p)


def ends_sentence(token: str) -> bool:
    """Whether a token of a run closes a sentence: "Benghazi." does, "Sen.", "J." and "U.S."
    do not."""
    if token.endswith(("!", "?")):
        return True
    if not token.endswith("."):
        return False
    word = token.rstrip(".").lower()
    return (
        len(word) > 1
        and "." not in word
        and word not in ABBREVIATIONS
        and word not in HONORIFICS
        and word not in _NAME_SUFFIXES
    )


@lru_cache(maxsize=1 << 16)
def sentence_pieces(run: str) -> tuple[tuple[int, str], ...]:
    """(offset, text) of the parts of a run a sentence break separates."""
    if "." not in run and "!" not in run and "?" not in run:
        return ((0, run),)
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in re.finditer(r"\S+", run):
        if ends_sentence(match.group()) and match.end() < len(run):
            pieces.append((start, run[start : match.end()]))
            start = match.end() + 1
            while start < len(run) and run[start].isspace():
                start += 1
    pieces.append((start, run[start:]))
    return tuple((offset, text) for offset, text in pieces if text)


def is_name_word(token: str) -> bool:
    """A word that can be part of a name: capitalised, not a pronoun or a common word."""
    bare = _POSSESSIVE.sub("", token.strip(".,;:")).lower()
    return bool(bare) and token[:1].isupper() and bare not in _NOT_NAMES


def _is_org_word(token: str) -> bool:
    return token.lower().strip(".,’'") in ORGANIZATION_WORDS


def role_cut(tokens: list[str]) -> int:
    """How many leading tokens are a title or job description: up to the last title word that
    is followed by a name ("Texas Sen. Ted Cruz", "Trump campaign manager Paul Manafort")."""
    cut = 0
    role_words = [False] * len(tokens)
    for i, token in enumerate(tokens[:-1]):
        # "Chief of Staff": the word after a title's "of" belongs to the title
        role_words[i] = is_title_word(token) or (
            i >= 2 and tokens[i - 1] == "of" and role_words[i - 2]
        )
        rest = [t for t in tokens[i + 1 :] if t.lower().rstrip(".") not in _NAME_SUFFIXES]
        if role_words[i] and rest and all(t[:1].isupper() or t in PARTICLES for t in rest):
            cut = i + 1
    return cut


@lru_cache(maxsize=1 << 16)
def split_written_name(written: str) -> tuple[str | None, str] | None:
    """(role, name) of a written mention, the name being the last sentence's words without what
    only starts a sentence; None when no person is named."""
    written = _PARENTHESES.sub("", written)
    tokens = sentence_pieces(written)[-1][1].split() if written.strip() else []
    lead: list[str] = []
    while tokens and not is_title_word(tokens[0]) and not is_name_word(tokens[0]):
        lead.append(tokens.pop(0))
        if tokens[:1] == ["of"]:
            return None  # "One of Trump('s advisers)", "Much of Beck"
    trailing = False
    while tokens and not tokens[-1][:1].isupper():
        tokens.pop()  # "Right Wing Watch first"
        trailing = True
    if not tokens or trailing and _POSSESSIVE.search(tokens[-1]):
        return None  # "Donald Trump’s critic" is not Donald Trump
    if "of" in tokens:  # "One of Trump", "Lee Zeldin of New York", "Secretary of State X"
        at = tokens.index("of")
        owner, tail = tokens[:at], tokens[at + 1 :]
        if owner and not any(is_title_word(t) for t in owner) and not _is_org_word(owner[-1]):
            if len(owner) > 1 or " ".join(tail) in PLACES:
                return None, " ".join(owner)  # "Lee Zeldin of New York"
    possessive = [i for i, t in enumerate(tokens[:-1]) if _POSSESSIVE.search(t)]
    role: str | None = None
    if possessive:  # "Media Research Center’s Bozell" -> role "Media Research Center"
        at = possessive[-1] + 1
        role, tokens = " ".join(tokens[:at]), tokens[at:]
        role = _POSSESSIVE.sub("", role)
    if not _is_org_word(tokens[-1]):
        cut = role_cut(tokens)
        # courtesy titles stay with the name ("Mr. Blinken"), ranks go to the role ("Sen.")
        while cut > 0 and tokens[cut - 1].lower().rstrip(".") in _COURTESY:
            cut -= 1
        if cut:
            title = " ".join(tokens[:cut])
            role = f"{role} {title}" if role else title
            tokens = tokens[cut:]
    if not tokens or not any(is_name_word(t) or is_title_word(t) for t in tokens):
        return None
    if len(tokens) == 1 and _is_adjective(tokens[0]):
        return None  # "of Republican claims", "Democratic", "Mexican"
    if len(tokens) >= 3 and all(t.isupper() for t in tokens):
        return None  # "CONGRESS HAS INVESTIGATED HIM": a shouted headline
    if role and not any(is_title_word(t) for t in role.split()) and not possessive:
        role = None
    return role, " ".join(tokens)
