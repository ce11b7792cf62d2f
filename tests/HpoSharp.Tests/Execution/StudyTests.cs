using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Tests.Optimizers;
using HpoSharp.Trials;
using Microsoft.Extensions.Logging;
using static HpoSharp.Tests.Patience;

namespace HpoSharp.Tests.Execution;

public sealed class StudyTests
{
    private static SearchSpace Space() => TestSpaces.Small();

    [Fact]
    public void AFailingObjectiveFailsItsTrialNotTheStudy()
    {
        var result = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetString("opti") == "sgd" ? throw new ArithmeticException("diverged") : hps.GetDouble("x"))
            .Optimize(options: new StudyOptions { Seed = 2, MaxEvaluations = 20 });

        var failed = result.Trials.Where(t => t.State == TrialState.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.Equal("ArithmeticException: diverged", t.Error));
        Assert.Equal(20, result.Trials.Count);
        Assert.Equal("adam", result.BestHp!.GetString("opti"));
    }

    [Fact]
    public void NonFiniteValuesFailTheirTrials()
    {
        var result = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x") switch
        {
            > 0.5 => double.NaN,
            < -0.5 => double.NegativeInfinity,
            var x => x,
        }).Optimize(options: new StudyOptions { Seed = 2, MaxEvaluations = 30 });

        Assert.All(result.Trials.Where(t => Math.Abs(result.HyperParametersOf(t).GetDouble("x")) > 0.5), t => Assert.Equal(TrialState.Failed, t.State));
        Assert.Contains(result.Trials, t => t.Error == "The objective returned NaN; a value must be finite.");
        Assert.Contains(result.Trials, t => t.Error == "The objective returned -Infinity; a value must be finite.");
        Assert.InRange(result.BestValue, -0.5, 0.5);
    }

    [Fact]
    public void WhenEveryTrialFailsOptimizeThrowsWithTheFirstFailures()
    {
        var optimizer = HpoRegistry.Build("random", Space(), Objective.Create(c => c.Number < 0 ? 0.0 : throw new InvalidOperationException($"broken {c.Number}")));
        var error = Assert.Throws<StudyFailedException>(() => optimizer.Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 8 }));
        Assert.Equal([0, 1, 2, 3, 4], error.Failures.Select(t => t.Number));
        Assert.Contains("trial 0 (Failed): InvalidOperationException: broken 0", error.Message);
    }

    [Fact]
    public void ACallbackSeesEveryTrialAndCanStopTheStudy()
    {
        var seen = new List<int>();
        var result = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 50,
            OnTrialFinished = (study, trial) =>
            {
                seen.Add(trial.Number);
                if (trial.Number == 4)
                {
                    study.Stop();
                }
            },
        });

        Assert.Equal(StopReason.Stopped, result.StopReason);
        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal(5, result.Trials.Count);
    }

    [Fact]
    public void WithManyWorkersTheCallbackSeesEveryTrialExactlyOnce()
    {
        var seen = new List<int>();
        var result = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 300,
            MaxParallelism = 4,
            OnTrialFinished = (_, trial) => seen.Add(trial.Number),
        });

        Assert.Equal(300, result.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 300), seen.Order());
    }

    [Fact]
    public void TheBudgetCountsEveryEvaluationOfAResumedStudy()
    {
        var store = new InMemoryTrialStore();
        var first = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 5, Store = store });
        Assert.Equal(StopReason.BudgetReached, first.StopReason);
        var seen = new List<int>();
        var resumed = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 8,
            Store = store,
            OnTrialFinished = (_, trial) => seen.Add(trial.Number),
        });
        var uninterrupted = HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 8 });

        Assert.Equal([5, 6, 7], seen);
        Assert.Equal(uninterrupted.Trials.Select(t => t.Params.ToArray()), resumed.Trials.Select(t => t.Params.ToArray()));
    }

    [Fact]
    public void AStoreOfAnotherSearchSpaceOrAnotherNumberOfObjectivesIsRefusedWhenTheStudyOpensIt()
    {
        var store = new InMemoryTrialStore();
        HpoRegistry.Build("random", [new RangeHP("x", 0, 1)], (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 3, Store = store });

        var space = Assert.Throws<InvalidOperationException>(() => new Study(HpoRegistry.Build("tpe", Space()), new StudyOptions { Store = store }));
        var objectives = Assert.Throws<InvalidOperationException>(() => new Study(HpoRegistry.Build("tpe", [new RangeHP("x", 0, 1)]), new StudyOptions { Store = store, Directions = [Direction.Minimize, Direction.Minimize] }));

        Assert.Equal("Trial 0 in the store has 1 parameter value(s) and 1 objective value(s), but this study's search space has 2 dimension(s) and it has 1 objective(s); a store holds the trials of one search space and one set of objectives.", space.Message);
        Assert.StartsWith("Trial 0 in the store has 1 parameter value(s) and 1 objective value(s), but this study's search space has 1 dimension(s) and it has 2 objective(s)", objectives.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrialOfAnotherSearchSpaceWrittenToTheStoreLaterIsRefusedOnEveryRead()
    {
        var store = new InMemoryTrialStore();
        var study = new Study(HpoRegistry.Build("random", [new RangeHP("x", 0, 1)]), new StudyOptions { Seed = 1, Store = store });
        store.CreateTrial(new Trial { State = TrialState.Complete, Origin = TrialOrigin.Added, Params = [0.5], Values = [1.0] });
        store.CreateTrial(new Trial { State = TrialState.Complete, Origin = TrialOrigin.Added, Params = [0.5, 0], Values = [2.0] });

        var first = Assert.Throws<InvalidOperationException>(study.GetResult);
        var again = Assert.Throws<InvalidOperationException>(study.GetResult);

        Assert.StartsWith("Trial 1 in the store has 2 parameter value(s)", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, again.Message);
    }

    [Fact]
    public void AResumedRunWhoseNewTrialsAllFailThrows()
    {
        var store = new InMemoryTrialStore();
        HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 5, Store = store });
        var resumed = HpoRegistry.Build("random", Space(), (_, _) => throw new ArithmeticException("diverged"));

        var error = Assert.Throws<StudyFailedException>(() => resumed.Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 8, Store = store }));
        Assert.Equal([5, 6, 7], error.Failures.Select(t => t.Number));
    }

    [Fact]
    public void ACustomOptimizerRegisteredByNameRunsWithFourWorkers()
    {
        CustomOptimizer.Register();
        var optimizer = (CustomOptimizer)HpoRegistry.Build("CUSTOM-PERTURB", Space(), (hps, _) =>
        {
            Thread.Sleep(1);
            return Math.Abs(hps.GetDouble("x") - 0.3);
        });
        var result = optimizer.Optimize(options: new StudyOptions { Seed = 8, MaxEvaluations = 40, MaxParallelism = 4 });

        Assert.Equal(40, result.Trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(1, optimizer.SetUpCalls);
        Assert.Equal(Enumerable.Range(0, 40), optimizer.Updates.Select(u => u.Number).Order());
        Assert.All(optimizer.Updates, u => Assert.Equal(-result.Trials[u.Number].Value, u.Perf));
        Assert.All(result.Trials, t => Assert.InRange(t.Worker, 0, 3));
        Assert.True(result.BestValue < 0.1);
    }

    [Fact]
    public void AnInvalidSuggestionStopsTheStudyCancelsTheRunningTrialAndIsRethrown()
    {
        var study = new Study(new Broken(Space()), new StudyOptions { Seed = 1, MaxParallelism = 2, MaxEvaluations = 2 });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(Objective.Create(c =>
            c.CancellationToken.WaitHandle.WaitOne(Wait) ? 0.0 : throw new TimeoutException("the trial was never cancelled"))));

        Assert.StartsWith("Broken suggested an invalid configuration: Dimension 'x' has value 5, which is not an allowed value of", error.Message);
        var trial = Assert.Single(study.Trials);
        Assert.Equal((TrialState.Cancelled, $"Worker {1 - trial.Worker} failed: {error.Message}"), (trial.State, trial.Error));
        Assert.Equal(StopReason.Failed, study.StopReason);
        Assert.Equal(StopReason.Failed, study.GetResult().StopReason);
    }

    [Fact]
    public void TheRegistryNamesWhatItKnowsAndChecksOptionTypes()
    {
        var unknown = Assert.Throws<ArgumentException>(() => HpoRegistry.Build("hyperband", Space()));
        Assert.Contains("Unknown optimizer 'hyperband'. Known optimizers: ", unknown.Message);
        Assert.Contains("grid, ", unknown.Message);
        Assert.Contains("quasi, random", unknown.Message);
        Assert.IsType<GridOptimizer>(HpoRegistry.Build("GRID", Space()));
        Assert.Contains("Optimizer 'quasi' takes QuasiOptions, not GridOptions", Assert.Throws<ArgumentException>(() => HpoRegistry.Build("quasi", Space(), options: new GridOptions())).Message);
        Assert.Contains("has no objective", Assert.Throws<InvalidOperationException>(() => HpoRegistry.Build("random", Space()).Optimize()).Message);
        Assert.Contains("The first argument of Optimize is the dataset", Assert.Throws<ArgumentException>(() => HpoRegistry.Build("random", Space()).Optimize(Objective.Create((_, _) => 1.0))).Message);
    }

    [Fact]
    public void TheObjectiveReceivesTheDatasetReportsAndAttributes()
    {
        var pruner = new ThresholdPruner(2.5);
        var result = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 4, MaxEvaluations = 10, Pruner = pruner }).Optimize(
            Objective.Create(c =>
            {
                var data = c.GetDataset<int[]>();
                c.SetAttribute("rows", data.Length);
                for (var step = 0; step < 3; step++)
                {
                    c.Report(step, c.HyperParameters.GetDouble("x") + step);
                    if (c.ShouldPrune())
                    {
                        throw c.Prune();
                    }
                }

                return c.HyperParameters.GetDouble("x");
            }),
            dataset: new[] { 1, 2, 3 });

        Assert.All(result.Trials, t => Assert.Equal(3L, t.Attributes["rows"]));
        Assert.All(result.Trials.Where(t => t.State == TrialState.Pruned), t => Assert.True(t.IntermediateValues.Values.Last() > 2.5));
        Assert.All(result.Trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal([0, 1, 2], t.IntermediateValues.Keys));
        Assert.Contains(result.Trials, t => t.State == TrialState.Pruned);
        Assert.Contains(result.Trials, t => t.State == TrialState.Complete);
    }

    [Fact]
    public void ANegativeReportStepFailsTheTrialAndARepeatedStepKeepsTheLastValue()
    {
        var result = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 4, MaxEvaluations = 2 }).Optimize(
            Objective.Create(c =>
            {
                c.Report(1, 0.5);
                c.Report(1, 0.25);
                c.Report(c.Number == 0 ? 2 : -1, 0.75);
                return 1.0;
            }));

        Assert.Equal(TrialState.Complete, result.Trials[0].State);
        Assert.Equal([0.25, 0.75], result.Trials[0].IntermediateValues.Values);
        Assert.Equal(TrialState.Failed, result.Trials[1].State);
        Assert.Contains("step ('-1') must be a non-negative value", result.Trials[1].Error);
    }

    [Fact]
    public void ACallbackThatFinishesAnotherTrialSeesItAfterItReturnsNotWithinItself()
    {
        var events = new List<string>();
        Study? study = null;
        study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions
        {
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                events.Add($"enter {trial.Number}");
                if (trial.Number == 0)
                {
                    study!.Tell(study.Ask().Number, 2.0);
                }

                events.Add($"exit {trial.Number}");
            },
        });
        study.Tell(study.Ask().Number, 1.0);
        Assert.Equal(["enter 0", "exit 0", "enter 1", "exit 1"], events);
    }

    [Fact]
    public void ACallbackThatThrowsStopsTheStudyWhichCanRunAgain()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 5,
            OnTrialFinished = (_, trial) =>
            {
                if (trial.Number == 2)
                {
                    throw new InvalidOperationException("the callback broke");
                }
            },
        });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(c => 1.0));

        Assert.Equal("the callback broke", error.Message);
        Assert.Equal((StopReason.Failed, 3), (study.StopReason, study.Trials.Count));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal((StopReason.BudgetReached, 5), (study.Optimize(c => 1.0).StopReason, study.Trials.Count));
    }

    [Fact]
    public void ALoggerThatThrowsStopsTheStudyLikeACallback()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 5, Logger = new ListLogger { Failure = new InvalidOperationException("the logger broke") } });
        Assert.Equal("the logger broke", Assert.Throws<InvalidOperationException>(() => study.Optimize(c => 1.0)).Message);
        Assert.Equal((StopReason.Failed, 1), (study.StopReason, study.Trials.Count));
    }

    [Fact]
    public void AnOptimizerThatFailsToLearnATrialStopsTheStudyAndIsRethrown()
    {
        // The error comes from finishing trial 2, not from its objective: it must not be taken for the objective's.
        var study = new Study(new ForgetfulOptimizer(Space(), forgets: (_, t) => t.Number == 2), new StudyOptions { Seed = 1, MaxEvaluations = 5 });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(c => 1.0));

        Assert.Equal("cannot learn trial 2", error.Message);
        Assert.Equal((StopReason.Failed, 3), (study.StopReason, study.Trials.Count));
        Assert.Equal(TrialState.Complete, study.Trials[2].State);
    }

    [Fact]
    public void WithAskAndTellACallbackErrorReachesTheCallerOfTell()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, OnTrialFinished = (_, _) => throw new InvalidOperationException("the callback broke") });
        var number = study.Ask().Number;
        Assert.Equal("the callback broke", Assert.Throws<InvalidOperationException>(() => study.Tell(number, 1.0)).Message);
        Assert.Equal((TrialState.Complete, 1.0), (study.Trials[number].State, study.Trials[number].Value));
    }

    [Fact]
    public void WithAskAndTellACallbackThatThrewIsCalledAgainForTheNextTrial()
    {
        var seen = new List<int>();
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions
        {
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                seen.Add(trial.Number);
                if (trial.Number == 0)
                {
                    throw new InvalidOperationException("the callback broke");
                }
            },
        });
        Assert.Throws<InvalidOperationException>(() => study.Tell(study.Ask().Number, 1.0));
        study.Tell(study.Ask().Number, 2.0);

        Assert.Equal([0, 1], seen);
    }

    [Fact]
    public void TheRethrownCallbackErrorKeepsTheStackTraceOfWhereItWasThrown()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 5, OnTrialFinished = BreakingCallback });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(c => 1.0));

        Assert.Equal("the callback broke", error.Message);
        Assert.Contains(nameof(BreakingCallback), error.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void ALoggerGetsALinePerTrialAndOneForEachNewBest()
    {
        var logger = new ListLogger();
        double[] values = [3, 1, 2, 1, 0, double.NaN];
        var next = 0;
        HpoRegistry.Build("random", Space(), (_, _) => values[next++]).Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 6, Logger = logger });
        Assert.Equal(9, logger.Lines.Count);
        Assert.StartsWith("Information: Trial 0 complete: 3 with ", logger.Lines[0], StringComparison.Ordinal);
        Assert.Equal(
            ["Information: Trial 0 is the new best: 3", "Information: Trial 1 is the new best: 1", "Information: Trial 4 is the new best: 0"],
            logger.Lines.Where(l => l.Contains("new best", StringComparison.Ordinal)));
        Assert.StartsWith("Warning: Trial 5 Failed: The objective returned NaN; a value must be finite. with ", logger.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsOutOfRangeAreNamed()
    {
        Assert.Contains("StudyOptions.MaxParallelism is 0; expected at least 1", Invalid(new StudyOptions { MaxParallelism = 0 }));
        Assert.Contains("StudyOptions.MaxEvaluations is 0", Invalid(new StudyOptions { MaxEvaluations = 0 }));
        Assert.Contains("StudyOptions.TrialTimeLimit is -00:00:01", Invalid(new StudyOptions { TrialTimeLimit = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("StudyOptions.ObjectiveNames is 2; expected one name per direction (1)", Invalid(new StudyOptions { ObjectiveNames = ["a", "b"] }));
        Assert.Contains(
            "StudyOptions.ObjectiveNames is 'error'; expected distinct names that are none of the export's columns (number, state, origin, worker, started, finished, duration_seconds, error) and start with none of param:, attr:",
            Invalid(new StudyOptions { Directions = [Direction.Minimize, Direction.Minimize], ObjectiveNames = ["loss", "error"] }));
        Assert.Contains("StudyOptions.ObjectiveNames is 'loss'", Invalid(new StudyOptions { Directions = [Direction.Minimize, Direction.Minimize], ObjectiveNames = ["loss", "loss"] }));
        Assert.Contains("StudyOptions.ObjectiveNames is 'param:x'", Invalid(new StudyOptions { ObjectiveNames = ["param:x"] }));
        Assert.Contains("StudyOptions.ObjectiveNames is 'attr:x'", Invalid(new StudyOptions { ObjectiveNames = ["attr:x"] }));
        Assert.Contains("StudyOptions.TimeLimit is 00:00:00; expected a positive duration of at most 49.17:02:47.2940000, or null", Invalid(new StudyOptions { TimeLimit = TimeSpan.Zero }));
        Assert.Contains("StudyOptions.MemoryLimit is 0; expected a positive number of bytes, or null", Invalid(new StudyOptions { MemoryLimit = 0 }));
        Assert.Contains("StudyOptions.MemoryPollInterval is 00:00:00; expected a positive duration of at most 49.17:02:47.2940000", Invalid(new StudyOptions { MemoryPollInterval = TimeSpan.Zero }));
        Assert.Contains("StudyOptions.Directions is 0; expected at least one direction, or null", Invalid(new StudyOptions { Directions = [] }));
        Assert.Equal("MemoryProbe", Assert.Throws<ArgumentNullException>(() => new Study(HpoRegistry.Build("random", Space()), new StudyOptions { MemoryProbe = null! })).ParamName);

        static string Invalid(StudyOptions options) => Assert.ThrowsAny<ArgumentException>(() => new Study(HpoRegistry.Build("random", Space()), options)).Message;
    }

    [Fact]
    public void EmptyOrMissingObjectiveNamesAreRefused()
    {
        Assert.Contains("StudyOptions.ObjectiveNames is ''; expected distinct names", Invalid([""]));
        Assert.Contains("StudyOptions.ObjectiveNames is ''; expected distinct names", Invalid([null!]));

        static string Invalid(IReadOnlyList<string> names) =>
            Assert.ThrowsAny<ArgumentException>(() => new Study(HpoRegistry.Build("random", Space()), new StudyOptions { ObjectiveNames = names })).Message;
    }

    [Fact]
    public void ObjectiveNamesThatOnlyResembleTheExportsColumnsAreAccepted()
    {
        var result = HpoRegistry.Build("random", Space(), Objective.Create(c => new[] { 1.0, 2.0, 3.0 })).Optimize(options: new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 1,
            Directions = [Direction.Minimize, Direction.Minimize, Direction.Minimize],
            ObjectiveNames = ["Error", "Param:x", "loss param:x"],
        });

        Assert.StartsWith("number,state,origin,worker,started,finished,duration_seconds,Error,Param:x,loss param:x,param:x,", result.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutASeedEachStudyDrawsItsOwnAndReportsTheOneItUsed()
    {
        StudyResult Run(ulong? seed) => HpoRegistry.Build("random", Space(), (hps, _) => hps.GetDouble("x")).Optimize(options: new StudyOptions { Seed = seed, MaxEvaluations = 1 });
        var (first, second) = (Run(null), Run(null));

        Assert.NotEqual(first.Seed, second.Seed);
        Assert.NotEqual(first.Trials[0].Params.ToArray(), second.Trials[0].Params.ToArray());
        Assert.Equal(first.Trials[0].Params.ToArray(), Run(first.Seed).Trials[0].Params.ToArray());
    }

    [Fact]
    public void AnOptimizerServesOneStudy()
    {
        var optimizer = HpoRegistry.Build("random", Space());
        _ = new Study(optimizer);
        Assert.Contains("already serves a study", Assert.Throws<InvalidOperationException>(() => new Study(optimizer)).Message);
    }

    [Fact]
    public async Task AnOptimizeRefusedForWantOfAnObjectiveLeavesTheOptimizerFreeForTheOneItAdvises()
    {
        var optimizer = HpoRegistry.Build("random", Space());
        Assert.Throws<InvalidOperationException>(() => optimizer.Optimize());
        Assert.Throws<ArgumentException>(() => optimizer.Optimize(Objective.Create((_, _) => 1.0)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.OptimizeAsync());

        // The messages advise setting Objective; the optimizer must not have been taken by a study that never ran.
        optimizer.Objective = Objective.Create((hps, _) => hps.GetDouble("x"));
        Assert.Equal(3, optimizer.Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 3 }).Trials.Count);
    }

    private static void BreakingCallback(Study study, Trial trial) => throw new InvalidOperationException("the callback broke");

    /// <summary>Suggests one valid configuration, then x = 5, outside its range [-1, 1].</summary>
    /// <summary>Random suggestions; it throws when told the result of trial <paramref name="forgets"/>.</summary>
    /// <summary>Random suggestions; it throws when told of a trial that <paramref name="forgets"/> (given the worker and the trial) picks.</summary>
    internal sealed class ForgetfulOptimizer(SearchSpace space, Func<int, Trial, bool> forgets) : BaseHPOptimizer(space)
    {
        protected internal override Suggestion? GetSuggestion(int pid) => new(RandomOptimizer.Sample(Space, Rng));

        protected internal override void UpdateTrials(int pid, Trial trial, double perf)
        {
            if (forgets(pid, trial))
            {
                throw new InvalidOperationException($"cannot learn trial {trial.Number}");
            }
        }
    }

    [Fact]
    public void AnEnqueuedTrialThatCompletesInTheCallKeepsOptimizeFromThrowingWhenTheSuggestedOnesFail()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 3 });
        var enqueued = study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.5, ["opti"] = "adam" });

        var result = study.Optimize(c => c.Number == enqueued ? 1.0 : throw new ArithmeticException("diverged"));

        Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Failed], result.Trials.Select(t => t.State));
        Assert.Equal(1.0, result.BestValue);
    }

    [Fact]
    public void WhenEveryEnqueuedTrialTheCallRanFailsOptimizeThrows()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 2 });
        study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.5, ["opti"] = "adam" });
        study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.25, ["opti"] = "sgd" });

        var e = Assert.Throws<StudyFailedException>(() => study.Optimize(c => c.Number < 0 ? 0.0 : throw new ArithmeticException("diverged")));

        Assert.Equal([0, 1], e.Failures.Select(t => t.Number));
    }

    [Fact]
    public void AnObjectiveThatReturnsNullInsteadOfValuesFailsItsTrialNotTheStudy()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 3 });
        var result = study.Optimize(c => c.Number == 1 ? null! : new[] { 1.0 });
        var asynchronous = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 3 })
            .Optimize(c => Task.FromResult(c.Number == 1 ? null! : new[] { 1.0 }));

        foreach (var trials in new[] { result.Trials, asynchronous.Trials })
        {
            Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Complete], trials.Select(t => t.State));
            Assert.Equal("The objective returned null; the study has 1 objective(s).", trials[1].Error);
        }

        Assert.Equal(StopReason.BudgetReached, result.StopReason);
    }

    [Fact]
    public void TimeLimitsLongerThanTheClockCanWaitAreRefusedByName()
    {
        var tooLong = TimeSpan.FromDays(50);
        Assert.Contains("StudyOptions.TimeLimit is 50.00:00:00; expected a positive duration of at most 49.17:02:47.2940000, or null", Invalid(new StudyOptions { TimeLimit = tooLong }));
        Assert.Contains("StudyOptions.TrialTimeLimit is 50.00:00:00; expected a positive duration of at most 49.17:02:47.2940000, or null", Invalid(new StudyOptions { TrialTimeLimit = tooLong }));
        Assert.Contains("StudyOptions.MemoryPollInterval is 50.00:00:00; expected a positive duration of at most 49.17:02:47.2940000", Invalid(new StudyOptions { MemoryPollInterval = tooLong }));

        var longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        var result = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, MaxEvaluations = 2, TimeLimit = longest, TrialTimeLimit = longest })
            .Optimize(c => 1.0);
        Assert.Equal(2, result.Trials.Count(t => t.State == TrialState.Complete));

        static string Invalid(StudyOptions options) => Assert.ThrowsAny<ArgumentException>(() => new Study(HpoRegistry.Build("random", Space()), options)).Message;
    }

    [Fact]
    public void AnUndefinedDirectionIsRefused()
    {
        Assert.Contains("StudyOptions.Direction is 2; expected Minimize or Maximize", Invalid(new StudyOptions { Direction = (Direction)2 }));
        Assert.Contains("StudyOptions.Directions is -1; expected Minimize or Maximize", Invalid(new StudyOptions { Directions = [Direction.Maximize, (Direction)(-1)] }));

        static string Invalid(StudyOptions options) => Assert.ThrowsAny<ArgumentException>(() => new Study(HpoRegistry.Build("random", Space()), options)).Message;
    }

    [Fact]
    public void ADatasetThatIsADelegateReachesTheObjective()
    {
        Func<int[]> loader = () => [1, 2, 3];
        var result = HpoRegistry.Build("random", Space(), (_, dataset) => ((Func<int[]>)dataset!)().Length)
            .Optimize(loader, new StudyOptions { Seed = 1, MaxEvaluations = 2 });
        Assert.Equal(3, result.BestValue);

        Func<HyperParameters, object?, double> objective = (hps, _) => hps.GetDouble("x");
        Assert.Contains("The first argument of Optimize is the dataset", Assert.Throws<ArgumentException>(() => HpoRegistry.Build("random", Space()).Optimize(objective)).Message);
        Func<TrialContext, double> contextObjective = c => 0;
        Assert.Throws<ArgumentException>(() => HpoRegistry.Build("random", Space(), objective).Optimize(contextObjective));
    }

    [Fact]
    public void AGenericDatasetTypeIsWrittenWithItsTypeArguments()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        Assert.Equal("The dataset is null, not a List<Int32>.", Assert.Throws<InvalidCastException>(() => study.Ask().GetDataset<List<int>>()).Message);

        var failure = Assert.Throws<StudyFailedException>(() => HpoRegistry.Build("random", Space(), Objective.Create(c => c.GetDataset<Dictionary<string, double>>().Count))
            .Optimize(new List<double>[1], new StudyOptions { Seed = 1, MaxEvaluations = 1 }));
        Assert.Equal("InvalidCastException: The dataset is a List<Double>[], not a Dictionary<String, Double>.", failure.Failures[0].Error);
    }

    [Fact]
    public void ADatasetOfAnotherTypeOrNoDatasetIsNamedWhenTheObjectiveAsksForOne()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        Assert.Equal("The dataset is null, not a String.", Assert.Throws<InvalidCastException>(() => study.Ask().GetDataset<string>()).Message);

        var failure = Assert.Throws<StudyFailedException>(() => HpoRegistry.Build("random", Space(), Objective.Create(c => c.GetDataset<string>().Length))
            .Optimize(7, new StudyOptions { Seed = 1, MaxEvaluations = 1 }));
        Assert.Equal("InvalidCastException: The dataset is a Int32, not a String.", failure.Failures[0].Error);
    }

    [Fact]
    public void TheLoggerWritesValuesTheSameWayInEveryCulture()
    {
        var logger = new ListLogger();
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, Directions = [Direction.Minimize, Direction.Minimize], Logger = logger });
        CommaCulture.Run(() => study.Tell(study.Ask().Number, [0.25, 1.5]));
        Assert.StartsWith("Information: Trial 0 complete: 0.25, 1.5 with x=", logger.Lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("0,", logger.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ANonFiniteValueIsNamedTheSameWayInEveryCulture()
    {
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1 });
        CommaCulture.Run(() => study.Tell(study.Ask().Number, double.NegativeInfinity));

        Assert.Equal("The objective returned -Infinity; a value must be finite.", study.Trials[0].Error);
    }

    private sealed class Broken(SearchSpace space) : BaseHPOptimizer(space)
    {
        private bool _suggested;

        protected internal override Suggestion? GetSuggestion(int pid)
        {
            var x = RandomOptimizer.Sample(Space, Rng);
            if (_suggested)
            {
                x[0] = 5;
            }

            _suggested = true;
            return x;
        }
    }

    private sealed class ThresholdPruner(double threshold) : BasePruner
    {
        public override bool ShouldPrune(Trial trial, TrialHistory history) => trial.IntermediateValues.Values.LastOrDefault() > threshold;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        /// <summary>What every call of <see cref="Log"/> throws, if set.</summary>
        public Exception? Failure { get; init; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            lock (Lines)
            {
                Lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
