"""Prints the histories of OptunaMotpeGoldenTests.cs: Optuna's good trials and Optuna 4.0.0's weights.

Run with PYTHONPATH pointing at an Optuna 5.0.0.dev checkout (commit 1d8ce7bb), whose git history holds v4.0.0:
    python3 GenerateOptunaMotpeGolden.py /path/to/optuna
"""
import subprocess
import sys
import typing
import warnings

import numpy as np
import optuna
from optuna.samplers._tpe.sampler import _split_complete_trials_multi_objective

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)
# Optuna 4.0.0's weights of the good trials (removed in 5.0, which weighs them equally).
source = subprocess.run(["git", "-C", sys.argv[1], "show", "v4.0.0:optuna/samplers/_tpe/sampler.py"],
                        capture_output=True, text=True, check=True).stdout
start = source.index("def _calculate_weights_below_for_multi_objective")
end = source.index("    return weights_below", start) + len("    return weights_below")
import optuna.samplers._tpe.sampler as sampler_module  # noqa: E402
from optuna._hypervolume import compute_hypervolume  # noqa: E402
from optuna.study._multi_objective import _is_pareto_front  # noqa: E402

namespace = dict(vars(sampler_module), compute_hypervolume=compute_hypervolume, _is_pareto_front=_is_pareto_front,
                 Study=optuna.Study, FrozenTrial=optuna.trial.FrozenTrial, Callable=typing.Callable, Sequence=typing.Sequence)
exec(source[start:end], namespace)
_calculate_weights_below_for_multi_objective = namespace["_calculate_weights_below_for_multi_objective"]

rng = np.random.default_rng(3)
cases = []
t = np.sort(rng.uniform(0, 1, 8))
cases.append(("2d-straddle", np.r_[[[0.1, 1.0], [1.0, 0.1]], np.c_[t, (1 - t) ** 2] + 0.5, rng.uniform(1, 3, (10, 2))], 5))
rng.uniform(0, 10, (30, 2))
cases.append(("2d-duplicates", np.array([[1, 5], [2, 4], [2, 4], [3, 3], [4, 2], [4, 2], [5, 1], [6, 6], [7, 7], [0.5, 9]], float), 4))
x = np.array([1, 1, 3, 5, 5, 4, 2, 0, 5, 5, 2, 4, 1, 2, 0, 3, 3, 1, 5, 4, 0, 5, 0, 1, 0, 4, 2, 5], float)
cases.append(("2d-copies", np.c_[5 - x, x], 19))
u = rng.dirichlet([1, 1, 1], 25)
cases.append(("3d-front", np.r_[u, u[:10] + 0.3], 6))
cases.append(("3d-random", np.round(rng.uniform(0, 1, (40, 3)), 4), 9))
v = rng.dirichlet([1, 1, 1], 12)
cases.append(("3d-layers", np.r_[v[:3] * 0.5, v[3:], v + 0.5], 7))

for name, values, good_count in cases:
    study = optuna.create_study(directions=["minimize"] * values.shape[1])
    for row in values:
        study.add_trial(optuna.trial.create_trial(values=list(row)))
    trials = study.get_trials(deepcopy=False)
    below, _ = _split_complete_trials_multi_objective(trials, study, good_count)
    good = sorted(trial.number for trial in below)
    weights = _calculate_weights_below_for_multi_objective(study, [trials[i] for i in good], None)
    points = ", ".join("[" + ", ".join(repr(float(x)) for x in row) + "]" for row in values)
    print(f"        // {name}")
    print(f"        {{ [{points}], {good_count}, [{', '.join(map(str, good))}], [{', '.join(repr(float(w)) for w in weights)}] }},")
