using HpoSharp.Bench.Problems.Bbob;
using HpoSharp.Bench.Problems.MultiObjective;
using HpoSharp.Bench.Problems.RealData;
using HpoSharp.Bench.Problems.Synthetic;

namespace HpoSharp.Bench.Problems;

/// <summary>Every problem of the suite, in report order. Adding a problem is one line here.</summary>
public static class ProblemCatalog
{
    /// <summary>The problems the quick mode runs.</summary>
    public static readonly IReadOnlyList<string> QuickNames =
        ["bbob-f1-sphere-2d", "bbob-f8-rosenbrock-5d", "log-lr-decay-2d", "categorical-reals-6d", "conditional-kernel-6d", "noisy-log-lr-decay-2d", "zdt1-8d"];

    /// <summary>All problems: 30 single-objective (15 tuning, 15 held out) and 5 multi-objective.</summary>
    public static IReadOnlyList<Problem> All { get; } =
    [
        BbobProblems.Make(1, 2, SuiteHalf.Tuning),
        BbobProblems.Make(2, 5, SuiteHalf.HeldOut),
        BbobProblems.Make(3, 3, SuiteHalf.Tuning),
        BbobProblems.Make(6, 4, SuiteHalf.HeldOut),
        BbobProblems.Make(8, 5, SuiteHalf.Tuning),
        BbobProblems.Make(10, 10, SuiteHalf.HeldOut),
        BbobProblems.Make(11, 3, SuiteHalf.Tuning),
        BbobProblems.Make(12, 6, SuiteHalf.HeldOut),
        BbobProblems.Make(13, 4, SuiteHalf.Tuning),
        BbobProblems.Make(14, 20, SuiteHalf.HeldOut),
        BbobProblems.Make(15, 5, SuiteHalf.HeldOut),
        BbobProblems.Make(16, 4, SuiteHalf.Tuning),
        BbobProblems.Make(17, 10, SuiteHalf.Tuning),
        BbobProblems.Make(1, 20, SuiteHalf.HeldOut),
        LogScaleProblems.LearningRateDecay(SuiteHalf.Tuning),
        LogScaleProblems.LogRosenbrock(SuiteHalf.HeldOut),
        DiscreteProblems.IntegerBlocks(SuiteHalf.Tuning),
        DiscreteProblems.Stepped(SuiteHalf.HeldOut),
        CategoricalProblems.WithReals(SuiteHalf.Tuning),
        CategoricalProblems.Chain(SuiteHalf.HeldOut),
        ConditionalProblems.ModelChoice(SuiteHalf.Tuning),
        ConditionalProblems.KernelChoice(SuiteHalf.HeldOut),
        MixedProblems.NeuralNet(SuiteHalf.Tuning),
        MixedProblems.BoostedTrees(SuiteHalf.HeldOut),
        RealTasks.LogisticBreastCancer(SuiteHalf.Tuning),
        RealTasks.KnnWine(SuiteHalf.HeldOut),
        RealTasks.BoostingDiabetes(SuiteHalf.Tuning),
        NoisyProblems.Of(BbobProblems.Make(1, 5, SuiteHalf.HeldOut), 1.0, SuiteHalf.HeldOut),
        NoisyProblems.Of(LogScaleProblems.LearningRateDecay(SuiteHalf.Tuning), 0.1, SuiteHalf.Tuning),
        NoisyProblems.Of(MixedProblems.NeuralNet(SuiteHalf.HeldOut), 0.05, SuiteHalf.HeldOut),
        ZdtDtlzProblems.Zdt1(SuiteHalf.Tuning),
        ZdtDtlzProblems.Zdt2(SuiteHalf.HeldOut),
        ZdtDtlzProblems.Zdt3(SuiteHalf.HeldOut),
        ZdtDtlzProblems.Dtlz2(SuiteHalf.Tuning),
        ZdtDtlzProblems.Dtlz1(SuiteHalf.HeldOut),
    ];

    /// <summary>The problem named <paramref name="name"/>; throws naming the known ones otherwise.</summary>
    public static Problem Get(string name) => All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown problem '{name}'. Known problems: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    /// <summary>The problems selected by family or name (null or empty for all) and by the quick mode.</summary>
    public static IReadOnlyList<Problem> Select(IReadOnlyCollection<string>? familiesOrNames, bool quick) =>
        [.. All.Where(p => (familiesOrNames is null || familiesOrNames.Count == 0 || familiesOrNames.Contains(p.Family) || familiesOrNames.Contains(p.Name)) && (!quick || QuickNames.Contains(p.Name)))];
}
