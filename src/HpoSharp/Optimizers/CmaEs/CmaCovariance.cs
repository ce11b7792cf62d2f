namespace HpoSharp.Optimizers;

/// <summary>
/// The covariance C of a CMA-ES Gaussian with its square root C^(1/2) = B D (eigenvectors B, square roots of the
/// eigenvalues D), as of its last decomposition: a full matrix (<see cref="FullCovariance"/>), or a diagonal one for
/// sep-CMA-ES (<see cref="DiagonalCovariance"/>), whose every operation costs O(n).
/// </summary>
internal abstract class CmaCovariance
{
    /// <summary>
    /// C over <paramref name="n"/> coordinates from <paramref name="entries"/> in the form of <see cref="Entries"/>
    /// (copied; positive definite), or the identity when it is null.
    /// </summary>
    public static CmaCovariance Create(int n, bool diagonal, double[]? entries) =>
        diagonal ? new DiagonalCovariance(n, entries) : new FullCovariance(n, entries);

    /// <summary>C's stored entries: n×n row-major for a full matrix, the n diagonal entries for a diagonal one.</summary>
    public abstract Span<double> Entries { get; }

    /// <summary>The square roots of the eigenvalues of C as of the last decomposition, in increasing order.</summary>
    public abstract ReadOnlySpan<double> AxisLengths { get; }

    /// <summary>The variance C_ii of coordinate <paramref name="i"/>.</summary>
    public abstract double Variance(int i);

    /// <summary>Component <paramref name="i"/> of the eigenvector of length <see cref="AxisLengths"/>[<paramref name="axis"/>].</summary>
    public abstract double AxisEntry(int i, int axis);

    /// <summary>Writes y = B D z for standard normal <paramref name="z"/>, with the last decomposition.</summary>
    public abstract void Transform(ReadOnlySpan<double> z, Span<double> y);

    /// <summary>C^(-1/2) x = B D⁻¹ Bᵀ x, with the last decomposition.</summary>
    public abstract double[] Whiten(ReadOnlySpan<double> x);

    /// <summary>‖C^(-1/2) x‖², with the last decomposition.</summary>
    public abstract double WhitenedNorm2(ReadOnlySpan<double> x);

    /// <summary>
    /// C ← decay C + c₁ p pᵀ + c_μ Σ_k w_k y_k y_kᵀ, the rank-one update along <paramref name="path"/> and the rank-μ
    /// update from <paramref name="steps"/> with <paramref name="weights"/> (a diagonal C takes only the diagonal).
    /// </summary>
    public abstract void Update(double decay, double c1, ReadOnlySpan<double> path, double cMu, ReadOnlySpan<double> weights, double[][] steps);

    /// <summary>Recomputes B and D from C now; non-positive eigenvalues (from rounding) are lifted to a tiny positive floor.</summary>
    public abstract void Decompose();

    /// <summary>Recomputes B and D after an update once <paramref name="interval"/> updates have passed since the last time, or at once when that is cheap.</summary>
    public abstract void DecomposeLazily(int interval);

    /// <summary>C^(-1/2) S C^(-1/2) for a change S of C given by its <see cref="Entries"/>, with the last decomposition.</summary>
    public abstract double[] WhitenChange(ReadOnlySpan<double> change);

    /// <summary>Divides C by s² and D by s, keeping the decomposition.</summary>
    public abstract void Shrink(double s);

    /// <summary>A deep copy.</summary>
    public abstract CmaCovariance Clone();
}
