using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers;

public sealed class BaseHPOptimizerTests
{
    [Fact]
    public void TheBestTrialIsTheEarliestOfEqualBestValues()
    {
        var optimizer = new BestRecorder(TestSpaces.Small());
        var study = new Study(optimizer, new StudyOptions { Seed = 1 });
        foreach (var value in new[] { 2.0, 1.0, 1.0, 3.0 })
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = value / 10, ["opti"] = "adam" }, value);
        }

        study.Ask();
        Assert.Equal([1], optimizer.Bests);
    }

    [Fact]
    public void EachTrialDrawsFromTheRandomStreamOfItsNumber()
    {
        var space = TestSpaces.Rich();
        var study = new Study(HpoRegistry.Build("random", space), new StudyOptions { Seed = 21 });
        study.Enqueue(new Dictionary<string, object?> { ["x"] = 0.0, ["lr"] = 0.01, ["units"] = 2, ["batch"] = 32, ["epochs"] = 10, ["dropout"] = 0.0, ["kernel"] = TestSpaces.Kernel.Linear, ["num_layers"] = 1, ["widths"] = new[] { 8 } });
        for (var i = 0; i < 6; i++)
        {
            study.Tell(study.Ask().Number, 0.0);
        }

        foreach (var trial in study.Trials.Skip(1))
        {
            Assert.Equal(RandomOptimizer.Sample(space, new RandomStream(21, (ulong)trial.Number)), trial.Params.ToArray());
        }
    }

    [Fact]
    public void OptionsOfAnAlgorithmRegisteredByNameAreValidatedWhenItIsBuilt()
    {
        HpoRegistry.Register<WidthOptions>("random-with-width", (space, _) => new RandomOptimizer(space));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("random-with-width", TestSpaces.Small(), options: new WidthOptions { Width = 0 }));
        Assert.Equal("Width", error.ParamName);
        Assert.StartsWith("WidthOptions.Width is 0; expected at least 1.", error.Message);
        Assert.IsType<RandomOptimizer>(HpoRegistry.Build("random-with-width", TestSpaces.Small(), options: new WidthOptions { Width = 2 }));
    }

    /// <summary>Suggests random configurations and records the number of the best trial it sees at each suggestion.</summary>
    private sealed class BestRecorder(SearchSpace space) : BaseHPOptimizer(space)
    {
        public List<int?> Bests { get; } = [];

        protected internal override Suggestion? GetSuggestion(int pid)
        {
            Bests.Add(BestHp()?.Number);
            return RandomOptimizer.Sample(Space, Rng);
        }
    }

    /// <summary>Options with one setting that must be at least 1.</summary>
    private sealed class WidthOptions : OptimizerOptions
    {
        public int Width { get; init; } = 1;

        public override void Validate() => Require(Width >= 1, nameof(Width), Width, "at least 1");
    }
}
