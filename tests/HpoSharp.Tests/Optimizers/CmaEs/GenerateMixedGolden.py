#!/usr/bin/env python3
"""Writes MixedGolden.txt, next to this script, the golden numbers of MixedGoldenTests: eight generations of four
mixed-space strategies of the cmaes package, each started (but the last) at the centre of the unit cube
with C0 = I.

- margin: CatCMAwM on 2 continuous and 3 discrete coordinates with 8 levels each (an integer, a stepped real and a
  log-scaled integer 1..8 whose levels sit at log(1 + l) / log 8), the positions HpoSharp gives those levels.
- catcma: CatCMA on 2 continuous and 2 categorical coordinates with 3 and 4 choices.
- catcmawm: CatCMAwM on 2 continuous, an integer and a stepped real with 5 levels each, and the two categorical
  coordinates.
- edge: CatCMAwM on 2 continuous coordinates and that integer and stepped real, started with σ0 = 0.03 at their top
  and bottom levels, where the objective keeps them, so that its margin works at the ends of the range.

The discrete coordinates of a scenario have equally many levels: CatCMAwM pads a shorter row of z_space with its last
value, which puts a spurious threshold at that value, so that its margin treats the top level as an inner one.

Each generation's samples are drawn here with numpy's own generator from the package's current distribution
(v = m + σ A B D ξ, and one uniform draw per categorical coordinate against the cumulative q), rounded to 4 decimals,
kept inside the continuous bounds (so that nothing is repaired or penalised), sorted best first and told. Then come
the package's mean, σ, C (upper triangle), the margin's A and probabilities of leaving a level (discrete coordinates),
q (every coordinate's choices in turn) and the ASNG state δ, Δ, γ and s, read from its private attributes.

Run with a checkout of cmaes 0.13.1: PYTHONPATH=<checkout> /usr/bin/python3 GenerateMixedGolden.py
"""
import math
import os
import numpy as np
import cmaes

GENERATIONS, SIGMA0, SEED = 8, 0.06, 1
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "MixedGolden.txt")
INTEGER = [i / 7 for i in range(8)]
STEPPED = [i / 7 for i in range(8)]
SHORT_INTEGER = [i / 4 for i in range(5)]
SHORT_STEPPED = [i / 4 for i in range(5)]
LOG_INTEGER = [(math.log(1 + i) - math.log(1)) / (math.log(8) - math.log(1)) for i in range(8)]
CONTINUOUS_TARGET = np.array([0.3, 0.65])
DISCRETE_TARGET = np.array([1.0, 0.45, 0.0])
CATEGORICAL_COST = [np.array([0.0, 0.4, 0.2]), np.array([0.3, 0.0, 0.5, 0.25])]


def line(name, values):
    return " ".join([name, *(f"{v:.17g}" for v in values)])


def objective(x, z, c, discrete_target=DISCRETE_TARGET):
    value = float(np.sum((x - CONTINUOUS_TARGET) ** 2))
    if z is not None:
        value += float(np.sum((z - discrete_target[: len(z)]) ** 2))
    if c is not None:
        value += sum(float(cost[int(np.argmax(row))]) for cost, row in zip(CATEGORICAL_COST, c))
    return value


def draw_categorical(rng, q, counts):
    r = rng.random((len(counts), 1))
    cum = q.cumsum(axis=1)
    return (cum - q <= r) & (r < cum)


def state_lines(mean, sigma, cov, a=None, pmut=None, q=None, counts=None, asng=None):
    lines = [line("mean", mean), line("sigma", [sigma]), line("c", cov[np.triu_indices(len(mean))])]
    if a is not None:
        lines += [line("a", a), line("pmut", pmut)]
    if q is not None:
        lines.append(line("q", np.concatenate([q[i, :k] for i, k in enumerate(counts)])))
        lines.append(line("asng", asng))
    return lines


def sample_line(v, c):
    return line("x", [*v, *([] if c is None else [int(np.argmax(row)) for row in c])])


