"""Roles of speakers: what counts as a role ("Texas Sen.", "the NATO secretary general"), the
role a record shows (the commonest of its recent ones), and the job words that tell two people
of one surname apart ("President Obama" is not the Obama quoted as first lady)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from app.nlp.identity_words import JOB_WORDS
from app.nlp.lexicons import ABBREVIATIONS, HONORIFICS, REPORTING_VERBS

_ROLE_VERBS = re.compile(r"\b(?:show|shows|showed|said|says|say|told|is|are|was|were|has|have"
                         r"|had|will|would|could|should|did|does|reported|reports|according"
                         r"|wrote|writes)\b", re.IGNORECASE)
_SPEECH_VERBS_PAST = frozenset(w for w in REPORTING_VERBS if w.endswith("ed")) | {"said", "told",
                                                                                "wrote"}
RECENT_ROLES = 20  # a record's role: the commonest among the roles of its last this many articles
# Ranks written short in front of a name, spelt out so that "Sen." and "Senator" agree.
_RANKS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
          "lt": "lieutenant", "adm": "admiral", "prof": "professor", "sec": "secretary",
          "col": "colonel", "capt": "captain", "sgt": "sergeant", "maj": "major"}
_COURTESIES = frozenset("mr mrs ms miss messrs dr sir dame lady lord hon rev".split())


def clean_role(role: str | None) -> str | None:
    """A role as a record shows it, or None when the words are no role ("reports show", "he")."""
    if not role:
        return None
    role = " ".join(role.split()).strip(" ,;:")
    words = role.split()
    if not words or len(words) > 12 or _ROLE_VERBS.search(role) or any(
            w.lower().strip(".,") in _SPEECH_VERBS_PAST for w in words):
        return None  # a clause: "reports show", "The Washington Post noted that author"
    if not any(w.lower().strip(".,’'") in JOB_WORDS or w.lower().strip(".,’'").removesuffix("s")
               in JOB_WORDS for w in words):
        return None  # "two other political outsiders", "GOP", "POLITICO"
    last = words[-1].lower()
    if len(words) > 1 and last in ABBREVIATIONS | HONORIFICS:
        return None  # cut at an abbreviation: "senior aide with Sen", "strategist for Mrs"
    return role[:300]


def role_words(role: str | None) -> frozenset[str]:
    """The job words of a role, ranks spelt out: "Texas Sen." -> {senator}."""
    words = (w.lower().strip(".,’'") for w in (role or "").split())
    return frozenset(_RANKS.get(w, w) for w in words
                     if w in JOB_WORDS and w not in _COURTESIES)


def record_role(roles: Sequence[str | None]) -> str | None:
    """The role a record shows, from its articles' roles oldest first: the commonest among the
    last RECENT_ROLES roles given, the latest on a tie."""
    recent = [r for r in map(clean_role, roles) if r][-RECENT_ROLES:]
    if not recent:
        return None
    counts = Counter(recent)
    latest = {role: i for i, role in enumerate(recent)}
    return max(counts, key=lambda role: (counts[role], latest[role]))
