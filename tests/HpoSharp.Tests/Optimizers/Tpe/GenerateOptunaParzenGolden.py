#!/usr/bin/env python3
"""Prints the golden numbers of OptunaParzenGoldenTests, next to this script: the split of a fixed history of 32
complete trials by Optuna's TPESampler (univariate, constant_liar=False), the mixture weights of its below and above
Parzen estimators, and their log densities at fixed points, one line of TheoryData per parameter; then, with the
constant liar, the above side's weights and log densities when the oldest trial is still running.

Trials 0 and 1, which the forgetting ramp weighs less than the others on the above side, have values no other trial
shares: Optuna gives tied observations their neighbour bandwidths in the order of numpy's argsort, which is not stable,
so a tie between kernels of different weights would make the numbers depend on numpy's sorting algorithm.

Run with a checkout of Optuna 5.0.0.dev (1d8ce7b): PYTHONPATH=<checkout> /usr/bin/python3 GenerateOptunaParzenGolden.py
"""

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers import TPESampler
from optuna.samplers._tpe.sampler import _split_trials, default_gamma
from optuna.trial import TrialState, create_trial

X = [-1.762, -3.492, 1.509, -4.276, 0.359, -1.343, -4.42, 0.074, -4.625, -0.664, -4.301, -4.093, -0.755, 3.269,
     -3.762, -2.768, 1.274, 4.477, 0.771, -1.033, 4.763, -4.534, 3.585, -2.104, -3.557, -3.822, -1.915, 3.161,
     -4.301, 0.816, 1.389, -1.276]
LR = [0.00155, 1.78e-05, 1.73e-05, 6.67e-05, 0.00527, 0.000513, 0.000181, 0.0022, 0.00065, 0.000158, 0.015, 0.00625,
      9.47e-05, 0.00198, 0.00126, 0.0317, 0.00828, 0.000142, 0.0833, 2.97e-05, 0.00047, 0.0107, 4.05e-05, 0.000903,
      1.43e-05, 0.00471, 0.0114, 0.00196, 0.0318, 0.00018, 0.00604, 0.00238]
N = [18, 14, 3, 3, 9, 16, 3, 2, 10, 19, 15, 10, 13, 12, 1, 15, 12, 6, 20, 4, 16, 2, 7, 10, 5, 8, 13, 13, 16, 3, 6, 15]
S = [1.2, 1.4, 0.4, 0.2, 0.6, 0.8, 0.4, 0.6, 0.5, 1.0, 0.6, 0.3, 0.2, 0.1, 0.2, 0.2, 0.3, 1.0, 0.3, 0.0, 0.7, 0.9,
     0.2, 0.4, 0.4, 0.0, 0.2, 0.6, 0.8, 0.5, 0.9, 0.9]
C = [1, 0, 2, 2, 2, 2, 2, 2, 0, 1, 2, 2, 1, 1, 1, 1, 0, 1, 2, 1, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, 0]
K = [14, 12, 79, 17, 1, 3, 6, 19, 81, 16, 9, 2, 9, 90, 9, 4, 2, 32, 30, 9, 24, 11, 3, 80, 5, 24, 67, 33, 4, 19, 2, 49]
VALUES = [5.18, 9.08, 3.56, 2.23, 5.42, 5.03, 6.36, 6.13, 7.88, 7.58, 1.95, 2.39, 4.01, 8.03, 1.95, 4.93, 7.31, 9.9,
          7.9, 4.72, 1.94, 6.05, 3.44, 8.09, 7.23, 3.5, 9.75, 0.81, 1.02, 4.7, 3.38, 4.83]

SPACE = {
    "x": FloatDistribution(-5, 5),
    "lr": FloatDistribution(1e-5, 1e-1, log=True),
    "n": IntDistribution(1, 20),
    "s": FloatDistribution(0, 1.5, step=0.1),
    "c": CategoricalDistribution(["a", "b", "c"]),
    "k": IntDistribution(1, 100, log=True),
}
COLUMNS = {"x": X, "lr": LR, "n": N, "s": S, "c": C, "k": K}
POINTS = {
    "x": [-5, -4.999, -4.301, -4.0, -2.5, -1.0, 0.0, 1.0, 2.2, 3.161, 4.5, 5],
    "lr": [1e-5, 2e-5, 1e-4, 3e-4, 1e-3, 1.55e-3, 3e-3, 1e-2, 1.96e-2, 3e-2, 7e-2, 1e-1],
    "n": [1, 2, 3, 5, 7, 9, 11, 13, 15, 16, 19, 20],
    "s": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5],
    "c": [0, 1, 2],
    "k": [1, 2, 3, 5, 9, 14, 24, 33, 50, 67, 90, 100],
}


def literal(values) -> str:
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def main() -> None:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = TPESampler(multivariate=False, constant_liar=False, seed=0)
    study = optuna.create_study(sampler=sampler)
    for i, value in enumerate(VALUES):
        params = {name: COLUMNS[name][i] for name in SPACE}
        params["c"] = SPACE["c"].choices[C[i]]
        study.add_trial(create_trial(params=params, distributions=SPACE, value=value))

    trials = study._get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED))
    below, above = _split_trials(study, trials, default_gamma(len(trials)))
    print("good trials:", [t.number for t in below])
    weights = {}
    for name, distribution in SPACE.items():
        row = [repr(name), literal(POINTS[name])]
        for side, trials_of_side in (("good", below), ("bad", above)):
            mpe = sampler._build_parzen_estimator(study, {name: distribution}, trials_of_side, side == "good")
            weights.setdefault(side, mpe._mixture_distribution.weights)
            assert np.array_equal(weights[side], mpe._mixture_distribution.weights)
            row.append(literal(mpe.log_pdf({name: np.asarray(POINTS[name], dtype=float)})))
        print("{ " + ", ".join(row).replace("'", '"') + " },")
    for side, w in weights.items():
        print(side, "weights (trials by number, then the prior):", literal(w))
    constant_liar()


def constant_liar() -> None:
    """A trial still running since trial 0 among 30 complete ones on x: it joins the above side by its number."""
    space = {"x": FloatDistribution(-5, 5)}
    sampler = TPESampler(multivariate=False, constant_liar=True, seed=0)
    study = optuna.create_study(sampler=sampler)
    study.enqueue_trial({"x": 0.5})
    study.ask().suggest_float("x", -5, 5)
    for i in range(30):
        study.add_trial(create_trial(params={"x": -5 + i / 3}, distributions=space, value=float(i * 7 % 30)))
    states = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)
    trials = study._get_trials(deepcopy=False, states=states)
    below, above = _split_trials(study, trials, default_gamma(sum(t.state != TrialState.RUNNING for t in trials)))
    mpe = sampler._build_parzen_estimator(study, space, above, False)
    print("constant liar: good trials", [t.number for t in below], "bad trials", [t.number for t in above])
    print("bad weights:", literal(mpe._mixture_distribution.weights[:3]))
    print("log g at 0.5, 0, -4:", literal(mpe.log_pdf({"x": np.asarray([0.5, 0.0, -4.0])})))


if __name__ == "__main__":
    main()
