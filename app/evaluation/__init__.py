"""Evaluation of quote extraction against gold sets: loaders, the shared scorer, reports."""

from app.evaluation.report import main_bench_extract, main_eval, run_evaluation

__all__ = ["main_bench_extract", "main_eval", "run_evaluation"]
