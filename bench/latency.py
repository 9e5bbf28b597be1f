"""Latency figures shared by the write and workshop benchmarks: nearest-rank percentiles."""

from __future__ import annotations


def percentile_ms(seconds: list[float], p: int) -> float:
    """The p-th percentile of these durations, in ms (nearest rank); NaN when there are none."""
    if not seconds:
        return float("nan")
    ordered = sorted(seconds)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)] * 1000


def max_ms(seconds: list[float]) -> float:
    return max(seconds, default=float("nan")) * 1000
