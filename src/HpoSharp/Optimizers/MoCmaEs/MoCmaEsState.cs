using System.Collections.Immutable;
using HpoSharp.Numerics;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The population of the steady-state (μ+1)-MO-CMA-ES as the replay of its history leaves it. The first μ complete
/// trials fill it with default strategies. Every later complete trial is an offspring (or an immigrant with a default
/// strategy: a random start-up point that finished late, or a trial this strategy did not suggest, such as an enqueued
/// or added one, whose inactive coordinates take the centre and first choices) that competes with the population: the
/// worst of the μ + 1 by the <see cref="SelectionOrder"/> leaves. Whether the offspring is a success depends on
/// <see cref="MoCmaEsOptions.Success"/>: a successful offspring adapts the strategy it inherited (step size, path,
/// covariance), and a surviving parent adapts its step size to the success or failure of its offspring.
/// </summary>
internal sealed class MoCmaEsState : IGenerationState<MoCmaEsState>
{
    private readonly MoCmaEsSetup _setup;
    private readonly List<Individual> _population;
    private readonly Dictionary<int, ElitistStrategy> _graveyard;
    private readonly Queue<int> _burials;

    /// <summary>The empty population.</summary>
    public MoCmaEsState(MoCmaEsSetup setup)
    {
        _setup = setup;
        _population = [];
        _graveyard = [];
        _burials = new();
    }

    private MoCmaEsState(MoCmaEsState other)
    {
        _setup = other._setup;
        _population = [.. other._population.Select(i => i.Clone())];
        _graveyard = new Dictionary<int, ElitistStrategy>(other._graveyard);
        _burials = new Queue<int>(other._burials);
    }

    /// <summary>The population, oldest first.</summary>
    public IReadOnlyList<Individual> Population => _population;

    /// <summary>Whether the population has its μ members, so that offspring can be bred.</summary>
    public bool IsFull => _population.Count >= _setup.Options.PopulationSize;

    /// <inheritdoc/>
    public int Needed => 1;

    /// <inheritdoc/>
    public bool Admit(Trial trial) => true;

    /// <inheritdoc/>
    public MoCmaEsState Clone() => new(this);

    /// <summary>
    /// A parent chosen by a binary tournament among the non-dominated members (after Loshchilov, Schoenauer and Sebag,
    /// 2011): of two drawn uniformly, with replacement, the one first in the <see cref="SelectionOrder"/>, so that
    /// breeding favours the extremes of the front and the members that add the most hypervolume.
    /// </summary>
    public Individual ChooseParent(RandomStream rng)
    {
        var order = new SelectionOrder([.. _population.Select(i => i.Objectives)], [.. _population.Select(i => i.Number)]);
        var front = Enumerable.Range(0, _population.Count).Where(i => order.Ranks[i] == 0).ToArray();
        var (a, b) = (front[rng.NextInt(front.Length)], front[rng.NextInt(front.Length)]);
        return _population[order.Better(b, a) ? b : a];
    }

    /// <inheritdoc/>
    public void Advance(IReadOnlyList<Trial> members)
    {
        var trial = members[0];
        var ours = MoCmaEsSetup.IsOurs(trial, _setup.Coordinates.SampleLength);
        var sample = ours ? MoCmaEsSetup.Values(trial, MoCmaEsOptimizer.SampleAttribute) : _setup.Coordinates.Encode(trial.Params.AsSpan(), _setup.Centre);
        var objectives = Enumerable.Range(0, _setup.History.Directions.Count).Select(k => _setup.History.Perf(trial, k)).ToArray();
        var parentNumber = ours ? (int)(long)trial.SystemAttributes[MoCmaEsOptimizer.ParentAttribute] : -1;
        if (!IsFull)
        {
            _population.Add(new Individual(trial.Number, sample, objectives, _setup.NewStrategy()));
            return;
        }

        var parent = _population.Find(i => i.Number == parentNumber);
        var inherited = parent?.Strategy ?? (_graveyard.TryGetValue(parentNumber, out var buried) ? buried : _setup.NewStrategy());
        var newcomer = new Individual(trial.Number, sample, objectives, inherited);
        var candidates = _population.Append(newcomer).ToArray();
        var order = new SelectionOrder([.. candidates.Select(c => c.Objectives)], [.. candidates.Select(c => c.Number)]);
        var drop = order.Worst();
        var mu = _population.Count;
        var parentIndex = parent is null ? -1 : _population.IndexOf(parent);
        var success = parentNumber >= 0 && drop != mu
            && (parent is null || _setup.Options.Success == MoCmaEsSuccess.Selected || drop == parentIndex || order.Ranks[mu] < order.Ranks[parentIndex]);
        if (success)
        {
            newcomer.Strategy = inherited.AfterSuccess(MoCmaEsSetup.Values(trial, MoCmaEsOptimizer.StepAttribute), _setup.Parameters);
        }

        if (parent is not null && drop != parentIndex)
        {
            parent.Strategy = parent.Strategy.AfterOffspring(success, _setup.Parameters);
        }

        if (drop != mu)
        {
            Bury(_population[drop]);
            _population.RemoveAt(drop);
            _population.Add(newcomer);
        }
    }

