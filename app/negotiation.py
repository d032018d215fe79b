"""Content negotiation (RFC 9110 section 12.5.1): which offered media type an `Accept` header
prefers, with its q-values respected (`text/csv;q=0` refuses CSV)."""
from collections.abc import Sequence

JSON = "application/json"
CSV = "text/csv"
NDJSON = "application/x-ndjson"


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    """(type, subtype, q) of each media range; a malformed q counts as 0."""
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        kind, _, subtype = media.lower().partition("/")
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((kind, subtype or "*", q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """q of the most specific range matching `media_type` (0 when none does)."""
    kind, _, subtype = media_type.partition("/")
    best, specificity = 0.0, -1
    for range_kind, range_subtype, q in ranges:
        if range_kind == kind and range_subtype == subtype:
            rank = 2
        elif range_kind == kind and range_subtype == "*":
            rank = 1
        elif range_kind == "*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = q, rank
    return best


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (ties: the first offered); None when the
    header accepts none of them. No header, or an empty one, accepts anything."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    if not ranges:
        return offered[0]
    scored = [(_quality(media_type, ranges), -i, media_type)
              for i, media_type in enumerate(offered)]
    q, _, media_type = max(scored)
    return media_type if q > 0 else None