def catcmawm(name, rng, z_space, counts, mean0=None, sigma0=SIGMA0, discrete_target=DISCRETE_TARGET):
    n = 2 + len(z_space)
    mean0 = np.full(n, 0.5) if mean0 is None else np.array(mean0)
    opt = cmaes.CatCMAwM(x_space=[[0, 1]] * 2, z_space=z_space, c_space=counts, mean=mean0.copy(),
                         sigma=sigma0, cov=np.eye(n), seed=1)
    lines = [f"scenario {name}", line("sigma0", [sigma0]), line("mean0", mean0)]
    for _ in range(GENERATIONS):
        B, D = opt._eigen_decomposition()
        told = []
        while len(told) < opt.population_size:
            v = np.round(opt._mean + opt._sigma * opt._A * (B @ (D * rng.standard_normal(n))), 4)
            if np.any(v[:2] <= 0) or np.any(v[:2] >= 1) or np.any(np.isin(v[2:], opt._z_lim)):
                continue
            c = draw_categorical(rng, opt._q, counts) if counts else None
            z = opt._discretization(v[2:])
            told.append((opt.Solution(v[:2].copy(), z, c, v.copy()), objective(v[:2], z, c, discrete_target)))
        told.sort(key=lambda s: s[1])
        lines += [sample_line(s[0]._v_raw, s[0].c) for s in told]
        opt.tell(told)
        check_h_sigma(opt._p_sigma, opt._c_sigma, opt._chi_n, n, opt.generation)
        asng = [opt._delta, opt._Delta, opt._gamma, *opt._s] if counts else None
        lines += state_lines(opt._mean, opt._sigma, opt._C, opt._A[2:], opt._pmut, opt._q if counts else None, counts, asng)
    return lines


def catcma(rng, counts):
    opt = cmaes.CatCMA(mean=np.full(2, 0.5), sigma=SIGMA0, cat_num=np.array(counts), cov=np.eye(2), seed=1)
    lines = ["scenario catcma", line("sigma0", [SIGMA0]), line("mean0", [0.5, 0.5])]
    for _ in range(GENERATIONS):
        B, D = opt._eigen_decomposition()
        told = []
        while len(told) < opt.population_size:
            x = np.round(opt._mean + opt._sigma * (B @ (D * rng.standard_normal(2))), 4)
            if np.any(x <= 0) or np.any(x >= 1):
                continue
            c = draw_categorical(rng, opt._q, counts)
            told.append(((x, c), objective(x, None, c)))
        told.sort(key=lambda s: s[1])
        lines += [sample_line(s[0][0], s[0][1]) for s in told]
        opt.tell(told)
        check_h_sigma(opt._p_sigma, opt._c_sigma, opt._chi_n, 2, opt.generation)
        lines += state_lines(opt._mean, opt._sigma, opt._C, q=opt._q, counts=counts,
                             asng=[opt._delta, opt._Delta, opt._gamma, *opt._s])
    return lines


def check_h_sigma(p_sigma, c_sigma, chi_n, n, generation):
    """The package's h_σ uses the exponent 2(g + 1) after counting the generation, the tutorial's one less."""
    norm = np.linalg.norm(p_sigma)
    bound = (1.4 + 2 / (n + 1)) * chi_n
    package = norm / math.sqrt(1 - (1 - c_sigma) ** (2 * (generation + 1))) < bound
    tutorial = norm / math.sqrt(1 - (1 - c_sigma) ** (2 * generation)) < bound
    assert package == tutorial, f"h_sigma differs in generation {generation}"


def main():
    rng = np.random.default_rng(SEED)
    lines = [f"# cmaes {cmaes.__version__}, written by GenerateMixedGolden.py"]
    lines += catcmawm("margin", rng, [INTEGER, STEPPED, LOG_INTEGER], None)
    lines += catcma(rng, [3, 4])
    lines += catcmawm("catcmawm", rng, [SHORT_INTEGER, SHORT_STEPPED], [3, 4])
    lines += catcmawm("edge", rng, [SHORT_INTEGER, SHORT_STEPPED], None, [0.5, 0.5, 0.9, 0.1], 0.03, np.array([1.0, 0.0]))
    with open(TARGET, "w", encoding="ascii", newline="\n") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
