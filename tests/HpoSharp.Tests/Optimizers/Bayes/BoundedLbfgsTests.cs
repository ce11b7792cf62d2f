using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class BoundedLbfgsTests
{
    [Fact]
    public void MinimisesRosenbrockInsideWideBounds()
    {
        var (x, value, _) = new BoundedLbfgs { GradientTolerance = 1e-8, MaxIterations = 500 }.Minimize(Rosenbrock, [-1.2, 1], [-5, -5], [5, 5]);

        Assert.Equal(1, x[0], 5);
        Assert.Equal(1, x[1], 5);
        Assert.True(value < 1e-10);
    }

    [Fact]
    public void StopsAtTheBoundWhenTheOptimumIsOutside()
    {
        // The unconstrained minimum (1, 1) is outside x0 <= 0.5; the constrained one is (0.5, 0.25).
        var (x, _, _) = new BoundedLbfgs { GradientTolerance = 1e-9, MaxIterations = 500 }.Minimize(Rosenbrock, [-1, 2], [-2, -2], [0.5, 2]);

        Assert.Equal(0.5, x[0], 9);
        Assert.Equal(0.25, x[1], 5);
    }

    [Fact]
    public void NeverLeavesTheBoxAndNeverWorsensTheStart()
    {
        double Tilted(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = -1;
            g[1] = 2 * (x[1] - 3);
            return -x[0] + ((x[1] - 3) * (x[1] - 3));
        }

        var (x, value, _) = new BoundedLbfgs().Minimize(Tilted, [0.2, 0.2], [0, 0], [1, 1]);

        Assert.Equal([1, 1], x);
        Assert.Equal(-1 + 4, value);
    }

    /// <summary>
    /// Solutions of scipy 1.10.1 <c>minimize(method="L-BFGS-B", jac=True, options={"gtol": 1e-12, "ftol": 1e-15})</c> from the
    /// same start in the same box: a local minimum of Rosenbrock on an active bound, the 4-D chained Rosenbrock with one
    /// active bound, and a coupled quadratic whose unconstrained minimum (0, 0.3, -1) lies on two bounds.
    /// </summary>
    public static TheoryData<string, double[], double[], double[], double[], double> ScipySolutions() => new()
    {
        { "rosenbrock", [-1.2, 1], [-2, 1.5], [2, 3], [-1.2210262421071016, 1.5], 4.941229317989185 },
        { "rosenbrock", [-1, -1, -1, -1], [-1.5, -1.5, -1.5, -1.5], [0.8, 2, 2, 2], [0.8, 0.650919076484551, 0.42940162778478447, 0.18438575800213025], 0.5026184416097536 },
        { "quadratic", [0.7, -0.5, 0.5], [0, -1, -1], [1, 1, 1], [0, 0.3, -1], 0 },
    };

    [Theory]
    [MemberData(nameof(ScipySolutions))]
    public void FindsTheSolutionOfScipysLbfgsB(string problem, double[] start, double[] lower, double[] upper, double[] expected, double expectedValue)
    {
        BoundedLbfgs.Objective objective = problem == "rosenbrock" ? Rosenbrock : CoupledQuadratic;

        var (x, value, _) = new BoundedLbfgs { GradientTolerance = 1e-10, MaxIterations = 1000 }.Minimize(objective, start, lower, upper);

        for (var i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(x[i] - expected[i]) < 1e-6, $"x{i} = {x[i]:R}, scipy {expected[i]:R}");
        }

        Assert.True(Math.Abs(value - expectedValue) < 1e-9 * Math.Max(1, expectedValue), $"f = {value:R}, scipy {expectedValue:R}");
    }

    /// <summary>The chained Rosenbrock function Σ (1 - x_i)² + 100 (x_(i+1) - x_i²)² and its gradient.</summary>
    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var f = 0.0;
        g.Clear();
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var (a, b) = (1 - x[i], x[i + 1] - (x[i] * x[i]));
            f += (a * a) + (100 * b * b);
            g[i] += (-2 * a) - (400 * x[i] * b);
            g[i + 1] += 200 * b;
        }

        return f;
    }

    /// <summary><c>x0² + x0 (x1 - 0.3) / 2 + 2 (x1 - 0.3)² + 3 (x2 + 1)²</c>, minimal at (0, 0.3, -1), and its gradient.</summary>
    private static double CoupledQuadratic(ReadOnlySpan<double> x, Span<double> g)
    {
        var d = x[1] - 0.3;
        g[0] = (2 * x[0]) + (0.5 * d);
        g[1] = (0.5 * x[0]) + (4 * d);
        g[2] = 6 * (x[2] + 1);
        return (x[0] * x[0]) + (0.5 * x[0] * d) + (2 * d * d) + (3 * (x[2] + 1) * (x[2] + 1));
    }
}
