using System.Globalization;
using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Execution;

public sealed class StudyResultTests
{
    [Fact]
    public void ASingleObjectiveResultReadsAsItsCountsBestTrialAndStop()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new ChoiceHP("opti", "adam", "sgd")];
        var result = HpoRegistry.Build("random", space, Objective.Create(c => c.Number == 2 ? throw new InvalidOperationException("diverged") : c.HyperParameters.GetDouble("x")))
            .Optimize(options: new StudyOptions { Seed = 3, MaxEvaluations = 5 });

        var best = result.BestTrial!;
        Assert.Equal(
            $"trials: 5 (4 complete, 1 failed); best {best.Value.ToString("G6", CultureInfo.InvariantCulture)} at trial {best.Number} with {result.BestHp}; stopped: BudgetReached",
            result.ToString());
    }

    [Fact]
    public void AMultiObjectiveResultNamesItsFrontAndAResultWithoutACompleteTrialSaysSo()
    {
        var front = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c => new[] { c.HyperParameters.GetDouble("x"), -c.HyperParameters.GetDouble("x") }))
            .Optimize(options: new StudyOptions { Seed = 3, MaxEvaluations = 4, Directions = [Direction.Minimize, Direction.Minimize] });
        var cancelled = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c => 1.0))
            .Optimize(options: new StudyOptions { Seed = 3, MaxEvaluations = 2 }, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal("trials: 4 (4 complete); Pareto front of size 4 over 2 objectives (value_0, value_1); stopped: BudgetReached", front.ToString());
        Assert.Equal("trials: 0; no complete trial; stopped: Cancelled", cancelled.ToString());
    }
}