    /// <summary>
    /// An offspring of <paramref name="parent"/>: its sample and the step the strategy learns from. The Gaussian coordinates
    /// move by σ A z; continuous ones are repaired onto [0, 1]; a discrete coordinate that stays on its parent's level is
    /// pushed to a neighbouring level often enough that it leaves with probability at least α, as the margin does in
    /// <c>cmaes</c>; each categorical coordinate switches to another choice with probability α. The step is
    /// (offspring - parent) / σ, shortened to the longest Mahalanobis length an update uses.
    /// </summary>
    public (double[] Sample, double[] Step) Offspring(Individual parent, RandomStream rng)
    {
        var coordinates = _setup.Coordinates;
        var n = coordinates.GaussianCount;
        var alpha = _setup.Margin;
        var strategy = parent.Strategy;
        var sample = (double[])parent.Sample.Clone();
        var y = strategy.Step(rng);
        for (var g = 0; g < n; g++)
        {
            sample[g] = parent.Sample[g] + (strategy.Sigma * y[g]);
            if (!coordinates.IsDiscrete(g))
            {
                sample[g] = Math.Clamp(sample[g], 0, 1);
            }
            else if (ForcesMove(g, parent.Sample[g], sample[g], strategy.Deviation(g), alpha, rng) is { } level)
            {
                sample[g] = coordinates.Position(g, level);
            }
        }

        for (var c = 0; c < coordinates.CategoricalCount; c++)
        {
            var choices = coordinates.CategoryCounts[c];
            if (rng.NextDouble() < alpha)
            {
                var other = rng.NextInt(choices - 1);
                sample[n + c] = other >= sample[n + c] ? other + 1 : other;
            }
        }

        var step = new double[n];
        for (var g = 0; g < n; g++)
        {
            step[g] = (sample[g] - parent.Sample[g]) / strategy.Sigma;
        }

        var length = strategy.Length(step);
        if (length > _setup.Parameters.MaxStepLength)
        {
            for (var g = 0; g < n; g++)
            {
                step[g] *= _setup.Parameters.MaxStepLength / length;
            }
        }

        return (sample, step);
    }

    /// <summary>
    /// The neighbouring level to move discrete coordinate <paramref name="g"/> to, when the sample stayed on the parent's
    /// level and the chance of leaving it is below <paramref name="alpha"/>; null otherwise.
    /// </summary>
    private double? ForcesMove(int g, double from, double to, double deviation, double alpha, RandomStream rng)
    {
        var coordinates = _setup.Coordinates;
        var level = coordinates.Level(g, from);
        var top = coordinates.LevelCount(g) - 1;
        var draw = rng.NextDouble();
        var side = rng.NextDouble();
        if (coordinates.Level(g, to) != level)
        {
            return null;
        }

        var leave = 0.0;
        if (deviation > 0)
        {
            leave += level > 0 ? StandardNormal.Cdf((coordinates.Threshold(g, level - 1) - from) / deviation) : 0;
            leave += level < top ? 1 - StandardNormal.Cdf((coordinates.Threshold(g, level) - from) / deviation) : 0;
        }

        if (leave >= alpha || draw >= (alpha - leave) / (1 - leave))
        {
            return null;
        }

        return level == 0 ? 1 : level == top ? top - 1 : side < 0.5 ? level - 1 : level + 1;
    }

    /// <summary>Keeps a dead individual's strategy for its offspring still to come, up to 4μ of the most recent.</summary>
    private void Bury(Individual dead)
    {
        _graveyard[dead.Number] = dead.Strategy;
        _burials.Enqueue(dead.Number);
        if (_burials.Count > 4 * _setup.Options.PopulationSize)
        {
            _graveyard.Remove(_burials.Dequeue());
        }
    }
}
