"""Regular-expression building blocks."""
from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str]) -> str:
    """A group matching any of the words, as a trie: "s(?:a(?:id|ys?))" for said, say, says.

    It matches what the plain alternation, longest words first, matches, but the engine tries
    one branch per letter instead of every word at every position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_branches(trie)})"


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body  # a longer word first, as greedy `?` tries
