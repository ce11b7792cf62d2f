using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Tests.Optimizers;
using HpoSharp.Trials;
using Microsoft.Extensions.Time.Testing;

namespace HpoSharp.Tests.Execution;

public sealed class AskTellTests
{
    private static SearchSpace Space() => [new RangeHP("x", -1, 1), new ChoiceHP("opti", "adam", "sgd")];

    [Fact]
    public void AskAndTellDriveTheSameHooksAndHistoryAsOptimize()
    {
        var optimizer = new CustomOptimizer(Space());
        var study = new Study(optimizer, new StudyOptions { Seed = 3, Direction = Direction.Maximize });
        for (var i = 0; i < 6; i++)
        {
            var trial = study.Ask(worker: i % 2);
            study.Tell(trial.Number, trial.HyperParameters.GetDouble("x"));
        }

        Assert.Equal(1, optimizer.SetUpCalls);
        Assert.Equal(Enumerable.Range(0, 6), optimizer.Updates.Select(u => u.Number));
        Assert.Equal([0, 1, 0, 1, 0, 1], optimizer.Updates.Select(u => u.Pid));
        Assert.Equal(study.Trials.Select(t => t.Value), optimizer.Updates.Select(u => u.Perf));
        Assert.Equal(study.Trials.Max(t => t.Value), study.GetResult().BestValue);
        Assert.Equal(StopReason.None, study.GetResult().StopReason);
    }

    [Fact]
    public void PerfIsHigherIsBetterWhenMinimising()
    {
        var optimizer = new CustomOptimizer(Space());
        var study = new Study(optimizer, new StudyOptions { Seed = 3 });
        var trial = study.Ask();
        study.Tell(trial.Number, 2.5);
        Assert.Equal(-2.5, Assert.Single(optimizer.Updates).Perf);
    }

    [Fact]
    public void TellingTwiceOrTellingAnUnknownTrialIsRefused()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var trial = study.Ask();
        study.Tell(trial.Number, 1.0);
        Assert.Contains("Trial 0 is already finished (Complete)", Assert.Throws<InvalidOperationException>(() => study.Tell(trial.Number, 2.0)).Message);
        Assert.Contains("There is no trial 7", Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(7, 2.0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(trial.Number, TrialState.Complete));
    }

    [Fact]
    public void ARefusedSecondTellLeavesTheTrialAsItWas()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var number = study.Ask().Number;
        study.Tell(number, 1.0);
        Assert.Throws<InvalidOperationException>(() => study.Tell(number, 2.0));

