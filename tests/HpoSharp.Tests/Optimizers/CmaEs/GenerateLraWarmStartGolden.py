#!/usr/bin/env python3
"""Writes LraWarmStartGolden.txt, next to this script, the golden numbers of LraWarmStartGoldenTests.

- lra: ten generations of the cmaes package's CMA with lr_adapt=True (LRA-CMA-ES; n = 5, default population, C0 = I,
  bounds far away) on the rotated ellipsoid of GenerateCmaesGolden.py. Each generation's samples are drawn here from
  the package's current distribution with numpy's own generator (not CMA.ask), rounded to 4 decimals, sorted best
  first and told; then come the mean, σ, C's upper triangle and the learning rates η_m and η_Σ after the tell, read
  from its private attributes. The script checks that h_σ is the same under the package's exponent 2(g + 2) and the
  tutorial's 2(g + 1).
- warmstart: 40 source points of x0 in [0, 10], x1 in [-5, 5], x2 in [1e-3, 1] (log) and x3 in [0, 1] with their
  values (to be minimised), then, for three pairs (γ, α), the mean, σ and the full C that the package's
  get_warm_start_mgd fits to the points mapped to the unit cube as HpoSharp maps them (the logarithm for x2).

Run with a checkout of cmaes 0.13.1: PYTHONPATH=<checkout> /usr/bin/python3 GenerateLraWarmStartGolden.py
"""
import math
import os
import numpy as np
import cmaes

N, GENERATIONS, SIGMA0 = 5, 10, 0.2
ROTATION = np.linalg.qr(np.random.default_rng(7).standard_normal((N, N)))[0]
OPTIMUM = np.array([1.0, -1.0, 0.5, 2.0, -0.5])
SCALES = 10.0 ** (3.0 * np.arange(N) / (N - 1))
LOW = np.array([0.0, -5.0, math.log(1e-3), 0.0])
HIGH = np.array([10.0, 5.0, math.log(1.0), 1.0])
SOURCE_TARGET = np.array([0.3, 0.6, 0.5, 0.4])
FITS = [(0.1, 0.1), (0.25, 0.1), (0.5, 0.3)]
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "LraWarmStartGolden.txt")


def ellipsoid(x):
    return float(SCALES @ (ROTATION @ (x - OPTIMUM)) ** 2)


def line(name, values):
    return " ".join([name, *(f"{v:.17g}" for v in values)])


def lra(rng):
    cma = cmaes.CMA(mean=np.zeros(N), sigma=SIGMA0, bounds=np.array([[-1e6, 1e6]] * N), lr_adapt=True)
    lines = ["scenario lra", line("mean0", cma.mean), line("sigma0", [SIGMA0])]
    for _ in range(GENERATIONS):
        root = np.linalg.cholesky(cma._C)
        xs = [np.round(cma.mean + cma._sigma * root @ rng.standard_normal(N), 4) for _ in range(cma.population_size)]
        xs.sort(key=ellipsoid)
        cma.tell([(x, ellipsoid(x)) for x in xs])
        norm, bound = np.linalg.norm(cma._p_sigma), (1.4 + 2 / (N + 1)) * cma._chi_n
        package, tutorial = (norm / math.sqrt(1 - (1 - cma._c_sigma) ** (2 * (cma.generation + e))) < bound for e in (1, 0))
        assert package == tutorial, f"h_sigma differs in generation {cma.generation}"
        lines += [line("x", x) for x in xs]
        lines += [line("mean", cma.mean), line("sigma", [cma._sigma]), line("c", cma._C[np.triu_indices(N)])]
        lines.append(line("rates", [cma._eta_mean, cma._eta_Sigma]))
    return lines


def unit(raw):
    warped = raw.copy()
    warped[2] = math.log(raw[2])
    return (warped - LOW) / (HIGH - LOW)


def warm_start(rng):
    points = []
    for _ in range(40):
        raw = np.round(rng.uniform([0, -5, 0, 0], [10, 5, 1, 1]), 4)
        raw[2] = float(np.round(10 ** rng.uniform(-3, 0), 6))
        points.append(raw)
    values = [round(float(np.sum((unit(p) - SOURCE_TARGET) ** 2 * [1, 2, 3, 4])), 6) for p in points]
    assert len(set(values)) == len(values), "tied values"
    lines = ["scenario warmstart", *(line("x", [*p, v]) for p, v in zip(points, values))]
    for gamma, alpha in FITS:
        mean, sigma, cov = cmaes.get_warm_start_mgd([(unit(p), v) for p, v in zip(points, values)], gamma, alpha)
        lines += [line("fit", [gamma, alpha]), line("mean", mean), line("sigma", [sigma]), line("c", cov.flatten())]
    return lines


def main():
    lines = [f"# cmaes {cmaes.__version__}, written by GenerateLraWarmStartGolden.py"]
    lines += lra(np.random.default_rng(3))
    lines += warm_start(np.random.default_rng(5))
    with open(TARGET, "w", encoding="ascii", newline="\n") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
