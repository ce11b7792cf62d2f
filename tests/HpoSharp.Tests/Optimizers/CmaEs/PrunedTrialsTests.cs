using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// <see cref="CmaEsOptions.ConsiderPrunedTrials"/>: a first generation of six on a sphere in 2 variables whose first
/// member is pruned after reporting intermediate values, read off the next suggestion.
/// </summary>
public sealed class PrunedTrialsTests
{
    [Theory]
    [InlineData(Direction.Minimize)]
    [InlineData(Direction.Maximize)]
    public void APrunedMemberRanksAsIfItsLastIntermediateValueWereFinal(Direction direction)
    {
        var pruned = Play(direction, first => first.Prune(0.9, 0.4));
        var complete = Play(direction, first => first.Complete(0.4));
        var otherValue = Play(direction, first => first.Prune(0.9, 40));

        Assert.Equal(1, pruned.Generation);
        Assert.Equal(complete.Params, pruned.Params);
        Assert.NotEqual(otherValue.Params, pruned.Params);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void APrunedMemberWithoutAFiniteLastValueOrWithoutTheOptionDoesNotCount(bool considered)
    {
        Assert.Equal(considered ? 1 : 0, Play(Direction.Minimize, first => first.Prune(0.4), considered).Generation);
        Assert.Equal(0, Play(Direction.Minimize, first => first.Prune(), considered).Generation);
        Assert.Equal(0, Play(Direction.Minimize, first => first.Prune(0.4, double.NaN), considered).Generation);
        Assert.Equal(0, Play(Direction.Minimize, first => first.Prune(0.4, double.PositiveInfinity), considered).Generation);
        Assert.Equal(0, Play(Direction.Maximize, first => first.Prune(0.4, double.NegativeInfinity), considered).Generation);
    }

    /// <summary>Asks six trials, ends the first with <paramref name="endFirst"/> and completes the others; returns the next trial.</summary>
    private static (long Generation, double[] Params) Play(Direction direction, Action<Member> endFirst, bool considered = true)
    {
        var clock = new ScriptedClock();
        var options = new CmaEsOptions { ConsiderPrunedTrials = considered, PopulationSize = 6 };
        var study = new Study(new CmaEsOptimizer(TestFunctions.Box(2, -5, 5), options), new StudyOptions { Seed = 4, Direction = direction, TimeProvider = clock });
        var trials = Enumerable.Range(0, 6).Select(_ => study.Ask()).ToArray();
        endFirst(new Member(study, trials[0], clock));
        foreach (var trial in trials[1..])
        {
            new Member(study, trial, clock).Complete(TestFunctions.Sphere(TestFunctions.Point(trial.HyperParameters, 2)));
        }

        var number = study.Ask().Number;
        var next = study.Trials[number];
        return ((long)next.SystemAttributes[CmaEsOptimizer.GenerationAttribute], next.Params.ToArray());
    }

    private sealed record Member(Study Study, TrialContext Trial, ScriptedClock Clock)
    {
        public void Complete(double value)
        {
            Clock.Now = Clock.Now.AddSeconds(1);
            Study.Tell(Trial.Number, value);
        }

        public void Prune(params double[] reports)
        {
            for (var step = 0; step < reports.Length; step++)
            {
                Trial.Report(step, reports[step]);
            }

            Clock.Now = Clock.Now.AddSeconds(1);
            Study.Tell(Trial.Number, TrialState.Pruned);
        }
    }
}