        var trial = study.Trials[number];
        Assert.Equal((TrialState.Complete, 1.0), (trial.State, trial.Value));
        Assert.Empty(trial.Attributes);
    }

    [Fact]
    public void TellingTheNumberTheNextTrialWillGetIsRefusedAsUnknown()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        study.Ask();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(1, 2.0));

        Assert.Equal("number", error.ParamName);
        Assert.StartsWith("There is no trial 1; the study has 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResumedStudyLearnsTheStoredTrialsInTheOrderTheyFinished()
    {
        var time = new FakeTimeProvider();
        var options = new StudyOptions { Seed = 1, Store = new InMemoryTrialStore(), TimeProvider = time };
        var live = new CustomOptimizer(Space());
        var study = new Study(live, options);
        var (first, second) = (study.Ask().Number, study.Ask().Number);
        time.Advance(TimeSpan.FromSeconds(1));
        study.Tell(second, 2.0);
        time.Advance(TimeSpan.FromSeconds(1));
        study.Tell(first, 1.0);

        var resumed = new CustomOptimizer(Space());
        _ = new Study(resumed, options);
        Assert.Equal([second, first], live.Updates.Select(u => u.Number));
        Assert.Equal([second, first], resumed.Updates.Select(u => u.Number));
    }

    [Fact]
    public void TellingNaNOrTheWrongNumberOfValuesFailsTheTrial()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        study.Tell(study.Ask().Number, double.NaN);
        study.Tell(study.Ask().Number, [1.0, 2.0]);
        study.Tell(study.Ask().Number, TrialState.Pruned, "pruned by hand");
        Assert.Equal(
            [
                (TrialState.Failed, "The objective returned NaN; a value must be finite."),
                (TrialState.Failed, "The objective returned 2 value(s); the study has 1 objective(s)."),
                (TrialState.Pruned, "pruned by hand"),
            ],
            study.Trials.Select(t => (t.State, t.Error)));
    }

    [Fact]
    public void InAMultiObjectiveStudyTheFailureNamesTheNonFiniteObjectiveOrTheCountOfValues()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, Directions = [Direction.Minimize, Direction.Maximize] });
        study.Tell(study.Ask().Number, [1.0, double.NaN]);
        study.Tell(study.Ask().Number, [double.NegativeInfinity, 2.0]);
        study.Tell(study.Ask().Number, [1.0]);
        study.Tell(study.Ask().Number, [1.0, 2.0]);
        Assert.Equal(
            [
                (TrialState.Failed, "The objective returned NaN for objective 1; a value must be finite."),
                (TrialState.Failed, "The objective returned -Infinity for objective 0; a value must be finite."),
                (TrialState.Failed, "The objective returned 1 value(s); the study has 2 objective(s)."),
                (TrialState.Complete, null),
            ],
            study.Trials.Select(t => (t.State, t.Error)));
    }

    [Fact]
    public void AddingATrialWithTheWrongNumberOfValuesIsRefusedNamingBothCounts()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, Directions = [Direction.Minimize, Direction.Maximize] });
        var point = new Dictionary<string, object?> { ["x"] = 0.0, ["opti"] = "adam" };
        var error = Assert.Throws<ArgumentException>(() => study.AddTrial(point, 1.0));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("The added trial has 1 value(s); the study has 2 objective(s).", error.Message);
        Assert.Contains("The added trial has NaN for objective 1; a value must be finite.", Assert.Throws<ArgumentException>(() => study.AddTrial(point, [1.0, double.NaN])).Message);
        Assert.Empty(study.Trials);
        Assert.Equal([1.0, 2.0], study.AddTrial(point, [1.0, 2.0]).Values.ToArray());
    }

    [Fact]
    public void EnqueuedConfigurationsComeFirstAndExactlyAsGiven()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var number = study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.25, ["opti"] = "sgd" });
        Assert.Equal(TrialState.Waiting, study.Trials[number].State);
        var trial = study.Ask(worker: 3);
        Assert.Equal(number, trial.Number);
        Assert.Equal("x=0.25, opti=sgd", trial.HyperParameters.ToString());
        Assert.Equal((TrialState.Running, TrialOrigin.Enqueued, 3), (study.Trials[number].State, study.Trials[number].Origin, study.Trials[number].Worker));
        Assert.Equal(TrialOrigin.Suggested, study.Ask().HyperParameters is not null ? study.Trials[^1].Origin : default);
        var error = Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<string, object?> { ["x"] = 5.0, ["opti"] = "sgd" }));
        Assert.StartsWith("Parameter 'x': value '5' (Double) is not valid; expected a number in [-1, 1]", error.Message);
    }

    [Fact]
    public void EnqueuedConfigurationsAreServedOldestFirst()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var a = study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.25, ["opti"] = "sgd" });
        var b = study.Enqueue(new Dictionary<string, object?> { ["x"] = -0.5, ["opti"] = "adam" });

        Assert.Equal([a, b], [study.Ask().Number, study.Ask().Number]);
    }

    [Fact]
    public void InASingleObjectiveStudyTheParetoFrontIsEveryTrialWithTheBestValue()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        foreach (var value in new[] { 3.0, 1, 2, 1 })
        {
            study.Tell(study.Ask().Number, value);
        }

        Assert.Equal([1, 3], study.ParetoFront.Select(t => t.Number));
        Assert.Equal([1, 3], study.GetResult().ParetoFront.Select(t => t.Number));
    }

    [Fact]
    public void WarmStartTrialsTeachTheOptimizerButDoNotSpendTheBudget()
    {
        var optimizer = new CustomOptimizer(Space());
        var study = new Study(optimizer, new StudyOptions { Seed = 1, MaxEvaluations = 5 });
        var added = study.AddTrial(new Dictionary<string, object?> { ["x"] = 0.0, ["opti"] = "adam" }, -10);
        Assert.Equal((TrialState.Complete, TrialOrigin.Added), (added.State, added.Origin));
        Assert.Equal(-10, Assert.Single(optimizer.Updates).Perf * -1);

        var result = study.Optimize((hps, _) => hps.GetDouble("x"));
        Assert.Equal(6, result.Trials.Count);
        Assert.Equal(-10, result.BestValue);
        Assert.Equal("x=0, opti=adam", result.BestHp!.ToString());
        Assert.Throws<ArgumentException>(() => study.AddTrial(new Dictionary<string, object?> { ["x"] = 0.0, ["opti"] = "adam" }, double.PositiveInfinity));
    }

    [Fact]
    public void AnExhaustedOptimizerRefusesToAsk()
    {
        var study = new Study(HpoRegistry.Build("grid", [new ChoiceHP("c", "a", "b")]), new StudyOptions { Seed = 1 });
        study.Ask();
        study.Ask();
        Assert.False(study.TryAsk(out _));
        Assert.Contains("exhausted", Assert.Throws<InvalidOperationException>(() => study.Ask()).Message);
    }

    [Fact]
    public void TellingAnEnqueuedTrialThatWasNotAskedForIsRefused()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var number = study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.5, ["opti"] = "adam" });

        var e = Assert.Throws<InvalidOperationException>(() => study.Tell(number, 1.0));

        Assert.Equal("Trial 0 is waiting to be asked for; ask for it before telling its outcome, or add a trial evaluated elsewhere with AddTrial.", e.Message);
        Assert.Equal(TrialState.Waiting, study.Trials[number].State);
        Assert.Equal(number, study.Ask().Number);
    }

    [Fact]
    public void TellingAStateThatIsNotATrialStateIsRefused()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        var number = study.Ask().Number;

        Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(number, (TrialState)42));

        Assert.Equal(TrialState.Running, study.Trials[number].State);
    }

    [Fact]
    public void AStoredTrialWithoutAFinishTimeIsLearntAfterTheTrialsThatHaveOne()
    {
        // A store written elsewhere may lack a finish time; such a trial takes its place after every timed one.
        var store = new InMemoryTrialStore();
        var untimed = store.CreateTrial(new Trial { State = TrialState.Complete, Params = [0.5, 0], Values = [1.0] }).Number;
        var timed = store.CreateTrial(new Trial { State = TrialState.Complete, Params = [-0.5, 1], Values = [2.0], Finished = DateTimeOffset.UnixEpoch }).Number;

        var optimizer = new CustomOptimizer(Space());
        _ = new Study(optimizer, new StudyOptions { Seed = 1, Store = store });

        Assert.Equal([timed, untimed], optimizer.Updates.Select(u => u.Number));
    }
}
