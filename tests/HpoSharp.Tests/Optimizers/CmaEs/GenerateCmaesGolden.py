#!/usr/bin/env python3
"""Writes CmaesGolden.txt, next to this script, the golden numbers of CmaesGoldenTests: eight generations of the
cmaes package's CMA (n = 5, default population, C0 = I, bounds far away) on a rotated ellipsoid. Each generation's
samples are drawn here from the package's current distribution with numpy's own generator (not CMA.ask), rounded to
4 decimals, sorted best first and told; then come the mean, σ, p_σ, p_c and C's upper triangle after the tell (the
package exposes only the mean, so the others are read from its private attributes).

Run with a checkout of cmaes 0.13.1: PYTHONPATH=<checkout> /usr/bin/python3 GenerateCmaesGolden.py
"""
import os
import numpy as np
import cmaes

N, GENERATIONS, SIGMA0 = 5, 8, 0.2
ROTATION = np.linalg.qr(np.random.default_rng(7).standard_normal((N, N)))[0]
OPTIMUM = np.array([1.0, -1.0, 0.5, 2.0, -0.5])
SCALES = 10.0 ** (3.0 * np.arange(N) / (N - 1))
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "CmaesGolden.txt")


def ellipsoid(x):
    return float(SCALES @ (ROTATION @ (x - OPTIMUM)) ** 2)


def line(name, values):
    return " ".join([name, *(f"{v:.15g}" for v in values)])


def main():
    rng = np.random.default_rng(24)
    cma = cmaes.CMA(mean=np.zeros(N), sigma=SIGMA0, bounds=np.array([[-1e6, 1e6]] * N))
    lines = [f"# cmaes {cmaes.__version__}, written by GenerateCmaesGolden.py", line("mean0", cma.mean), line("sigma0", [SIGMA0])]
    for _ in range(GENERATIONS):
        root = np.linalg.cholesky(cma._C)
        xs = [np.round(cma.mean + cma._sigma * root @ rng.standard_normal(N), 4) for _ in range(cma.population_size)]
        xs.sort(key=ellipsoid)
        cma.tell([(x, ellipsoid(x)) for x in xs])
        lines += [line("x", x) for x in xs]
        lines += [line("mean", cma.mean), line("sigma", [cma._sigma]), line("ps", cma._p_sigma), line("pc", cma._pc)]
        lines.append(line("c", cma._C[np.triu_indices(N)]))
    with open(TARGET, "w", encoding="ascii", newline="\n") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
