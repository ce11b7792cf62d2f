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
        BbobProblems.Make(1, 2, Half.Tuning),
        BbobProblems.Make(2, 5, Half.HeldOut),
        BbobProblems.Make(3, 3, Half.Tuning),
        BbobProblems.Make(6, 4, Half.HeldOut),
        BbobProblems.Make(8, 5, Half.Tuning),
        BbobProblems.Make(10, 10, Half.HeldOut),
        BbobProblems.Make(11, 3, Half.Tuning),
        BbobProblems.Make(12, 6, Half.HeldOut),
        BbobProblems.Make(13, 4, Half.Tuning),
        BbobProblems.Make(14, 20, Half.HeldOut),
        BbobProblems.Make(15, 5, Half.HeldOut),
        BbobProblems.Make(16, 4, Half.Tuning),
        BbobProblems.Make(17, 10, Half.Tuning),
        BbobProblems.Make(1, 20, Half.HeldOut),
        LogScaleProblems.LearningRateDecay(Half.Tuning),
        LogScaleProblems.LogRosenbrock(Half.HeldOut),
        DiscreteProblems.IntegerBlocks(Half.Tuning),
        DiscreteProblems.Stepped(Half.HeldOut),
        CategoricalProblems.WithReals(Half.Tuning),
        CategoricalProblems.Chain(Half.HeldOut),
        ConditionalProblems.ModelChoice(Half.Tuning),
        ConditionalProblems.KernelChoice(Half.HeldOut),
        MixedProblems.NeuralNet(Half.Tuning),
        MixedProblems.BoostedTrees(Half.HeldOut),
        RealTasks.LogisticBreastCancer(Half.Tuning),
        RealTasks.KnnWine(Half.HeldOut),
        RealTasks.BoostingDiabetes(Half.Tuning),
        NoisyProblems.Of(BbobProblems.Make(1, 5, Half.HeldOut), 1.0, Half.HeldOut),
        NoisyProblems.Of(LogScaleProblems.LearningRateDecay(Half.Tuning), 0.1, Half.Tuning),
        NoisyProblems.Of(MixedProblems.NeuralNet(Half.HeldOut), 0.05, Half.HeldOut),
        ZdtDtlzProblems.Zdt1(Half.Tuning),
        ZdtDtlzProblems.Zdt2(Half.HeldOut),
        ZdtDtlzProblems.Zdt3(Half.HeldOut),
        ZdtDtlzProblems.Dtlz2(Half.Tuning),
        ZdtDtlzProblems.Dtlz1(Half.HeldOut),
    ];

    /// <summary>The problem named <paramref name="name"/>; throws naming the known ones otherwise.</summary>
    public static Problem Get(string name) => All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown problem '{name}'. Known problems: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    /// <summary>The problems selected by family (null for all) and by the quick mode.</summary>
    public static IReadOnlyList<Problem> Select(IReadOnlyCollection<string>? families, bool quick) =>
        [.. All.Where(p => (families is null || families.Count == 0 || families.Contains(p.Family)) && (!quick || QuickNames.Contains(p.Name)))];
}
