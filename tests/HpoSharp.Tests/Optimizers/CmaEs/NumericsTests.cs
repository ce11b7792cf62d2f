using HpoSharp.Numerics;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

public sealed class NumericsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(30)]
    public void EigendecompositionReconstructsTheMatrixWithOrthonormalVectors(int n)
    {
        var rng = new RandomStream(17, (ulong)n);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = rng.NextGaussian();
            }
        }

        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigen.Decompose(a, n, values, vectors);

        Assert.Equal(values.Order(), values);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double product = 0, reconstructed = 0;
                for (var k = 0; k < n; k++)
                {
                    product += vectors[(k * n) + i] * vectors[(k * n) + j];
                    reconstructed += vectors[(i * n) + k] * values[k] * vectors[(j * n) + k];
                }

                Assert.Equal(i == j ? 1 : 0, product, 12);
                Assert.Equal(a[(i * n) + j], reconstructed, 12);
            }
        }
    }

    [Fact]
    public void EigenvaluesOfAKnownMatrix()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2.
        var values = new double[2];
        var vectors = new double[4];
        SymmetricEigen.Decompose([2, 1, 1, 2], 2, values, vectors);
        Assert.Equal(1, values[0], 14);
        Assert.Equal(3, values[1], 14);
        Assert.Equal(0, vectors[0] + vectors[2], 14);
        Assert.Equal(vectors[1], vectors[3], 14);
    }
}
