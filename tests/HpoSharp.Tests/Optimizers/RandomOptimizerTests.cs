using HpoSharp.Execution;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers;

public sealed class RandomOptimizerTests
{
    private const int N = 3000;

    private static readonly StudyResult Result = HpoRegistry.Build("random", new HPSpace[]
        {
            new RangeHP("x", -2, 3),
            new LogRangeHP("lr", 1e-5, 1e-1),
            new IntRangeHP("n", 1, 6),
            new IntRangeHP("batch", 1, 1024, log: true),
            new ChoiceHP("c", "a", "b", "c", "d"),
        }, (_, _) => 0.0)
        .Optimize(options: new StudyOptions { Seed = 11, MaxEvaluations = N });

    [Fact]
    public void RealRangesAreUniform()
    {
        var d = Stats.KolmogorovSmirnov(Values<double>("x"), x => (x + 2) / 5);
        Assert.True(d < Stats.KsCritical01(N), $"KS statistic {d}");
    }

    [Fact]
    public void LogRangesAreLogUniform()
    {
        var d = Stats.KolmogorovSmirnov(Values<double>("lr"), x => (Math.Log10(x) + 5) / 4);
        Assert.True(d < Stats.KsCritical01(N), $"KS statistic {d}");
        Assert.True(Stats.KolmogorovSmirnov(Values<double>("lr"), x => (x - 1e-5) / (1e-1 - 1e-5)) > 0.5, "a log range must not be uniform on the linear scale");
    }

    [Fact]
    public void IntegersAndChoicesAreEquallyLikelyAndAllReached()
    {
        var integers = Values<int>("n").GroupBy(v => v).OrderBy(g => g.Key).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], integers.Select(g => g.Key));
        Assert.True(Stats.ChiSquareUniform([.. integers.Select(g => g.Count())]) < 15.09, "chi-square, 5 degrees of freedom, 1% level");
        var choices = Values<string>("c").GroupBy(v => v).OrderBy(g => g.Key).ToList();
        Assert.Equal(["a", "b", "c", "d"], choices.Select(g => g.Key));
        Assert.True(Stats.ChiSquareUniform([.. choices.Select(g => g.Count())]) < 11.34, "chi-square, 3 degrees of freedom, 1% level");
    }

    [Fact]
    public void LogIntegersAreLogUniformOverTheirCells()
    {
        // Octave bins [1], [2, 3], [4, 7], ..., [512, 1023], [1024]: each bin's probability is its share of the log scale from 0.5 to 1024.5.
        var bins = Enumerable.Range(0, 11).Select(k => (Low: 1 << k, High: k == 10 ? 1024 : (2 << k) - 1)).ToList();
        var counts = bins.Select(b => Values<int>("batch").Count(v => v >= b.Low && v <= b.High)).ToList();
        var z = Math.Log(1024.5 / 0.5);
        var chiSquare = bins.Select((b, i) =>
        {
            var expected = N * Math.Log((b.High + 0.5) / (b.Low - 0.5)) / z;
            return (counts[i] - expected) * (counts[i] - expected) / expected;
        }).Sum();
        Assert.True(chiSquare < 23.21, $"chi-square {chiSquare}, 10 degrees of freedom, 1% level");
    }

    private static IEnumerable<T> Values<T>(string name) => Result.Trials.Select(t => Result.HyperParametersOf(t).Get<T>(name));
}
