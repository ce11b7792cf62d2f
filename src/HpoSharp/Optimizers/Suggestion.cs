namespace HpoSharp.Optimizers;

/// <summary>
/// What an optimizer proposes for the next trial: an encoded configuration (one value per dimension; inactive ones
/// may hold anything, the study sets them to NaN) and optional attributes to store on the trial.
/// </summary>
public sealed class Suggestion
{
    /// <summary>Proposes <paramref name="parameters"/>.</summary>
    public Suggestion(double[] parameters)
    {
        Params = parameters ?? throw new ArgumentNullException(nameof(parameters));
    }

    /// <summary>The encoded configuration.</summary>
    public double[] Params { get; }

    /// <summary>Attributes the optimizer wants kept on the trial (they reach <see cref="Trials.Trial.SystemAttributes"/>).</summary>
    public Dictionary<string, object> SystemAttributes { get; } = [];

    /// <summary>Proposes an encoded configuration.</summary>
    public static implicit operator Suggestion(double[] parameters) => new(parameters);
}
