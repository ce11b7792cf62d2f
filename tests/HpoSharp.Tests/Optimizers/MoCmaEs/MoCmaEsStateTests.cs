using System.Collections.Immutable;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Tests.Optimizers.CmaEs;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

public sealed class MoCmaEsStateTests
{
    private static readonly double[] Centre = [0.5, 0.5];

    [Fact]
    public void AnOffspringWhoseParentDiedInheritsTheStrategyTheParentHadWhenItDied()
    {
        // μ = 2, minimising: 0 and 1 fill the population; 0's offspring 2 fails, so 0's step size shrinks; 3 replaces 0;
        // then 0's late offspring 4 finishes, the best so far.
        var (state, setup) = NewState(populationSize: 2);
        var p = setup.Parameters;
        state.Advance([Evaluated(0, parent: -1, value: 5)]);
        state.Advance([Evaluated(1, parent: -1, value: 4)]);
        state.Advance([Evaluated(2, parent: 0, value: 10, step: [1, 0])]);
        var shrunk = setup.NewStrategy().AfterOffspring(false, p);
        Assert.Equal([0, 1], state.Population.Select(i => i.Number));
        Assert.Equal(shrunk.Sigma, state.Population[0].Strategy.Sigma);
        Assert.True(shrunk.Sigma < setup.Options.InitialStepSize);

        state.Advance([Evaluated(3, parent: 1, value: 3, step: [0, 1])]);
        Assert.Equal([1, 3], state.Population.Select(i => i.Number));

        state.Advance([Evaluated(4, parent: 0, value: 1, step: [0.5, 0.5])]);
        Assert.Equal([3, 4], state.Population.Select(i => i.Number));
        var expected = shrunk.AfterSuccess([0.5, 0.5], p);
        Assert.Equal((expected.Sigma, expected.SuccessProbability), (state.Population[1].Strategy.Sigma, state.Population[1].Strategy.SuccessProbability));
    }

    [Fact]
    public void AnOffspringThatTakesItsParentsPlaceIsASuccess()
    {
        // Equal to its parent, the offspring wins as the younger and its parent leaves.
        var (state, setup) = NewState(populationSize: 2);
        state.Advance([Evaluated(0, parent: -1, value: 1)]);
        state.Advance([Evaluated(1, parent: -1, value: 5)]);
        state.Advance([Evaluated(2, parent: 1, value: 5, step: [1, -1])]);

        Assert.Equal([0, 2], state.Population.Select(i => i.Number));
        var strategy = state.Population[1].Strategy;
        Assert.True(strategy.SuccessProbability > setup.Parameters.TargetSuccess);
        Assert.Equal(setup.NewStrategy().AfterSuccess([1, -1], setup.Parameters).Sigma, strategy.Sigma);
    }

    [Fact]
    public void ASuccessfulOffspringLearnsItsStepInTheCovarianceItInherited()
    {
        // As above, the offspring takes its parent's place; its step (1, -1) stretches C along that direction.
        var (state, setup) = NewState(populationSize: 2);
        state.Advance([Evaluated(0, parent: -1, value: 1)]);
        state.Advance([Evaluated(1, parent: -1, value: 5)]);
        state.Advance([Evaluated(2, parent: 1, value: 5, step: [1, -1])]);

        var strategy = state.Population[1].Strategy;
        var expected = setup.NewStrategy().AfterSuccess([1, -1], setup.Parameters);
        Assert.Equal(expected.Deviation(0), strategy.Deviation(0), 15);
        Assert.Equal(expected.Length([1, -1]), strategy.Length([1, -1]), 15);
        Assert.True(strategy.Length([1, -1]) < strategy.Length([1, 1]));
    }

    [Theory]
    [InlineData(MoCmaEsSuccess.BeatsParent, false)]
    [InlineData(MoCmaEsSuccess.Selected, true)]
    public void AnOffspringSelectedBehindItsParentIsASuccessOnlyWhenEverySelectedOneIs(MoCmaEsSuccess rule, bool success)
    {
        // The offspring (4) beats the other member (5) but not its parent (3).
        var (state, setup) = NewState(populationSize: 2, rule);
        var p = setup.Parameters;
        state.Advance([Evaluated(0, parent: -1, value: 5)]);
        state.Advance([Evaluated(1, parent: -1, value: 3)]);
        state.Advance([Evaluated(2, parent: 1, value: 4, step: [1, 0])]);

        Assert.Equal([1, 2], state.Population.Select(i => i.Number));
        var fresh = setup.NewStrategy();
        Assert.Equal(fresh.AfterOffspring(success, p).Sigma, state.Population[0].Strategy.Sigma);
        Assert.Equal((success ? fresh.AfterSuccess([1, 0], p) : fresh).Sigma, state.Population[1].Strategy.Sigma);
    }

