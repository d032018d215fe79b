"""Synthetic articles for benchmarks: the seeds with other speakers, outlets, dates, topics."""
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import PROJECT_ROOT
from app.models import ArticleCreate

SEEDS = PROJECT_ROOT / "seeds"
FIRST_NAMES = ("Maria", "James", "Aiko", "Omar", "Ingrid", "Pedro", "Lena", "Kwame", "Sofia",
               "Dmitri", "Priya", "Lucas", "Fatima", "Hugo", "Mei", "Tomasz", "Amara", "Jonas")
SURNAMES = ("Keller", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Silva",
            "Kowalski", "Byrne", "Ferreira", "Nakamura", "Schulz", "Petrov", "Duarte", "Varga",
            "Mensah", "Rossi", "Jensen", "Alvarez", "Horvath", "Ibrahim", "Larsen", "Costa")
PLACES = ("Turkey", "China", "Afghanistan", "Iran", "Ukraine", "Brazil", "Japan", "Poland")


def seed_texts(folder: Path = SEEDS) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def vary_text(text: str, rng: random.Random) -> str:
    """The same article with its two speakers and a country renamed."""
    for surname in ("Blinken", "Stoltenberg"):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        text = text.replace(f"Antony J. {surname}", f"{first} {last}")
        for prefix in ("Antony ", "Anthony ", "Jens "):
            text = text.replace(prefix + surname, f"{first} {last}")
        text = text.replace(surname, last)
    return text.replace("Turkey", rng.choice(PLACES))


def synthetic_articles(count: int, *, variants: int = 200, outlets: int = 50,
                       seed: int = 0) -> Iterator[ArticleCreate]:
    """`count` distinct article records drawn from `variants` rewrites of the seed articles."""
    rng = random.Random(seed)
    templates = seed_texts()
    texts = [vary_text(rng.choice(templates), rng) for _ in range(variants)]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for n in range(count):
        text = texts[n % len(texts)]
        outlet = f"Outlet {n % outlets:03d}"
        yield ArticleCreate(
            text=f"{text}\n\nStory {n}.",
            url=f"https://outlet{n % outlets:03d}.example/news/{n}",
            outlet=outlet,
            published_at=start + timedelta(minutes=37 * n),
        )
