"""The benchmark commands run and print their figures (the figures themselves are never asserted)."""
import re

import pytest

from app.__main__ import main
from tests.conftest import SEEDS


def test_bench_extract_prints_articles_and_words_per_second(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "extract", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"extract: 3 articles, \d+ quotes in [\d.]+s: [\d.]+ articles/s, [\d,]+ "
                     r"words/s", out), out


def test_bench_ingest_prints_a_line_per_job_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "ingest", str(SEEDS), "--jobs", "0,1"]) == 0
    out = capsys.readouterr().out
    for jobs in (0, 1):
        assert re.search(rf"jobs={jobs}: 3 articles in [\d.]+ s = \d+ articles/s", out), out


def test_bench_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "nonsense"]) == 2
    assert "unknown benchmark" in capsys.readouterr().err