    [Theory]
    [InlineData(MoCmaEsSuccess.BeatsParent, false)]
    [InlineData(MoCmaEsSuccess.Selected, true)]
    public void AnOffspringSelectedOnItsParentsLevelIsASuccessOnlyWhenEverySelectedOneIs(MoCmaEsSuccess rule, bool success)
    {
        // Minimising both: the offspring (5, 1) and its parent (1, 5) trade off, and the offspring dominates the other member (6, 6).
        var options = new MoCmaEsOptions { PopulationSize = 2, Success = rule };
        var setup = new MoCmaEsSetup(new CmaCoordinates(TestFunctions.Box(2, 0, 1)), options, new TrialHistory([], [Direction.Minimize, Direction.Minimize]));
        var state = new MoCmaEsState(setup);
        state.Advance([Evaluated(0, parent: -1, values: [1, 5])]);
        state.Advance([Evaluated(1, parent: -1, values: [6, 6])]);
        state.Advance([Evaluated(2, parent: 0, values: [5, 1], step: [1, 0])]);

        Assert.Equal([0, 2], state.Population.Select(i => i.Number));
        var fresh = setup.NewStrategy();
        Assert.Equal(fresh.AfterOffspring(success, setup.Parameters).Sigma, state.Population[0].Strategy.Sigma);
        Assert.Equal((success ? fresh.AfterSuccess([1, 0], setup.Parameters) : fresh).Sigma, state.Population[1].Strategy.Sigma);
    }

    [Theory]
    [InlineData(MoCmaEsSuccess.BeatsParent)]
    [InlineData(MoCmaEsSuccess.Selected)]
    public void AnOffspringThatIsNotSelectedIsAFailureUnderEitherRule(MoCmaEsSuccess rule)
    {
        // Minimising: the offspring (10) of member 0 (1) is worse than both members and leaves at once.
        var (state, setup) = NewState(populationSize: 2, rule);
        state.Advance([Evaluated(0, parent: -1, value: 1)]);
        state.Advance([Evaluated(1, parent: -1, value: 3)]);
        state.Advance([Evaluated(2, parent: 0, value: 10, step: [1, 0])]);

        Assert.Equal([0, 1], state.Population.Select(i => i.Number));
        var fresh = setup.NewStrategy();
        Assert.Equal(fresh.AfterOffspring(false, setup.Parameters).Sigma, state.Population[0].Strategy.Sigma);
        Assert.Equal(fresh.Sigma, state.Population[1].Strategy.Sigma);
    }

    [Fact]
    public void ParentsAreDrawnByATournamentAmongTheNonDominatedMembers()
    {
        // Minimising both: (1, 5) and (5, 1) are extremes, (2.5, 2.5) is on the front but best in neither objective, so it
        // wins a tournament only against itself (1 draw in 9); (6, 6) is dominated and never drawn.
        var options = new MoCmaEsOptions { PopulationSize = 4 };
        var setup = new MoCmaEsSetup(new CmaCoordinates(TestFunctions.Box(2, 0, 1)), options, new TrialHistory([], [Direction.Minimize, Direction.Minimize]));
        var state = new MoCmaEsState(setup);
        state.Advance([Evaluated(0, parent: -1, values: [1, 5])]);
        state.Advance([Evaluated(1, parent: -1, values: [6, 6])]);
        state.Advance([Evaluated(2, parent: -1, values: [2.5, 2.5])]);
        state.Advance([Evaluated(3, parent: -1, values: [5, 1])]);

        var rng = new RandomStream(3);
        var parents = Enumerable.Range(0, 900).Select(_ => state.ChooseParent(rng).Number).ToArray();
        Assert.DoesNotContain(1, parents);
        Assert.InRange(parents.Count(n => n == 2), 60, 140);
        Assert.InRange(parents.Count(n => n == 0), 300, 500);
        Assert.InRange(parents.Count(n => n == 3), 300, 500);
    }

