"""The gate's calibration on made-up scores: weights fitted, a threshold chosen by dev."""

from __future__ import annotations

import numpy as np

from evals.calibrate import choose_threshold, fit, kind_weights, leave_one_writer_out, writer


def test_the_threshold_separates_scores_that_separate() -> None:
    p = np.array([0.9, 0.8, 0.85, 0.2, 0.1, 0.15, 0.05, 0.1])
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    kinds = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    t = choose_threshold(p, y, kinds)
    assert 0.2 < t <= 0.8


def test_a_lucky_single_cut_loses_to_a_broad_good_range() -> None:
    # Positives spread evenly over 0.30-0.70; written negatives too, with a gap just above
    # 0.62 that makes one narrow cut best. Averaged over its neighbours, the middle wins.
    rng = np.random.default_rng(1)
    pos = np.linspace(0.45, 0.95, 40)
    neg = np.r_[np.linspace(0.05, 0.55, 38), [0.60, 0.61]]
    lomo = rng.uniform(0.0, 0.4, 40)
    p = np.r_[pos, neg, lomo]
    y = np.r_[np.ones(40), np.zeros(80)]
    kinds = np.r_[np.zeros(40), np.ones(40), 2 * np.ones(40)].astype(int)
    t = choose_threshold(p, y, kinds)
    assert 0.45 <= t <= 0.6


def test_precision_gives_the_lowest_cut_that_is_right_that_often() -> None:
    p = np.array([0.9, 0.7, 0.6, 0.5, 0.3])
    y = np.array([1, 1, 0, 1, 0])
    kinds = np.array([0, 0, 1, 0, 1])
    assert choose_threshold(p, y, kinds, precision=1.0) == 0.7


def test_weights_learn_which_feature_tells_the_kinds_apart() -> None:
    rng = np.random.default_rng(0)
    x = np.c_[np.r_[rng.uniform(0.6, 1, 50), rng.uniform(0, 0.4, 50)], rng.uniform(0, 1, 100)]
    y = np.r_[np.ones(50), np.zeros(50)]
    w, _ = fit(x, y, kind_weights(np.r_[np.zeros(50), np.ones(50)].astype(int)))
    assert w[0] > 3 * abs(w[1])


def test_each_writer_is_scored_by_a_gate_fitted_on_the_others() -> None:
    rng = np.random.default_rng(2)
    # Writers "a" and "b" write questions a feature tells apart; "c" writes answerable
    # questions that look like everyone else's unanswerable ones.
    def block(n: int, lo: float, hi: float) -> np.ndarray:
        return rng.uniform(lo, hi, (n, 1))
    # Each writer's block: answerable, written unanswerable, leave-one-meeting-out.
    x = np.r_[block(20, 0.6, 1), block(10, 0, 0.4), block(10, 0, 0.3),
              block(20, 0.6, 1), block(10, 0, 0.4), block(10, 0, 0.3),
              block(5, 0, 0.3), block(5, 0, 0.3)]
    y = np.r_[np.ones(20), np.zeros(20), np.ones(20), np.zeros(20), np.ones(5), np.zeros(5)]
    kinds = np.r_[np.zeros(20), np.ones(10), 2 * np.ones(10), np.zeros(20), np.ones(10),
                  2 * np.ones(10), np.zeros(5), 2 * np.ones(5)].astype(int)
    writers = np.array(["a"] * 40 + ["b"] * 40 + ["c"] * 10)
    rates = leave_one_writer_out(x, y, kinds, writers)
    assert set(rates) == {"a", "b", "c"}
    assert rates["a"][0] == 1.0 and rates["a"][1] == 1.0
    assert rates["c"][0] < 0.2  # what only "c" writes, a gate fitted on the others misses
    assert np.isnan(rates["c"][1])  # "c" wrote no unanswerable question


def test_a_questions_writer_is_its_id_prefix() -> None:
    assert writer("d4-017") == "d4" and writer("kg-03") == "kg"
