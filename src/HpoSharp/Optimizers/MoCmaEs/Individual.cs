namespace HpoSharp.Optimizers;

/// <summary>A member of the MO-CMA-ES population: the trial that evaluated it, its sample and objective values, and its strategy.</summary>
internal sealed class Individual
{
    /// <summary>Creates an individual.</summary>
    /// <param name="number">The number of the trial that evaluated it.</param>
    /// <param name="sample">Its Gaussian coordinates, then its categorical choices.</param>
    /// <param name="objectives">Its objective values, higher is better.</param>
    /// <param name="strategy">Its (1+1)-CMA-ES strategy parameters.</param>
    public Individual(int number, double[] sample, double[] objectives, ElitistStrategy strategy)
    {
        Number = number;
        Sample = sample;
        Objectives = objectives;
        Strategy = strategy;
    }

    /// <summary>The number of the trial that evaluated it (also its age: smaller is older).</summary>
    public int Number { get; }

    /// <summary>Its Gaussian coordinates, then its categorical choices.</summary>
    public double[] Sample { get; }

    /// <summary>Its objective values, higher is better.</summary>
    public double[] Objectives { get; }

    /// <summary>Its strategy parameters.</summary>
    public ElitistStrategy Strategy { get; set; }

    /// <summary>A copy (sharing the immutable strategy).</summary>
    public Individual Clone() => new(Number, Sample, Objectives, Strategy);
}
