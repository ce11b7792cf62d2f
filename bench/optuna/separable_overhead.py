#!/usr/bin/python3
"""Times Optuna's sep-CMA-ES (CmaEsSampler(use_separable_cma=True)) for `HpoSharp.Bench separable`.

A study of the sphere over n parameters in [-5, 5] runs the given number of asks and tells; the mean time of the last
ones is printed as one JSON line, with Optuna's version. The Optuna on the import path is used, or the checkouts given.

    /usr/bin/python3 bench/optuna/separable_overhead.py --n 50 --trials 300 --timed 100
"""

import argparse
import json
import os
import sys
import time
import warnings


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, required=True, help="the number of parameters")
    p.add_argument("--trials", type=int, required=True, help="asks and tells in all")
    p.add_argument("--timed", type=int, required=True, help="how many of the last ones are averaged")
    p.add_argument("--optuna-path", default=None, help="a source checkout of Optuna to use instead of the installed one")
    p.add_argument("--cmaes-path", default=None, help="a source checkout of cmaes to use instead of the installed one")
    return p.parse_args()


ARGS = parse_args()
for extra in (ARGS.cmaes_path, ARGS.optuna_path):
    if extra:
        sys.path.insert(0, os.path.abspath(extra))

import optuna  # noqa: E402
from optuna.distributions import FloatDistribution  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

study = optuna.create_study(sampler=optuna.samplers.CmaEsSampler(seed=1, use_separable_cma=True))
dists = {f"x{i}": FloatDistribution(-5, 5) for i in range(ARGS.n)}
times = []
for _ in range(ARGS.trials):
    start = time.perf_counter()
    trial = study.ask(fixed_distributions=dists)
    study.tell(trial, float(sum(v * v for v in trial.params.values())))
    times.append(time.perf_counter() - start)
timed = times[-ARGS.timed:]
print(json.dumps({"version": optuna.__version__, "n": ARGS.n, "mean_seconds": sum(timed) / len(timed)}))
