#!/usr/bin/python3
"""Runs Optuna's samplers on the HpoSharp benchmark problems and caches the results as JSON.

Every evaluation goes through the C# problems (`HpoSharp.Bench serve`, one JSON line per request and reply), so both
sides optimise exactly the same functions, instances (one per seed) and noise. The Optuna on the import path is used:
Debian's python3-optuna by default, or a source checkout given with --optuna-path (or OPTUNA_PATH), whose git commit
is recorded. Results go to <cache>/<version>/<sampler>/<problem>.json, one entry per seed; runs already cached are
skipped, so an interrupted run resumes where it stopped.

    /usr/bin/python3 bench/optuna/run_optuna.py                      # Debian's Optuna, every sampler and problem
    /usr/bin/python3 bench/optuna/run_optuna.py --optuna-path ../optuna-src --cmaes-path ../cmaes-src
    /usr/bin/python3 bench/optuna/run_optuna.py --only continuous --samplers tpe,cmaes
    /usr/bin/python3 bench/optuna/run_optuna.py --overhead           # suggestion overhead instead
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_BENCH = ["dotnet", os.path.join(ROOT, "bench/HpoSharp.Bench/bin/Release/net10.0/HpoSharp.Bench.dll")]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--optuna-path", default=os.environ.get("OPTUNA_PATH"), help="a source checkout of Optuna to use instead of the installed one")
    p.add_argument("--cmaes-path", default=os.environ.get("CMAES_PATH"), help="a source checkout of cmaes to use instead of the installed one")
    p.add_argument("--samplers", "--algorithms", default="", help="comma-separated sampler names (default: all that apply)")
    p.add_argument("--only", default="", help="comma-separated problem families")
    p.add_argument("--problems", default="", help="comma-separated problem names")
    p.add_argument("--seeds", type=int, default=0, help="override the number of seeds of every sampler")
    p.add_argument("--budget", type=int, default=200, help="trials per single-objective run (shorter budgets are its prefixes)")
    p.add_argument("--mo-budget", type=int, default=300, help="trials per multi-objective run")
    p.add_argument("--gp-budget", type=int, default=100, help="the largest single-objective budget of GPSampler, whose suggestions take seconds")
    p.add_argument("--cache", default=os.path.join(HERE, "cache"))
    p.add_argument("--bench", default=None, help="the command that serves the problems (default: dotnet <built HpoSharp.Bench.dll>)")
    p.add_argument("--dry-run", action="store_true", help="print what would run and its estimated duration, then stop")
    p.add_argument("--overhead", action="store_true", help="measure suggestion overhead instead of sample efficiency")
    p.add_argument("--throughput", action="store_true", help="measure parallel throughput (n_jobs threads, 20 ms objective) instead")
    p.add_argument("--overhead-case", default=None, help=argparse.SUPPRESS)
    p.add_argument("--separable-case", default=None, help=argparse.SUPPRESS)
    p.add_argument("--mo-overhead-case", default=None, help=argparse.SUPPRESS)
    return p.parse_args()


ARGS = parse_args()
for extra in (ARGS.cmaes_path, ARGS.optuna_path):
    if extra:
        sys.path.insert(0, os.path.abspath(extra))

import numpy  # noqa: E402
import optuna  # noqa: E402
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")


def git_commit(path):
    if not path:
        return None
    try:
        return subprocess.check_output(["git", "-C", path, "rev-parse", "HEAD"], text=True, stderr=subprocess.DEVNULL).strip()
    except (OSError, subprocess.CalledProcessError):
        return os.environ.get("OPTUNA_COMMIT")


OPTUNA_COMMIT = git_commit(ARGS.optuna_path)
VERSION_TAG = optuna.__version__ + (f"-{OPTUNA_COMMIT[:7]}" if OPTUNA_COMMIT else "")
try:
    import cmaes
    CMAES_VERSION = cmaes.__version__
except ImportError:
    CMAES_VERSION = None


def patch_torch_device():
    """Optuna's newest GPSampler enters `with torch.device("cpu"):`, which torch < 2.0 cannot; make that a no-op there."""
    try:
        import torch
    except ImportError:
        return
    if hasattr(torch.device, "__enter__"):
        return
    try:
        from optuna.samplers._gp import sampler as gp_module
    except ImportError:
        return

    class TorchWithoutDeviceContext:
        def __getattr__(self, name):
            return getattr(torch, name)

        @staticmethod
        def device(*args, **kwargs):
            return contextlib.nullcontext()

    gp_module.torch = TorchWithoutDeviceContext()