    [Fact]
    public void AnIntegerThatATinyStepLeavesOnItsParentsLevelIsPushedToANeighbouringOneAtTheMarginsRate()
    {
        // σ = 1e-6 of a range of 101 levels: no Gaussian step leaves level 50, so every move is a push, with probability
        // α = 1 - 0.73 = 0.27 for one discrete coordinate: 270 ± 14 of 1000, half of them down.
        var (setup, offspring) = OffspringOfALevelledParent(level: 50, count: 1000);
        var moves = offspring.Select(o => setup.Coordinates.Level(0, o.Sample[0]) - 50).ToArray();
        Assert.All(moves, m => Assert.InRange(m, -1, 1));
        Assert.InRange(moves.Count(m => m != 0), 225, 315);
        Assert.InRange(moves.Count(m => m > 0), 0.4 * moves.Count(m => m != 0), 0.6 * moves.Count(m => m != 0));

        // From the lowest level, every push goes up.
        var (_, fromBottom) = OffspringOfALevelledParent(level: 0, count: 200);
        Assert.All(fromBottom, o => Assert.InRange(setup.Coordinates.Level(0, o.Sample[0]), 0, 1));
        Assert.Contains(fromBottom, o => setup.Coordinates.Level(0, o.Sample[0]) == 1);
    }

    [Fact]
    public void TheStepAnOffspringLearnsFromIsShortenedToTheLongestAnUpdateUses()
    {
        // A push moves ~1/100 with σ = 1e-6: a step of ~1e4 σ, shortened to √2 + 1 in the direction of the move.
        var (setup, offspring) = OffspringOfALevelledParent(level: 50, count: 1000);
        var longest = setup.Parameters.MaxStepLength;
        Assert.Equal(Math.Sqrt(2) + 1, longest, 12);
        Assert.All(offspring, o => Assert.True(Length(o.Step) <= longest + 1e-12, $"a step of length {Length(o.Step)}"));
        var pushed = offspring.Where(o => setup.Coordinates.Level(0, o.Sample[0]) != 50).ToArray();
        Assert.NotEmpty(pushed);
        Assert.All(pushed, o =>
        {
            Assert.Equal(longest, Length(o.Step), 9);
            Assert.Equal(Math.Sign(o.Sample[0] - o.Parent[0]), Math.Sign(o.Step[0]));
        });
    }

    private static (MoCmaEsState State, MoCmaEsSetup Setup) NewState(int populationSize, MoCmaEsSuccess rule = MoCmaEsSuccess.BeatsParent)
    {
        var options = new MoCmaEsOptions { PopulationSize = populationSize, Success = rule };
        var setup = new MoCmaEsSetup(new CmaCoordinates(TestFunctions.Box(2, 0, 1)), options, new TrialHistory([], [Direction.Minimize]));
        return (new MoCmaEsState(setup), setup);
    }

    /// <summary>A complete trial that the strategy suggested, at the centre of the box, with its parent and step.</summary>
    private static Trial Evaluated(int number, long parent, double value, double[]? step = null) => Evaluated(number, parent, [value], step);

    /// <summary>A complete trial that the strategy suggested, at the centre of the box, with its values, parent and step.</summary>
    private static Trial Evaluated(int number, long parent, double[] values, double[]? step = null) => new()
    {
        Number = number,
        State = TrialState.Complete,
        Values = [.. values],
        SystemAttributes = ImmutableDictionary<string, object>.Empty
            .Add(MoCmaEsOptimizer.ParentAttribute, parent)
            .Add(MoCmaEsOptimizer.SampleAttribute, ImmutableArray.Create(Centre))
            .Add(MoCmaEsOptimizer.StepAttribute, ImmutableArray.Create(step ?? [])),
    };

    /// <summary>
    /// <paramref name="count"/> offspring, with a fixed seed, of a parent with a new strategy of step size 1e-6 on level
    /// <paramref name="level"/> of an integer from 0 to 100 and in the middle of a real range.
    /// </summary>
    private static (MoCmaEsSetup Setup, (double[] Parent, double[] Sample, double[] Step)[] Offspring) OffspringOfALevelledParent(int level, int count)
    {
        SearchSpace space = [new IntRangeHP("k", 0, 100), new RangeHP("x", 0, 1)];
        var setup = new MoCmaEsSetup(new CmaCoordinates(space), new MoCmaEsOptions { InitialStepSize = 1e-6 }, new TrialHistory([], [Direction.Minimize]));
        var state = new MoCmaEsState(setup);
        var parent = new Individual(0, [setup.Coordinates.Position(0, level), 0.5], [0.0], setup.NewStrategy());
        var rng = new RandomStream(1);
        var offspring = Enumerable.Range(0, count).Select(_ => state.Offspring(parent, rng)).Select(o => (parent.Sample, o.Sample, o.Step)).ToArray();
        return (setup, offspring);
    }

    private static double Length(double[] step) => Math.Sqrt(step.Sum(s => s * s));
}
