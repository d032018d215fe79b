"""Word lists the extractor is driven by. Lower-case unless noted."""
from __future__ import annotations


def _verb_forms(base: str, past: str | None = None, ing: str | None = None) -> set[str]:
    """All inflected forms of a regular (or lightly irregular) verb."""
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third, past = base[:-1] + "ies", past or base[:-1] + "ied"
    return {base, third, past or stem + "ed", ing or stem + "ing"}


_SPEECH_VERBS: list[tuple[str, str | None, str | None]] = [
    ("say", "said", "saying"), ("tell", "told", "telling"), ("add", None, None),
    ("write", "wrote", "writing"), ("tweet", None, None), ("continue", None, None),
    ("note", None, None), ("explain", None, None), ("state", None, None), ("respond", None, None),
    ("reply", None, None), ("declare", None, None), ("conclude", None, None), ("argue", None, None),
    ("pledge", None, None), ("insist", None, None), ("promise", None, None), ("warn", None, None),
    ("admit", "admitted", "admitting"), ("suggest", None, None), ("recall", None, None),
    ("claim", None, None), ("shout", None, None), ("vow", None, None), ("announce", None, None),
    ("acknowledge", None, None), ("remark", None, None), ("assure", None, None), ("ask", None, None),
    ("joke", None, None), ("blast", None, None), ("answer", None, None), ("yell", None, None),
    ("lament", None, None), ("emphasize", None, None), ("emphasise", None, None),
    ("boast", None, None), ("assert", None, None), ("concede", None, None), ("predict", None, None),
    ("complain", None, None), ("post", None, None), ("charge", None, None), ("bark", None, None),
    ("chant", None, None), ("report", None, None), ("stress", None, None), ("observe", None, None),
    ("quip", "quipped", "quipping"), ("urge", None, None), ("cry", None, None),
    ("scream", None, None), ("mutter", None, None), ("whisper", None, None), ("repeat", None, None),
    ("confirm", None, None), ("deny", None, None), ("reiterate", None, None), ("tout", None, None),
    ("testify", None, None), ("maintain", None, None), ("contend", None, None), ("retort", None, None),
    ("counter", None, None), ("demand", None, None), ("exclaim", None, None), ("proclaim", None, None),
    ("mention", None, None), ("caution", None, None), ("plead", None, None),
    ("reason", None, None), ("muse", None, None), ("sigh", None, None), ("snap", "snapped", "snapping"),
    ("fume", None, None), ("quote", None, None), ("announce", None, None), ("speak", "spoke", None),
    ("reveal", None, None), ("opine", None, None), ("protest", None, None), ("pronounce", None, None),
    ("allege", None, None), ("estimate", None, None), ("predict", None, None), ("tweet", None, None),
    ("talk", None, None), ("accuse", None, None), ("describe", None, None), ("call", None, None),
    ("brag", "bragged", "bragging"), ("thunder", None, None), ("rail", None, None), ("read", "read", None),
    ("sing", "sang", "singing"), ("echo", "echoed", "echoing"), ("beam", None, None), ("gush", None, None), ("summarize", None, None), ("rap", "rapped", "rapping"), ("scold", None, None),
]

REPORTING_VERBS: frozenset[str] = frozenset(
    form for base, past, ing in _SPEECH_VERBS for form in _verb_forms(base, past, ing)
) | {"commented", "commenting","according", "put", "puts", "went on", "goes on"}

# Verbs that introduce reported speech ("X said (that) CLAUSE"); narrower than REPORTING_VERBS
# because "called", "asked", "described" rarely take a clause.
CLAUSE_VERBS: frozenset[str] = frozenset(
    form for base, past, ing in _SPEECH_VERBS
    if base in {"say", "tell", "add", "write", "note", "explain", "state", "declare", "conclude",
                "argue", "insist", "promise", "warn", "admit", "suggest", "claim", "announce",
                "acknowledge", "assure", "assert", "concede", "predict", "complain", "report",
                "stress", "observe", "confirm", "reiterate", "maintain", "contend", "reveal",
                "allege", "emphasize", "emphasise", "pledge", "vow", "recall", "tweet", "testify"}
    for form in _verb_forms(base, past, ing)
)

