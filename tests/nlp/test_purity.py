"""app/nlp is pure: it imports nothing from the rest of the app (so it runs without a database)."""
import ast
from pathlib import Path

import pytest

NLP = Path(__file__).resolve().parents[2] / "app" / "nlp"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(NLP.glob("*.py")), ids=lambda p: p.name)
def test_nlp_module_imports_only_stdlib_and_nlp(path: Path) -> None:
    outside = {m for m in imported_modules(path)
               if m.split(".")[0] == "app" and not m.startswith("app.nlp")}
    third_party = {m for m in imported_modules(path)
                   if m.split(".")[0] in {"sqlmodel", "sqlalchemy", "fastapi", "pydantic", "spacy"}}
    assert outside == set() and third_party == set()
