"""Benchmark utterance grouping on synthetic quotes: `python -m app.bench_grouping --sizes 10k,1M`.

Quotes are made from seed-like statements, each rendered by several outlets: verbatim, with
British spelling, with an editorial insertion, in other quotation marks and case, as a partial
quote, as a single word, split in two pieces, or cut by an ellipsis. Speakers range from a few
very prolific ones (huge blocks) to many who are quoted a handful of times.
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from collections.abc import Sequence

from app.nlp.utterances import QuoteForGrouping, group_utterances

SEED_WORDS = """the last thing we can afford to do is take this alliance for granted i have come
here to express united states steadfast commitment want rebuild our partnerships first and
foremost with nato allies revitalize process of confronting own shortcomings very painful ugly
ultimately today emerged better stronger turkey long standing valued ally no secret differences
including actions they are taking eastern mediterranean strong interest keeping anchored went in
together adjusted when time right will leave review underway share initial thinking consult
friends early often change from past already seeing force choice china coercive behavior
threatens collective security prosperity undercut rules international system values honor
defense center organize analyze pipeline bad idea europe contradiction security goals""".split()
OUTLETS = ["euractiv", "presstv", "nytimes", "reuters", "guardian", "afp", "bbc", "politico"]
BRITISH = {"revitalize": "revitalise", "defense": "defence", "center": "centre",
           "organize": "organise", "analyze": "analyse", "behavior": "behaviour", "honor": "honour"}


def synthetic_quotes(count: int, *, seed: int = 1) -> list[QuoteForGrouping]:
    """About `count` quotes: statements rendered 1-8 times each, by varied outlets."""
    rng = random.Random(seed)
    # ~24,000 made-up words (some ending in -ize or -our): a news-sized vocabulary.
    made = [f"{a}{b}{c}{d}" for a in ("ka", "lo", "mi", "ne", "pu", "ra", "so", "ti", "vu", "ze",
                                       "bra", "cre", "dro", "fla", "gri")
            for b in ("ba", "de", "fi", "go", "hu", "ja", "ke", "li", "mo", "nu", "pe", "qui")
            for c in ("", "ra", "ton", "vel", "mi", "sa", "ko", "der", "lan", "pi", "zu", "gor")
            for d in ("n", "r", "s", "t", "ize", "our", "ing", "ment", "tion", "al", "ly")]
    rng.shuffle(made)
    vocabulary = SEED_WORDS + made
    weights = [1.0 / (rank + 10) for rank in range(len(vocabulary))]
    cumulative = list(_accumulate(weights))
    prolific = [f"speaker-{i}" for i in range(5)]
    speakers = max(10, count // 40)
    quotes: list[QuoteForGrouping] = []
    article = 0
    while len(quotes) < count:
        roll = rng.random()
        speaker = (None if roll < 0.05 else rng.choice(prolific) if roll < 0.25
                   else f"speaker-{rng.randrange(5, speakers)}")
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(6, 40))
        for rendering in _renderings(words, rng):
            article += 1
            quotes.append(QuoteForGrouping(len(quotes) + 1, speaker, rendering, "direct",
                                           article // 6, rng.choice(OUTLETS)))
    return quotes[:count]


def _accumulate(values: Sequence[float]):
    total = 0.0
    for value in values:
        total += value
        yield total


def _renderings(words: list[str], rng: random.Random) -> list[str]:
    text = " ".join(words)
    out = [text[0].upper() + text[1:] + "."]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 5, 7))):
        kind = rng.randrange(8)
        if kind == 0:
            out.append("“" + text + ",”")
        elif kind == 1:
            out.append(" ".join(BRITISH.get(w, w.replace("ize", "ise")) for w in words))
        elif kind == 2:
            cut = rng.randrange(1, len(words))
            out.append(" ".join(words[:cut] + ["(to NATO)"] + words[cut:]))
        elif kind == 3:
            start = rng.randrange(len(words) - 2)
            out.append(" ".join(words[start:start + rng.randint(2, 8)]))
        elif kind == 4:
            out.append(rng.choice(words))
        elif kind == 5:
            cut = rng.randrange(2, len(words) - 2) if len(words) > 5 else 1
            out.extend((" ".join(words[:cut]), " ".join(words[cut:])))
        elif kind == 6:
            cut = rng.randrange(1, len(words))
            out.append(" ".join(words[:cut]) + "... " + " ".join(words[cut + 1:]))
        else:
            out.append(text.upper())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M",
                        help="comma-separated quote counts, k/M suffixes allowed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [_parse_size(s) for s in args.sizes.split(",") if s.strip()]
    previous: tuple[int, float] | None = None
    print(f"{'quotes':>10} {'seconds':>8} {'quotes/s':>10} {'groups':>9} {'multi':>8}"
          f" {'time ratio / size ratio':>24}")
    for size in sizes:
        quotes = synthetic_quotes(size, seed=args.seed)
        gc.collect()
        started = time.perf_counter()
        utterances = group_utterances(quotes)
        elapsed = time.perf_counter() - started
        multi = sum(1 for u in utterances if len(u.quote_ids) > 1)
        growth = ""
        if previous:
            growth = f"{(elapsed / previous[1]) / (size / previous[0]):.2f}"
        print(f"{size:>10,} {elapsed:>8.2f} {size / elapsed:>10,.0f} {len(utterances):>9,}"
              f" {multi:>8,} {growth:>24}", flush=True)
        previous = (size, elapsed)
        del quotes, utterances
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole process, including the synthetic quotes): {peak:,.0f} MB")
    return 0


def _parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


if __name__ == "__main__":
    sys.exit(main())
