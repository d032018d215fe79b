"""The words of a quote as every outlet would print them: one spelling per word.

Outlets render the same statement with different house styles: contractions ("we'll" /
"we will"), British or American spelling ("revitalise" / "revitalize", "centre" / "center"),
curly or straight quotation marks and apostrophes, dashes, accents, "per cent" / "%",
dotted abbreviations ("U.S." / "US"), and cuts: an ellipsis or an editor's bracketed insertion
("[the alliance]") stands where words were left out or replaced. `fragments` turns a text into
the runs of canonical words between such cuts; two renderings of one statement give the same
runs, or one's runs appear in order in the other's.

The spelling rules are general suffix rules, applied to both sides: a rule only has to map
variants together and never merge two different words.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# a cut: an ellipsis (also spaced ". . ."), or an editorial insertion in brackets
_CUT = re.compile(r"\.\s?\.(?:\s?\.)+|…|\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "′": "'"})
_DOTTED = re.compile(r"(?<![a-z0-9.])[a-z](?:\.[a-z])+\.?(?![a-z])")  # u.s. u.k e.u.
_PER_CENT = re.compile(r"\bper\s+cent\b|%")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")

_NOT = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
        "ain't": ("is", "not"), "cannot": ("can", "not")}
_SUFFIXES = {"'ll": "will", "'re": "are", "'ve": "have", "'m": "am", "'d": "would"}
# 's after these is "is" (or "has"); after a noun it is a possessive, kept as written
_IS_AFTER = frozenset("it that he she there here what who where how when why this".split())

_SPELLING = [  # British -> one spelling (the American, mostly)
    (re.compile(r"(?<=[a-z]{2}[iy])s(e|es|ed|ing|ation|ations|er|ers)$"), r"z\1"),  # -ise/-yse
    (re.compile(r"(?<=[a-z]{2}[lbnvmrdpi])our(s|ed|ing|ite|ites|hood|hoods|ful|able|er|ers)?$"),
     r"or\1"),  # colour, behaviour, neighbourhood, favourite
    (re.compile(r"(?<=[a-z]{2}[tbcg])re(s|d)?$"), r"er\1"),  # centre, fibre, meagre
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
    (re.compile(r"(?<=[a-z]{2}e)ll(ed|ing|er|ers)$"), r"l\1"),  # travelled, fuelled
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),  # catalogue, dialogue
    (re.compile(r"(?<=[bcdfghklmnprstv])ae(?=[bcdfghklmnprstv])"), "e"),  # paediatric, anaemia
    (re.compile(r"(?<=[a-z]{4})mme(s)?$"), r"m\1"),  # programme
    (re.compile(r"(?<=[a-z]{3})ement$"), "ment"),  # judgement, acknowledgement
]
_SPELLING_WORDS = {"whilst": "while", "amongst": "among", "towards": "toward", "grey": "gray",
                   "ageing": "aging", "afterwards": "afterward", "percent": "percent"}


def fragments(text: str) -> list[list[str]]:
    """The runs of canonical words of text between cuts (ellipses, bracketed insertions)."""
    text = _plain(text)
    runs = []
    for piece in _CUT.split(text):
        words = [w for token in _WORD.findall(piece) for w in expand(token)]
        if words:
            runs.append(words)
    return runs


def canonical_words(text: str) -> list[str]:
    """Every canonical word of text, cuts ignored."""
    return [w for run in fragments(text) for w in run]


def _plain(text: str) -> str:
    """Lowercase, accents dropped, one apostrophe, abbreviations undotted, "%" as a word."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    return _PER_CENT.sub(" percent ", text.replace("&", " and "))


@lru_cache(maxsize=200_000)
def expand(token: str) -> tuple[str, ...]:
    """A lowercase token as canonical words: contractions spelled out, one spelling."""
    if token in _NOT:
        return _NOT[token]
    if token.endswith("n't"):
        return (canonical_word(token[:-3]), "not")
    stem, apostrophe, ending = token.rpartition("'")
    if apostrophe:
        if "'" + ending in _SUFFIXES:
            return (canonical_word(stem), _SUFFIXES["'" + ending])
        if ending == "s" and stem in _IS_AFTER:
            return (stem, "is")
        if ending == "s" and stem == "let":
            return ("let", "us")
    return (canonical_word(token),)


@lru_cache(maxsize=200_000)
def canonical_word(word: str) -> str:
    """One spelling for British/American variants ("revitalise" and "revitalize" -> same)."""
    word = _SPELLING_WORDS.get(word, word)
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word
