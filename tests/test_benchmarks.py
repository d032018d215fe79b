"""The benchmark commands run and print their figures (the figures themselves are never asserted)."""
import re
from pathlib import Path

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
    assert re.search(r"reference, no database .*3 articles\): \d+ articles/s", out), out
    for jobs in (0, 1):
        assert re.search(rf"jobs={jobs}: 3 articles in [\d.]+ s = \d+ articles/s", out), out


def test_bench_ingest_rejects_a_missing_folder(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:  # else it would time 0 articles at 0/s
        main(["bench", "ingest", str(tmp_path / "missing")])
    assert exit_info.value.code == 2
    assert f"no such file or folder: {tmp_path / 'missing'}" in capsys.readouterr().err


def test_bench_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "nonsense"]) == 2
    assert "unknown benchmark" in capsys.readouterr().err


def test_bench_api_prints_every_mode_and_the_size_ratios(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import app.bench_api

    monkeypatch.setattr(app.bench_api, "WARM_UP_SECONDS", 0)
    monkeypatch.setattr(app.bench_api.shutil, "which", lambda _: None)
    assert main(["bench", "api", "--sizes", "200,400", "--seconds", "1",
                 "--connections", "4"]) == 0
    out = capsys.readouterr().out
    for mode in app.bench_api.MODES:
        assert out.count(f" {mode}:") == 3, out  # one block per size, one in the ratios
    lines = re.findall(r"4 conns: +\d+ req/s \(\s*\d+% of reference\) p99 +[\d.]+ ms \| "
                       r"1 conn: p50 +[\d.]+ ms \( *[\d.]+x reference\)  errors 0", out)
    assert len(lines) == len(app.bench_api.MODES) * 2 * 5, out
    assert re.search(r"server memory: \d+ MB RSS", out), out