patch_torch_device()


class Bench:
    """The C# evaluation service: one JSON request per line, one JSON reply per line."""

    def __init__(self, command):
        self.process = subprocess.Popen(command + ["serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        if isinstance(reply, dict) and "error" in reply:
            raise RuntimeError(f"{request['op']}: {reply['error']}")
        return reply

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def distribution(param):
    if param["type"] == "categorical":
        return CategoricalDistribution(param["choices"])
    if param["type"] == "int":
        return IntDistribution(int(param["low"]), int(param["high"]), log=param["log"], step=int(param["step"] or 1))
    return FloatDistribution(param["low"], param["high"], log=param["log"], step=param["step"])


def suggest(trial, params):
    """Define-by-run: a parameter is suggested only when its parent took one of the values of its condition."""
    values = {}
    for param in params:
        condition = param.get("condition")
        if condition and values.get(condition["parent"]) not in condition["values"]:
            continue
        values[param["name"]] = trial._suggest(param["name"], distribution(param))
    return values


def grid_size(params):
    size = 1
    for param in params:
        size *= len(param["choices"]) if param["type"] == "categorical" else len(param["grid"])
    return size


GRID_LIMIT = 100_000  # Optuna's GridSampler lists its whole grid in memory; larger grids are not run.


class AskTellGridSampler(optuna.samplers.GridSampler):
    """GridSampler that may finish its grid under ask and tell: Optuna 3.1 calls study.stop() when the grid is exhausted, which raises outside optimize()."""

    def after_trial(self, study, trial, state, values):
        try:
            super().after_trial(study, trial, state, values)
        except RuntimeError as error:
            if "Study.stop" not in str(error):
                raise


def sampler_table(version):
    """name -> (factory(seed, params, objectives), seeds, applies(problem, params), seconds per trial for the estimate)."""
    s = optuna.samplers
    major = int(version.split(".")[0])
    # Before 4.0, TPESampler's multi-objective cost grows steeply with the trials: 3-objective runs would take hours.
    tpe_applies = (lambda p, params: p["objectives"] <= 2) if major < 4 else (lambda p, params: True)
    table = {
        "random": (lambda seed, params, m: s.RandomSampler(seed=seed), 25, lambda p, params: True, 0.002),
        "qmc": (lambda seed, params, m: s.QMCSampler(scramble=True, seed=seed), 25, lambda p, params: True, 0.003),
        "grid": (lambda seed, params, m: AskTellGridSampler({q["name"]: (q["choices"] if q["type"] == "categorical" else q["grid"]) for q in params}, seed=seed),
                 25, lambda p, params: not p["conditional"] and grid_size(params) <= GRID_LIMIT, 0.002),
        "tpe": (lambda seed, params, m: s.TPESampler(seed=seed), 25, tpe_applies, 0.02 if major < 4 else 0.012),
        "tpe-multivariate": (lambda seed, params, m: s.TPESampler(seed=seed, multivariate=True), 25, tpe_applies, 0.03),
        "cmaes": (lambda seed, params, m: s.CmaEsSampler(seed=seed), 25, lambda p, params: p["objectives"] == 1, 0.006),
        "nsga2": (lambda seed, params, m: s.NSGAIISampler(seed=seed), 25, lambda p, params: p["objectives"] > 1, 0.004),
    }
    if major >= 5:
        del table["tpe-multivariate"]  # From 5.0, TPESampler is multivariate by default on one objective: the same sampler as "tpe".
    if hasattr(s, "GPSampler"):
        table["gp"] = (lambda seed, params, m: s.GPSampler(seed=seed), 10, lambda p, params: True, 0.5)
    return table


def record(points, at, observed, truth):
    """The trace rule of HpoSharp.Bench's RunTraceBuilder: incumbent changes, or points not dominated on arrival."""
    if len(observed) == 1:
        if not points or observed[0] < points[-1][1][0]:
            points.append([at, observed, truth])
        return
    for _, _, other in points:
        if other == truth or (all(a <= b for a, b in zip(other, truth)) and any(a < b for a, b in zip(other, truth))):
            return
    points.append([at, observed, truth])


def run_one(bench, factory, problem, seed, budget):
    description = bench.ask({"op": "describe", "problem": problem["name"], "seed": seed})
    params, m = description["params"], description["objectives"]
    sampler = factory(seed, params, m)
    study = optuna.create_study(sampler=sampler, directions=["minimize"] * m)
    points, trials = [], 0
    start = time.perf_counter()
    limit = min(budget, grid_size(params)) if isinstance(sampler, optuna.samplers.GridSampler) else budget
    for number in range(limit):
        trial = study.ask()
        values = suggest(trial, params)
        reply = bench.ask({"op": "evaluate", "problem": problem["name"], "seed": seed, "trial": trial.number, "params": values})
        study.tell(trial, reply["values"] if m > 1 else reply["values"][0])
        trials += 1
        record(points, number + 1, reply["values"], reply["true"])
    return {"trials": trials, "seconds": round(time.perf_counter() - start, 3), "points": points}


def cache_path(sampler, problem):
    return os.path.join(ARGS.cache, VERSION_TAG, sampler, problem + ".json")


def load(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return None


def reusable(cached, sampler, budget):
    """Whether a cached file's runs stand for this configuration: the same budget and, for CmaEsSampler, the same cmaes."""
    return bool(cached) and cached.get("budget") == budget and (sampler != "cmaes" or cached.get("cmaes_version") == CMAES_VERSION)


def save(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def plan(bench, problems, table):
    wanted = [n for n in ARGS.samplers.split(",") if n] or list(table)
    unknown = [n for n in wanted if n not in table]
    if unknown:
        sys.exit(f"run_optuna.py: unknown sampler(s) {unknown} for Optuna {optuna.__version__}; known: {sorted(table)}")
    work = []
    for name in wanted:
        factory, seeds, applies, cost = table[name]
        seeds = ARGS.seeds or seeds
        for problem in problems:
            params = bench.ask({"op": "describe", "problem": problem["name"], "seed": 0})["params"]
            if not applies(problem, params):
                continue
            budget = ARGS.mo_budget if problem["objectives"] > 1 else ARGS.budget
            budget = min(budget, ARGS.gp_budget) if name == "gp" and problem["objectives"] == 1 else budget
            cached = load(cache_path(name, problem["name"]))
            done = set(cached["runs"]) if reusable(cached, name, budget) else set()
            missing = [s for s in range(seeds) if str(s) not in done]
            if missing:
                work.append((name, problem, missing, budget, cost))
    return work


def estimate(work):
    return sum(len(missing) * budget * cost * (1.5 if p["objectives"] > 1 else 1.0) for _, p, missing, budget, cost in work)


def sample_efficiency(bench):
    problems = bench.ask({"op": "problems"})
    families = [f for f in ARGS.only.split(",") if f]
    names = [n for n in ARGS.problems.split(",") if n]
    problems = [p for p in problems if (not families or p["family"] in families) and (not names or p["name"] in names)]
    table = sampler_table(optuna.__version__)
    work = plan(bench, problems, table)
    runs = sum(len(m) for _, _, m, _, _ in work)
    print(f"Optuna {VERSION_TAG} (commit {OPTUNA_COMMIT or 'n/a: installed package'}, cmaes {CMAES_VERSION}): "
          f"{runs} runs to do, estimated {estimate(work) / 60:.1f} minutes", flush=True)
    if ARGS.dry_run:
        for name, problem, missing, budget, _ in work:
            print(f"  {name:18} {problem['name']:34} seeds {missing[0]}..{missing[-1]} ({len(missing)}), budget {budget}")
        return
    for name, problem, missing, budget, _ in work:
        factory = table[name][0]
        path = cache_path(name, problem["name"])
        for seed in missing:
            data = load(path)
            if not reusable(data, name, budget):
                data = {"optuna_version": optuna.__version__, "optuna_commit": OPTUNA_COMMIT, "cmaes_version": CMAES_VERSION,
                        "sampler": name, "problem": problem["name"], "budget": budget, "runs": {}}
            data["runs"][str(seed)] = run_one(bench, factory, problem, seed, budget)
            save(path, data)
        print(f"  {name:18} {problem['name']:34} {len(missing)} seeds done", flush=True)


OVERHEAD_SAMPLERS = {"random": 10_000, "qmc": 10_000, "tpe": 10_000, "tpe-multivariate": 1_000, "cmaes": 10_000, "gp": 300}
OVERHEAD_TRIALS = [10, 100, 300, 1_000, 10_000]
OVERHEAD_DIMS = [2, 10, 50]


def sphere(params):
    return float(sum(v * v for v in params.values()))


def timed_asks(study, dists, count, objective=sphere):
    """The seconds of each of `count` asks and tells over `dists`, told `objective` of the trial's params (the sphere by default)."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        trial = study.ask(fixed_distributions=dists)
        study.tell(trial, objective(trial.params))
        times.append(time.perf_counter() - start)
    return times


def overhead_case(name, dims, n):
    """In a fresh process: preload n complete trials of a d-dimensional sphere, then time asks and tells."""
    import resource
    factory = sampler_table(optuna.__version__)[name][0]
    dists = {f"x{i}": FloatDistribution(-5, 5) for i in range(dims)}
    rng = numpy.random.RandomState(0)
    study = optuna.create_study(sampler=factory(0, None, 1))
    trials = []
    for _ in range(n):
        x = rng.uniform(-5, 5, dims)
        trials.append(optuna.trial.create_trial(params={f"x{i}": float(v) for i, v in enumerate(x)}, distributions=dists, value=float((x ** 2).sum())))
    study.add_trials(trials)
    batch = 20 if n <= 1000 else 5
    if name == "gp":
        batch = 5 if n <= 100 else 2
    times = timed_asks(study, dists, batch)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"sampler": name, "dims": dims, "trials": n, "batch": batch, "median_seconds": float(numpy.median(times)), "peak_bytes": peak}))


def separable_case(dims, total, timed):
    """For `HpoSharp.Bench separable`: a live study of a d-dimensional sphere with CmaEsSampler(use_separable_cma=True);
    prints the mean time of the last `timed` of `total` asks and tells."""
    study = optuna.create_study(sampler=optuna.samplers.CmaEsSampler(seed=1, use_separable_cma=True))
    dists = {f"x{i}": FloatDistribution(-5, 5) for i in range(dims)}
    times = timed_asks(study, dists, total)
    print(json.dumps({"version": optuna.__version__, "dims": dims, "mean_seconds": float(numpy.mean(times[-timed:]))}))


def dtlz2(x):
    """DTLZ2 with three objectives: x[0] and x[1] place the point on the front, the rest are its distance from it (optimum 0.5)."""
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a, b = x[0] * numpy.pi / 2, x[1] * numpy.pi / 2
    return [(1 + g) * numpy.cos(a) * numpy.cos(b), (1 + g) * numpy.cos(a) * numpy.sin(b), (1 + g) * numpy.sin(a)]


def mo_overhead_case(name, n, preload, dims, batch):
    """For `HpoSharp.Bench mo-overhead`: a 3-objective DTLZ2 study preloaded with n trials, uniform ("random") or with
    every distance variable at its optimum ("front": all n on the Pareto front); prints the median of `batch` asks and tells."""
    factory, _, applies, _ = sampler_table(optuna.__version__)[name]
    if not applies({"objectives": 3, "conditional": False}, []):
        # As in the sample-efficiency runs: before 4.0, TPESampler on 3 objectives would take hours.
        print(json.dumps({"version": VERSION_TAG, "sampler": name, "trials": n, "preload": preload, "skipped": "not run on 3 objectives"}))
        return
    dists = {f"x{i}": FloatDistribution(0, 1) for i in range(dims)}
    rng = numpy.random.RandomState(0)
    study = optuna.create_study(sampler=factory(0, None, 3), directions=["minimize"] * 3)
    trials = []
    for _ in range(n):
        x = rng.uniform(0, 1, dims)
        if preload == "front":
            x[2:] = 0.5
        trials.append(optuna.trial.create_trial(params={f"x{i}": float(v) for i, v in enumerate(x)}, distributions=dists, values=[float(f) for f in dtlz2(x)]))
    study.add_trials(trials)
    times = timed_asks(study, dists, batch, lambda params: [float(f) for f in dtlz2([params[f"x{i}"] for i in range(dims)])])
    print(json.dumps({"version": VERSION_TAG, "sampler": name, "trials": n, "preload": preload, "median_seconds": float(numpy.median(times))}))


def overhead():
    path = os.path.join(ARGS.cache, VERSION_TAG, "overhead.json")
    results = (load(path) or {}).get("cases", [])
    available = sampler_table(optuna.__version__)
    wanted = [n for n in ARGS.samplers.split(",") if n] or [n for n in OVERHEAD_SAMPLERS if n in available]
    print(f"Optuna {VERSION_TAG}: timing {wanted} at {OVERHEAD_TRIALS} trials in {OVERHEAD_DIMS} dimensions", flush=True)
    for name in wanted:
        for dims in OVERHEAD_DIMS:
            for n in OVERHEAD_TRIALS:
                if n > OVERHEAD_SAMPLERS[name]:
                    continue
                command = [sys.executable, os.path.abspath(__file__), "--overhead-case", f"{name},{dims},{n}"]
                for flag, value in (("--optuna-path", ARGS.optuna_path), ("--cmaes-path", ARGS.cmaes_path)):
                    if value:
                        command += [flag, value]
                output = subprocess.check_output(command, text=True)
                case = json.loads(output.strip().splitlines()[-1])
                results = [r for r in results if (r["sampler"], r["dims"], r["trials"]) != (name, dims, n)] + [case]
                print(f"  {name:18} d={dims:<3} n={n:<6} {case['median_seconds'] * 1e3:10.3f} ms  peak {case['peak_bytes'] / 2**20:7.1f} MiB", flush=True)
                save(path, {"optuna_version": optuna.__version__, "optuna_commit": OPTUNA_COMMIT, "cmaes_version": CMAES_VERSION, "cases": results})


THROUGHPUT_SAMPLERS = ["random", "tpe"]
THROUGHPUT_WORKERS = [1, 2, 4, 8]


def throughput():
    """Efficiency of study.optimize(n_jobs=k) on a 5-D objective that sleeps 20 ms: ideal time over wall time, 16 trials per worker."""
    table = sampler_table(optuna.__version__)
    cases = []
    for name in THROUGHPUT_SAMPLERS:
        for workers in THROUGHPUT_WORKERS:
            study = optuna.create_study(sampler=table[name][0](0, None, 1))

            def objective(trial):
                x = [trial.suggest_float(f"x{i}", -5, 5) for i in range(5)]
                time.sleep(0.02)
                return sum(v * v for v in x)

            start = time.perf_counter()
            study.optimize(objective, n_trials=16 * workers, n_jobs=workers)
            efficiency = 16 * 0.02 / (time.perf_counter() - start)
            cases.append({"sampler": name, "workers": workers, "efficiency": efficiency})
            print(f"  {name:18} {workers} workers: {efficiency:.0%}", flush=True)
    save(os.path.join(ARGS.cache, VERSION_TAG, "throughput.json"),
         {"optuna_version": optuna.__version__, "optuna_commit": OPTUNA_COMMIT, "cmaes_version": CMAES_VERSION, "cases": cases})


def main():
    if ARGS.throughput:
        throughput()
        return
    if ARGS.overhead_case:
        name, dims, n = ARGS.overhead_case.split(",")
        overhead_case(name, int(dims), int(n))
        return
    if ARGS.mo_overhead_case:
        name, n, preload, dims, batch = ARGS.mo_overhead_case.split(",")
        mo_overhead_case(name, int(n), preload, int(dims), int(batch))
        return
    if ARGS.separable_case:
        separable_case(*(int(v) for v in ARGS.separable_case.split(",")))
        return
    if ARGS.overhead:
        overhead()
        return
    bench = Bench(ARGS.bench.split() if ARGS.bench else DEFAULT_BENCH)
    try:
        sample_efficiency(bench)
    finally:
        bench.close()


if __name__ == "__main__":
    main()
