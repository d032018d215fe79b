"""Gold loaders: a PolNeAR split folder (brat standoff) and our jsonl annotations.

Each loader returns articles as dicts
{"url", "title", "text", "quotes": [{"text", "speaker", "kind"}]},
the shape the shared score.py uses, so the two scorers read the same gold.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

QUOTE_CHARS = '"“”«»„‟'
SPEECH_CUE_LEMMAS = (
    "say",
    "said",
    "tell",
    "told",
    "add",
    "claim",
    "warn",
    "note",
    "argue",
    "explain",
    "insist",
    "state",
    "declare",
    "announce",
    "write",
    "wrote",
    "tweet",
    "report",
    "suggest",
    "admit",
    "acknowledge",
    "assert",
    "stress",
    "emphasi",
    "reiterate",
    "predict",
    "promise",
    "pledge",
    "vow",
    "recall",
    "conclude",
    "respond",
    "repl",
    "according to",
    "complain",
    "concede",
    "confirm",
    "deny",
    "denie",
    "allege",
)


def has_quote_mark(text: str) -> bool:
    return any(mark in text for mark in QUOTE_CHARS)


def _is_speech_cue(cue: str) -> bool:
    cue = cue.lower()
    return (
        any(word.startswith(SPEECH_CUE_LEMMAS) for word in cue.replace(":", " ").split())
        or "according to" in cue
    )


def load_polnear(folder: str, *, kind: str = "direct") -> list[dict]:
    """kind "direct": Content pieces with a double quote mark (score.py's rule); "reported": Content
    spans without one whose Cue is a speech verb; "all": every Content piece."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for name in sorted(os.listdir(os.path.join(folder, "attributions"))):
        by_article[name.rsplit("_", 1)[0]].append(name)
    articles = []
    for name, files in sorted(by_article.items()):
        with open(os.path.join(folder, "text", name + ".txt"), encoding="utf-8") as handle:
            text = handle.read()
        spans: dict[str, list[tuple[int, int]]] = {}
        relations: list[dict[str, str]] = []
        # like score.py: the first annotator's file only
        with open(os.path.join(folder, "attributions", files[0]), encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    continue
                if parts[0].startswith("T"):
                    _label, offsets = parts[1].split(" ", 1)
                    spans[parts[0]] = [tuple(map(int, s.split())) for s in offsets.split(";")]
                elif parts[0].startswith("E"):
                    relations.append(dict(x.split(":") for x in parts[1].split()))
        quotes = []
        for relation in relations:
            if "Content" not in relation:
                continue
            source = ""
            if "Source" in relation:
                s = spans[relation["Source"]]
                source = text[s[0][0] : s[-1][1]]
            cue = " ".join(text[a:b] for a, b in spans.get(relation.get("Cue", ""), []))
            for a, b in spans[relation["Content"]]:
                piece = text[a:b]
                direct = has_quote_mark(piece)
                if kind == "direct" and not direct:
                    continue
                if kind == "reported" and (direct or not _is_speech_cue(cue)):
                    continue
                quotes.append(
                    {
                        "text": piece,
                        "speaker": source,
                        "cue": cue,
                        "kind": "direct" if direct else "indirect",
                    }
                )
        articles.append(
            {
                "url": f"https://polnear.invalid/{os.path.basename(folder.rstrip('/'))}/{name}",
                "title": text.split("\n", 1)[0].strip(),
                "text": text,
                "quotes": quotes,
                "file": name + ".txt",
            }
        )
    return articles


def load_jsonl(path: str, *, kind: str = "all") -> list[dict]:
    """kind "all": every gold quote (score.py's `jsonl-all`); "direct": kind direct or none
    (score.py's `jsonl`); "reported": kind indirect."""
    articles = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            article = json.loads(line)
            article.setdefault("url", f"https://gold.invalid/{article['id']}")
            quotes = article.get("quotes", [])
            if kind == "direct":  # score.py's rule: a quote without a kind is direct
                quotes = [q for q in quotes if q.get("kind", "direct") == "direct"]
            elif kind == "reported":
                quotes = [q for q in quotes if q.get("kind") == "indirect"]
            articles.append({**article, "quotes": quotes})
    return articles


def load_gold(kind: str, path: str, *, rows: str = "all") -> list[dict]:
    if kind.startswith("polnear"):
        return load_polnear(path, kind=rows)
    if kind.startswith("jsonl"):
        return load_jsonl(path, kind=rows)
    raise ValueError(f"unknown gold kind {kind!r}: choose polnear or jsonl")
