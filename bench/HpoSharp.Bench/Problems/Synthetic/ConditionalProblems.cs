using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>
/// Conditional spaces: a choice of model (or kernel) activates its own parameters. Each branch costs a seeded offset
/// (the best branch 0) plus a <see cref="UnitQuadratic"/> of its active parameters, so the minimum is 0.
/// </summary>
public static class ConditionalProblems
{
    /// <summary>A choice among four model families, each with its own two or three parameters and interactions.</summary>
    public static Problem ModelChoice(SuiteHalf half)
    {
        HPSpace[] space =
        [
            new ChoiceHP("model", "linear", "forest", "boosting", "net"),
            new LogRangeHP("C", 1e-4, 1e4) { ActiveWhen = new("model", "linear") },
            new ChoiceHP("penalty", "l1", "l2", "elasticnet") { ActiveWhen = new("model", "linear") },
            new IntRangeHP("trees", 10, 1000, log: true) { ActiveWhen = new("model", "forest") },
            new IntRangeHP("forest_depth", 2, 32) { ActiveWhen = new("model", "forest") },
            new RangeHP("max_features", 0.1, 1) { ActiveWhen = new("model", "forest") },
            new LogRangeHP("boost_lr", 1e-3, 1) { ActiveWhen = new("model", "boosting") },
            new IntRangeHP("rounds", 10, 2000, log: true) { ActiveWhen = new("model", "boosting") },
            new IntRangeHP("boost_depth", 1, 10) { ActiveWhen = new("model", "boosting") },
            new LogRangeHP("net_lr", 1e-5, 0.1) { ActiveWhen = new("model", "net") },
            new IntRangeHP("layers", 1, 5) { ActiveWhen = new("model", "net") },
            new RangeHP("dropout", 0, 0.8) { ActiveWhen = new("model", "net") },
        ];
        Term[] terms =
        [
            Term.Of(1, "C"), Term.Of(0.6, "trees"), Term.Of(0.8, "forest_depth"), Term.Pair(0.5, "forest_depth", "max_features", -1),
            Term.Pair(2, "boost_lr", "rounds", 1), Term.Of(0.3, "boost_lr"), Term.Of(0.5, "boost_depth"),
            Term.Of(1.5, "net_lr"), Term.Of(0.4, "layers"), Term.Pair(0.6, "dropout", "layers", -0.5),
        ];
        return Branched("conditional-model-12d", half, "model in {linear, forest, boosting, net}, each with its own parameters", space, "model", [0, 0.08, 0.15, 0.25], "penalty", terms);
    }

    /// <summary>A kernel choice in the style of an SVM: gamma for three kernels, degree for one, coef0 for two.</summary>
    public static Problem KernelChoice(SuiteHalf half)
    {
        HPSpace[] space =
        [
            new ChoiceHP("kernel", "linear", "rbf", "poly", "sigmoid"),
            new LogRangeHP("C", 1e-3, 1e3),
            new LogRangeHP("gamma", 1e-4, 10) { ActiveWhen = new("kernel", "rbf", "poly", "sigmoid") },
            new IntRangeHP("degree", 2, 5) { ActiveWhen = new("kernel", "poly") },
            new RangeHP("coef0", 0, 1) { ActiveWhen = new("kernel", "poly", "sigmoid") },
            new ChoiceHP("shrinking", "true", "false"),
        ];
        Term[] terms = [Term.Of(1, "C"), Term.Pair(1.5, "gamma", "C", 0.7), Term.Of(0.5, "gamma"), Term.Of(0.4, "degree"), Term.Of(0.3, "coef0")];
        return Branched("conditional-kernel-6d", half, "kernel in {linear, rbf, poly, sigmoid}; gamma, degree, coef0 conditional", space, "kernel", [0, 0.05, 0.12, 0.2], "shrinking", terms);
    }

    private static Problem Branched(string name, SuiteHalf half, string description, HPSpace[] space, string branch, double[] offsets, string extraChoice, Term[] terms) =>
        new(name, "conditional", half, description, seed =>
        {
            var rng = InstanceRandom.For(name, seed);
            var branchCost = CategoryTable.Shuffled(offsets, rng);
            var extra = (ChoiceHP)space.First(p => p.Name == extraChoice);
            var extraCost = CategoryTable.Draw(extra.Choices.Count, 0.1, rng);
            var quadratic = new UnitQuadratic(space, rng, terms);
            var branches = ((ChoiceHP)space[0]).Choices;
            return new ProblemInstance
            {
                Space = space,
                Evaluate = hps =>
                {
                    var b = branches.ToList().IndexOf(hps[branch]);
                    var e = hps.TryGetValue(extraChoice, out var x) ? extraCost[extra.IndexOf(x)] : 0;
                    return [branchCost[b] + e + quadratic.Value(hps)];
                },
            };
        });
}
