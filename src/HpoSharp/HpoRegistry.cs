using System.Collections.Concurrent;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp;

/// <summary>
/// Builds optimizers by name, as the seed's <c>build_hpo_from_name("tpe", hp_space, f)</c>. Names are
/// case-insensitive; users can register their own.
/// </summary>
public static class HpoRegistry
{
    private static readonly ConcurrentDictionary<string, Func<SearchSpace, OptimizerOptions?, BaseHPOptimizer>> Factories = new(StringComparer.OrdinalIgnoreCase);

    static HpoRegistry()
    {
        Register<RandomOptions>("random", (space, options) => new RandomOptimizer(space, options));
        Register<GridOptions>("grid", (space, options) => new GridOptimizer(space, options));
        Register<QuasiOptions>("quasi", (space, options) => new QuasiOptimizer(space, options));
        Register<TpeOptions>("tpe", (space, options) => new TpeOptimizer(space, options));
        Register<AnnealOptions>("anneal", (space, options) => new AnnealOptimizer(space, options));
        Register<CmaEsOptions>("cmaes", (space, options) => new CmaEsOptimizer(space, options));
        Register<MoCmaEsOptions>("mocmaes", (space, options) => new MoCmaEsOptimizer(space, options));
        Register<BayesOptions>("bayes", (space, options) => new BayesOptimizer(space, options));
    }

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Factories.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Registers (or replaces) the optimizer built by <paramref name="factory"/> under <paramref name="name"/>.</summary>
    /// <typeparam name="TOptions">The algorithm's options class; options of another type are refused when building.</typeparam>
    public static void Register<TOptions>(string name, Func<SearchSpace, TOptions?, BaseHPOptimizer> factory)
        where TOptions : OptimizerOptions
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Factories[name] = (space, options) => options is null or TOptions
            ? factory(space, (TOptions?)options)
            : throw new ArgumentException($"Optimizer '{name}' takes {typeof(TOptions).Name}, not {options.GetType().Name}.", nameof(options));
    }

    /// <summary>Builds the optimizer named <paramref name="name"/> over <paramref name="space"/> with the seed's form of objective.</summary>
    public static BaseHPOptimizer Build(string name, IEnumerable<HPSpace> space, Func<HyperParameters, object?, double> objective, OptimizerOptions? options = null) =>
        Build(name, space, Objective.Create(objective), options);

    /// <summary>Builds the optimizer named <paramref name="name"/> over <paramref name="space"/>, with an optional objective and options.</summary>
    /// <param name="name">A registered name (case-insensitive, see <see cref="Names"/>): grid, random, quasi, tpe, anneal, bayes, cmaes, mocmaes, or one registered by the user.</param>
    /// <param name="space">The search space: a list of parameters or a <see cref="SearchSpace"/>.</param>
    /// <param name="objective">The objective <c>Optimize</c> will run, or null for ask and tell.</param>
    /// <param name="options">The algorithm's options (e.g. <see cref="GridOptions"/>), or null for its defaults.</param>
    public static BaseHPOptimizer Build(string name, IEnumerable<HPSpace> space, Objective? objective = null, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(space);
        if (!Factories.TryGetValue(name, out var factory))
        {
            throw new ArgumentException($"Unknown optimizer '{name}'. Known optimizers: {string.Join(", ", Names)}.", nameof(name));
        }

        options?.Validate();
        var optimizer = factory(space as SearchSpace ?? new SearchSpace(space), options);
        optimizer.Objective = objective;
        return optimizer;
    }
}
