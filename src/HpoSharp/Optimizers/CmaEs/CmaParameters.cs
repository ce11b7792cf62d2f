namespace HpoSharp.Optimizers;

/// <summary>
/// The strategy parameters of one CMA-ES run, from Hansen's tutorial (2016, Table 1 and eqs. 48-58): recombination weights
/// (positive for the better half, negative "active" ones for the worse half), learning rates and damping for n Gaussian
/// coordinates and a population of λ; and the margin of CatCMA with Margin (Hamano et al., 2025) for the discrete and
/// categorical coordinates.
/// </summary>
internal sealed class CmaParameters
{
    /// <summary>Computes the parameters.</summary>
    /// <param name="gaussian">The number of Gaussian coordinates.</param>
    /// <param name="discrete">How many of them are discrete.</param>
    /// <param name="categorical">The number of categorical coordinates.</param>
    /// <param name="lambda">The population size, at least 2.</param>
    /// <param name="separable">
    /// Whether C is kept diagonal, as in sep-CMA-ES (Ros and Hansen, 2008), whose n variances are learnt with rates
    /// (n + 2)/3 times larger. The other constants come from the full strategy's formulas, active negative weights
    /// included, not from the 2008 paper's (positive weights only, c_c = 4/(n + 4)), which the cmaes package behind
    /// Optuna's sampler keeps.
    /// </param>
    public CmaParameters(int gaussian, int discrete, int categorical, int lambda, bool separable = false)
    {
        Lambda = lambda;
        Mu = lambda / 2;
        var raw = Enumerable.Range(0, lambda).Select(i => Math.Log((lambda + 1) / 2.0) - Math.Log(i + 1)).ToArray();
        var positive = raw.Take(Mu).Sum();
        MuEff = positive * positive / raw.Take(Mu).Sum(w => w * w);
        var negative = raw.Skip(Mu).Sum();
        var muEffMinus = Mu < lambda ? negative * negative / raw.Skip(Mu).Sum(w => w * w) : 0;

        var n = Math.Max(1, gaussian);
        Dimension = gaussian;
        var speedUp = separable ? (n + 2) / 3.0 : 1;
        C1 = speedUp * 2 / (((n + 1.3) * (n + 1.3)) + MuEff);
        CMu = Math.Min(1 - C1 - 1e-8, speedUp * 2 * (MuEff - 2 + (1 / MuEff)) / (((n + 2.0) * (n + 2.0)) + MuEff));
        var alphaMinus = Math.Min(1 + (C1 / CMu), Math.Min(1 + (2 * muEffMinus / (MuEff + 2)), (1 - C1 - CMu) / (n * CMu)));
        var negativeTotal = raw.Skip(Mu).Where(w => w < 0).Sum(w => -w);
        Weights = [.. raw.Select(w => w >= 0 ? w / positive : alphaMinus * w / negativeTotal)];

        CSigma = (MuEff + 2) / (n + MuEff + 5);
        DSigma = 1 + (2 * Math.Max(0, Math.Sqrt((MuEff - 1) / (n + 1)) - 1)) + CSigma;
        Cc = (4 + (MuEff / n)) / (n + 4 + (2 * MuEff / n));
        ChiN = Math.Sqrt(n) * (1 - (1 / (4.0 * n)) + (1 / (21.0 * n * n)));
        EigenInterval = Math.Max(1, (int)Math.Floor(1 / (10 * n * (C1 + CMu))));

        var marginal = discrete + categorical;
        Margin = marginal == 0 ? 0 : 1 - Math.Pow(0.73, 1.0 / marginal);
    }

    /// <summary>The population size λ.</summary>
    public int Lambda { get; }

    /// <summary>The number of parents μ = ⌊λ/2⌋, those with positive weights.</summary>
    public int Mu { get; }

    /// <summary>The variance-effective selection mass of the positive weights.</summary>
    public double MuEff { get; }

    /// <summary>The number of Gaussian coordinates n.</summary>
    public int Dimension { get; }

    /// <summary>The weights, best first: positive ones summing to 1, negative ones scaled so that C stays positive definite.</summary>
    public double[] Weights { get; }

    /// <summary>The learning rate of the rank-one update.</summary>
    public double C1 { get; }

    /// <summary>The learning rate of the rank-μ update.</summary>
    public double CMu { get; }

    /// <summary>The cumulation rate of the step-size path.</summary>
    public double CSigma { get; }

    /// <summary>The damping of the step-size update.</summary>
    public double DSigma { get; }

    /// <summary>The cumulation rate of the rank-one path.</summary>
    public double Cc { get; }

    /// <summary>E‖N(0, I)‖, approximated.</summary>
    public double ChiN { get; }

    /// <summary>Generations between eigendecompositions: max(1, ⌊1 / (10 n (c1 + cμ))⌋).</summary>
    public int EigenInterval { get; }

    /// <summary>The margin α = 1 - 0.73^(1 / (discrete + categorical coordinates)): the least probability of leaving a level.</summary>
    public double Margin { get; }
}
