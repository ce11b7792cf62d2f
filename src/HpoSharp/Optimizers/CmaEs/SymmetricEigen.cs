namespace HpoSharp.Optimizers;

/// <summary>
/// The eigendecomposition of a real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
/// algorithm with Wilkinson shifts (the classic EISPACK pair tred2 / tql2). O(n³), accurate to rounding.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric <paramref name="n"/> × <paramref name="n"/> matrix <paramref name="matrix"/> (row-major,
    /// only its lower triangle read) into eigenvalues <paramref name="values"/> in increasing order and orthonormal
    /// eigenvectors, the columns of <paramref name="vectors"/> (row-major), so that matrix = V diag(values) Vᵀ.
    /// </summary>
    /// <param name="matrix">The matrix, n × n, row-major.</param>
    /// <param name="n">The order of the matrix, at least 1.</param>
    /// <param name="values">Receives the n eigenvalues.</param>
    /// <param name="vectors">Receives the eigenvectors as columns, n × n, row-major.</param>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> values, Span<double> vectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (matrix.Length != n * n || vectors.Length != n * n || values.Length != n)
        {
            throw new ArgumentException($"For n = {n} the matrix and the vectors need {n * n} values and the values {n}; got {matrix.Length}, {vectors.Length} and {values.Length}.", nameof(matrix));
        }

        var off = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                vectors[(i * n) + j] = matrix[(i * n) + j];
                vectors[(j * n) + i] = matrix[(i * n) + j];
            }
        }

        Tridiagonalize(n, vectors, values, off);
        Diagonalize(n, vectors, values, off);
        SortAscending(n, vectors, values);
    }

    /// <summary>Householder reduction: leaves the diagonal in d, the sub-diagonal in e[1..] and the transformation in v.</summary>
    private static void Tridiagonalize(int n, Span<double> v, Span<double> d, Span<double> e)
    {
        for (var j = 0; j < n; j++)
        {
            d[j] = v[((n - 1) * n) + j];
        }

        for (var i = n - 1; i > 0; i--)
        {
            var scale = 0.0;
            var h = 0.0;
            for (var k = 0; k < i; k++)
            {
                scale += Math.Abs(d[k]);
            }

            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = v[((i - 1) * n) + j];
                    v[(i * n) + j] = 0.0;
                    v[(j * n) + i] = 0.0;
                }
            }
            else
            {
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }

                var f = d[i - 1];
                var g = f > 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (var j = 0; j < i; j++)
                {
                    e[j] = 0.0;
                }

                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    v[(j * n) + i] = f;
                    g = e[j] + (v[(j * n) + j] * f);
                    for (var k = j + 1; k <= i - 1; k++)
                    {
                        g += v[(k * n) + j] * d[k];
                        e[k] += v[(k * n) + j] * f;
                    }

                    e[j] = g;
                }

                f = 0.0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }

                var hh = f / (h + h);
                for (var j = 0; j < i; j++)
                {
                    e[j] -= hh * d[j];
                }

                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (var k = j; k <= i - 1; k++)
                    {
                        v[(k * n) + j] -= (f * e[k]) + (g * d[k]);
                    }

                    d[j] = v[((i - 1) * n) + j];
                    v[(i * n) + j] = 0.0;
                }
            }

            d[i] = h;
        }

        // Accumulate the transformations.
        for (var i = 0; i < n - 1; i++)
        {
            v[((n - 1) * n) + i] = v[(i * n) + i];
            v[(i * n) + i] = 1.0;
            var h = d[i + 1];
            if (h != 0.0)
            {
                for (var k = 0; k <= i; k++)
                {
                    d[k] = v[(k * n) + i + 1] / h;
                }

                for (var j = 0; j <= i; j++)
                {
                    var g = 0.0;
                    for (var k = 0; k <= i; k++)
                    {
                        g += v[(k * n) + i + 1] * v[(k * n) + j];
                    }

                    for (var k = 0; k <= i; k++)
                    {
                        v[(k * n) + j] -= g * d[k];
                    }
                }
            }

            for (var k = 0; k <= i; k++)
            {
                v[(k * n) + i + 1] = 0.0;
            }
        }

        for (var j = 0; j < n; j++)
        {
            d[j] = v[((n - 1) * n) + j];
            v[((n - 1) * n) + j] = 0.0;
        }

        v[((n - 1) * n) + n - 1] = 1.0;
        e[0] = 0.0;
    }

    /// <summary>The implicit QL iteration on the tridiagonal (d, e), rotating the columns of v along.</summary>
    private static void Diagonalize(int n, Span<double> v, Span<double> d, Span<double> e)
    {
        for (var i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }

        e[n - 1] = 0.0;
        var f = 0.0;
        var largest = 0.0;
        var eps = Math.Pow(2.0, -52.0);
        for (var l = 0; l < n; l++)
        {
            largest = Math.Max(largest, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * largest)
            {
                m++;
            }

            if (m > l)
            {
                do
                {
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2.0 * e[l]);
                    var r = Hypot(p, 1.0);
                    if (p < 0)
                    {
                        r = -r;
                    }

                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    p = d[m];
                    double c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0;
                    var el1 = e[l + 1];
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = (c * d[i]) - (s * g);
                        d[i + 1] = h + (s * ((c * g) + (s * d[i])));
                        for (var k = 0; k < n; k++)
                        {
                            h = v[(k * n) + i + 1];
                            v[(k * n) + i + 1] = (s * v[(k * n) + i]) + (c * h);
                            v[(k * n) + i] = (c * v[(k * n) + i]) - (s * h);
                        }
                    }

                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * largest);
            }

            d[l] += f;
            e[l] = 0.0;
        }
    }

    private static void SortAscending(int n, Span<double> v, Span<double> d)
    {
        for (var i = 0; i < n - 1; i++)
        {
            var k = i;
            for (var j = i + 1; j < n; j++)
            {
                if (d[j] < d[k])
                {
                    k = j;
                }
            }

            if (k != i)
            {
                (d[k], d[i]) = (d[i], d[k]);
                for (var j = 0; j < n; j++)
                {
                    (v[(j * n) + i], v[(j * n) + k]) = (v[(j * n) + k], v[(j * n) + i]);
                }
            }
        }
    }

    private static double Hypot(double a, double b)
    {
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        return x == 0 ? 0 : x * Math.Sqrt(1 + ((y / x) * (y / x)));
    }
}
