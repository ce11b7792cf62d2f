namespace HpoSharp.Optimizers;

/// <summary>
/// The Cholesky factor <c>L</c> (lower triangular, row-major, on a flat array) of a symmetric positive definite
/// matrix <c>K = L Lᵀ</c>, and the solves a Gaussian process needs. Rows are contiguous, so every inner loop is a
/// vector dot product or an axpy. When <c>K</c> is not numerically positive definite (duplicate points, a tiny noise),
/// a growing jitter is added to its diagonal until it is.
/// </summary>
internal sealed class CholeskyFactor
{
    private const int MaxJitterAttempts = 12;
    private readonly double[] _l;

    private CholeskyFactor(double[] l, int size, double jitter)
    {
        _l = l;
        Size = size;
        Jitter = jitter;
    }

    /// <summary>The order of the matrix.</summary>
    public int Size { get; }

    /// <summary>What was added to the diagonal to make the factorisation succeed (0 when nothing was).</summary>
    public double Jitter { get; }

    /// <summary>The log-determinant of <c>K</c> (jitter included).</summary>
    public double LogDeterminant
    {
        get
        {
            var sum = 0.0;
            for (var i = 0; i < Size; i++)
            {
                sum += Math.Log(_l[(i * Size) + i]);
            }

            return 2 * sum;
        }
    }

    /// <summary>
    /// Factors the symmetric matrix <paramref name="a"/> (n×n row-major; only its lower triangle is read), adding
    /// a jitter of 1e-10 times its mean diagonal, growing tenfold, while the factorisation fails.
    /// </summary>
    public static CholeskyFactor Factor(ReadOnlySpan<double> a, int n)
    {
        var l = new double[n * n];
        if (TryFactor(a, n, 0, l))
        {
            return new CholeskyFactor(l, n, 0);
        }

        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += Math.Abs(a[(i * n) + i]) / n;
        }

        var jitter = 1e-10 * (meanDiagonal > 0 && double.IsFinite(meanDiagonal) ? meanDiagonal : 1);
        for (var attempt = 0; attempt < MaxJitterAttempts; attempt++, jitter *= 10)
        {
            if (TryFactor(a, n, jitter, l))
            {
                return new CholeskyFactor(l, n, jitter);
            }
        }

        throw new ArithmeticException(FormattableString.Invariant($"The {n}×{n} kernel matrix is not positive definite even with a jitter of {jitter / 10:G3} (it holds non-finite values)."));
    }

    /// <summary>Solves <c>L x = b</c> in place.</summary>
    public void SolveLower(Span<double> b)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var row = _l.AsSpan(i * n, i);
            b[i] = (b[i] - VectorMath.Dot(row, b[..i])) / _l[(i * n) + i];
        }
    }

    /// <summary>Solves <c>Lᵀ x = b</c> in place.</summary>
    public void SolveLowerTransposed(Span<double> b)
    {
        var n = Size;
        for (var i = n - 1; i >= 0; i--)
        {
            b[i] /= _l[(i * n) + i];
            VectorMath.Axpy(-b[i], _l.AsSpan(i * n, i), b[..i]);
        }
    }

    /// <summary>Solves <c>K x = b</c> in place.</summary>
    public void Solve(Span<double> b)
    {
        SolveLower(b);
        SolveLowerTransposed(b);
    }

    /// <summary>
    /// Solves <c>L X = B</c> in place for <paramref name="columns"/> right-hand sides at once, <c>B</c> being n×columns
    /// row-major (row i holds the i-th coordinate of every right-hand side).
    /// </summary>
    public void SolveLowerMany(Span<double> b, int columns)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var target = b.Slice(i * columns, columns);
            for (var k = 0; k < i; k++)
            {
                VectorMath.Axpy(-_l[(i * n) + k], b.Slice(k * columns, columns), target);
            }

            var scale = 1 / _l[(i * n) + i];
            for (var c = 0; c < columns; c++)
            {
                target[c] *= scale;
            }
        }
    }

    /// <summary>The inverse <c>K⁻¹ = L⁻ᵀ L⁻¹</c>, both triangles filled (n×n row-major).</summary>
    public double[] Inverse()
    {
        var n = Size;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            // Row i of L⁻¹: (e_i - sum over k < i of L[i,k] * row k of L⁻¹) / L[i,i].
            var row = m.AsSpan(i * n, i + 1);
            for (var k = 0; k < i; k++)
            {
                VectorMath.Axpy(-_l[(i * n) + k], m.AsSpan(k * n, k + 1), row);
            }

            var scale = 1 / _l[(i * n) + i];
            row[i] = 1;
            for (var j = 0; j <= i; j++)
            {
                row[j] *= scale;
            }
        }

        var inverse = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            // (L⁻ᵀ L⁻¹)[i, j] = sum over k >= max(i, j) of L⁻¹[k, i] * L⁻¹[k, j]; accumulate the lower triangle row by row.
            var mk = m.AsSpan(k * n, k + 1);
            for (var i = 0; i <= k; i++)
            {
                if (mk[i] != 0)
                {
                    VectorMath.Axpy(mk[i], mk[..(i + 1)], inverse.AsSpan(i * n, i + 1));
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                inverse[(j * n) + i] = inverse[(i * n) + j];
            }
        }

        return inverse;
    }

    private static bool TryFactor(ReadOnlySpan<double> a, int n, double jitter, double[] l)
    {
        for (var i = 0; i < n; i++)
        {
            var rowI = l.AsSpan(i * n, n);
            for (var j = 0; j <= i; j++)
            {
                var s = a[(i * n) + j] - VectorMath.Dot(rowI[..j], l.AsSpan(j * n, j));
                if (j < i)
                {
                    rowI[j] = s / l[(j * n) + j];
                }
                else
                {
                    s += jitter;
                    if (!(s > 0) || !double.IsFinite(s))
                    {
                        return false;
                    }

                    rowI[i] = Math.Sqrt(s);
                }
            }

            rowI[(i + 1)..].Clear();
        }

        return true;
    }
}
