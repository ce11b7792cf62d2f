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

    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var (a, b) = (1 - x[0], x[1] - (x[0] * x[0]));
        g[0] = (-2 * a) - (400 * x[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }
}