# Words that may sit between a speaker and the cue ("he also said", "she later told").
CUE_ADVERBS: frozenset[str] = frozenset({
    "also", "later", "then", "further", "again", "once", "had", "has", "have", "would", "will",
    "previously", "recently", "repeatedly", "earlier", "simply", "flatly", "just", "only",
    "publicly", "privately", "quickly", "angrily", "bluntly", "frankly", "tersely", "finally",
    "subsequently", "often", "famously", "reportedly", "even", "to", "not", "did", "does", "was",
    "himself", "herself", "themselves", "itself",
})

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "i", "we", "it", "you"})
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they"})
OBJECT_PRONOUNS: frozenset[str] = frozenset({"him", "her", "them", "me", "us"})

# Honorifics and titles that prefix a name; lower-case, without the dot.
HONORIFICS: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame",
                                        "lord", "lady", "rev", "fr", "sen", "rep", "gov", "gen",
                                        "col", "lt", "sgt", "capt", "maj", "adm", "hon", "messrs"})

TITLES: frozenset[str] = frozenset({
    "president", "vice", "prime", "minister", "secretary", "general", "chancellor", "senator",
    "sen", "representative", "rep", "governor", "gov", "mayor", "judge", "justice", "king",
    "queen", "prince", "princess", "pope", "chairman", "chairwoman", "chair", "director",
    "commissioner", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chief", "leader",
    "speaker", "attorney", "sheriff", "officer", "captain", "colonel", "lieutenant", "sergeant",
    "admiral", "coach", "professor", "dr", "mr", "mrs", "ms", "candidate", "nominee", "former",
    "foreign", "defense", "defence", "state", "deputy", "acting", "senior", "first", "lady",
    "congressman", "congresswoman", "councilman", "councilwoman", "ceo", "founder", "executive",
    "rabbi", "reverend", "bishop", "cardinal", "archbishop", "emir", "sheikh", "ayatollah",
    "premier", "envoy", "delegate", "commander", "inspector", "superintendent", "treasurer",
    "economist", "analyst", "host", "anchor", "editor", "columnist", "author", "activist",
    "republican", "democrat", "democratic", "gop", "us", "u.s.", "uk", "eu", "french", "german",
    "british", "american", "russian", "chinese", "turkish", "afghan", "nato", "un",
})

# Descriptions an article uses instead of a name ("the secretary", "the senator", "the daily").
DESCRIPTION_HEADS: frozenset[str] = frozenset({
    "president", "secretary", "minister", "senator", "governor", "mayor", "candidate", "nominee",
    "chancellor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "official", "lady",
    "congressman", "congresswoman", "chairman", "director", "leader", "general", "chief",
    "daily", "newspaper", "paper", "agency", "group", "company", "ministry", "department",
    "campaign", "commission", "committee", "businessman", "billionaire", "mogul", "woman", "man",
    "lawmaker", "judge", "diplomat", "congressman", "democrat", "republican", "frontrunner",
    "front-runner", "star", "actor", "actress", "singer", "author", "host", "pope", "king",
    "queen", "prince", "premier", "envoy", "commissioner", "officials", "organization",
    "organisation", "network", "magazine", "outlet", "report", "statement", "website", "court",
})

ORGANIZATION_WORDS: frozenset[str] = frozenset({
    "post", "times", "journal", "news", "herald", "tribune", "guardian", "telegraph", "reuters",
    "press", "agency", "ministry", "department", "office", "house", "nato", "un", "eu", "party",
    "committee", "commission", "council", "campaign", "court", "company", "inc", "corp", "group",
    "association", "union", "institute", "university", "foundation", "bank", "fund", "bureau",
    "network", "daily", "magazine", "cnn", "bbc", "afp", "ap", "police", "army", "pentagon",
    "kremlin", "government", "administration", "board", "service", "center", "centre", "senate",
})

# Single-word abbreviations that end with a dot without ending a sentence.
ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "maj", "adm", "rev", "hon", "messrs", "mt", "ft", "vs", "no", "inc", "corp",
    "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "etc", "e.g", "i.e", "al", "approx",
    "fig", "ave", "blvd", "calif", "fla", "mass", "wash", "pa", "tenn", "ariz", "mich", "ill",
})

FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "of", "and", "or", "but", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "that", "this", "these", "those", "it", "its", "is", "was", "be", "been",
    "when", "while", "if", "then", "so", "after", "before", "during", "since", "until", "about",
    "however", "meanwhile", "still", "yet", "also", "asked", "speaking", "earlier", "later",
    "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "last", "this", "there", "here", "what", "which", "who", "how", "why", "where",
})
