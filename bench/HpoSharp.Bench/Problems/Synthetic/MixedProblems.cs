using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>
/// Mixed spaces shaped like real model tuning, with the interactions practitioners know (learning rate against the
/// number of rounds or the batch size, dropout against depth). A seeded cost per categorical choice (best 0) plus a
/// <see cref="UnitQuadratic"/>; the minimum is 0.
/// </summary>
public static class MixedProblems
{
    /// <summary>Gradient-boosted trees: learning rate, rounds, depth, sampling rates, minimum child weight, booster.</summary>
    public static Problem BoostedTrees(SuiteHalf half)
    {
        HPSpace[] space =
        [
            new LogRangeHP("learning_rate", 1e-3, 1),
            new IntRangeHP("n_estimators", 10, 2000, log: true),
            new IntRangeHP("max_depth", 1, 12),
            new RangeHP("subsample", 0.4, 1),
            new RangeHP("colsample", 0.3, 1, step: 0.05),
            new LogRangeHP("min_child_weight", 1e-2, 1e2),
            new ChoiceHP("booster", "gbtree", "dart", "gblinear"),
        ];
        Term[] terms =
        [
            Term.Pair(3, "learning_rate", "n_estimators", 1), Term.Of(0.2, "learning_rate"), Term.Of(0.8, "max_depth"),
            Term.Pair(0.6, "max_depth", "min_child_weight", -1), Term.Of(0.4, "subsample"), Term.Of(0.4, "colsample"),
        ];
        return Mixed("mixed-boosting-7d", half, "boosted-trees-like: lr x rounds valley, depth x min_child_weight, booster", space, "booster", terms);
    }

    /// <summary>A neural network: learning rate and batch size (linked), optimizer with momentum under SGD only, width, depth, dropout, decay.</summary>
    public static Problem NeuralNet(SuiteHalf half)
    {
        HPSpace[] space =
        [
            new LogRangeHP("lr", 1e-5, 0.1),
            new IntRangeHP("batch", 16, 1024, log: true),
            new ChoiceHP("optimizer", "sgd", "adam", "rmsprop", "adagrad"),
            new RangeHP("momentum", 0, 0.99) { ActiveWhen = new("optimizer", "sgd") },
            new IntRangeHP("layers", 1, 6),
            new IntRangeHP("width", 32, 1024, step: 32),
            new RangeHP("dropout", 0, 0.7),
            new LogRangeHP("weight_decay", 1e-6, 1e-2),
        ];
        Term[] terms =
        [
            Term.Pair(2, "lr", "batch", -0.7), Term.Of(0.3, "lr"), Term.Of(0.5, "momentum"), Term.Of(0.3, "layers"),
            Term.Of(0.2, "width"), Term.Pair(0.5, "dropout", "layers", -0.5), Term.Of(0.2, "weight_decay"),
        ];
        return Mixed("mixed-network-8d", half, "network-like: lr x batch, optimizer with conditional momentum, layers x dropout", space, "optimizer", terms);
    }

    private static Problem Mixed(string name, SuiteHalf half, string description, HPSpace[] space, string choice, Term[] terms) =>
        new(name, "mixed", half, description, seed =>
        {
            var rng = InstanceRandom.For(name, seed);
            var parameter = (ChoiceHP)space.First(p => p.Name == choice);
            var cost = CategoryTable.Draw(parameter.Choices.Count, 0.3, rng);
            var quadratic = new UnitQuadratic(space, rng, terms);
            return new ProblemInstance
            {
                Space = space,
                Evaluate = hps => [cost[parameter.IndexOf(hps[choice])] + quadratic.Value(hps)],
            };
        });
}
