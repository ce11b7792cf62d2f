using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

public sealed class CmaCoordinatesTests
{
    [Fact]
    public void EncodingAConfigurationInvertsDecodingAndFillsInactiveDimensionsFromTheFallback()
    {
        var space = TestSpaces.Rich();
        var coordinates = new CmaCoordinates(space);
        var rng = new RandomStream(3);
        double[] RandomSample() =>
        [
            .. Enumerable.Range(0, coordinates.GaussianCount).Select(_ => rng.NextDouble()),
            .. coordinates.CategoryCounts.Select(count => (double)rng.NextInt(count)),
        ];

        var inactiveSeen = 0;
        for (var i = 0; i < 300; i++)
        {
            var (sample, fallback) = (RandomSample(), RandomSample());
            double[] other = [.. fallback.Select((v, k) => k < coordinates.GaussianCount ? v + 0.25 : (v + 1) % coordinates.CategoryCounts[k - coordinates.GaussianCount])];
            var configuration = coordinates.Decode(sample);
            space.ApplyConditions(configuration);
            var (encoded, encodedOther) = (coordinates.Encode(configuration, fallback), coordinates.Encode(configuration, other));

            var again = coordinates.Decode(encoded);
            space.ApplyConditions(again);
            Assert.Equal(configuration, again);

            // Inactive dimensions, and only they, come from the fallback; the others come back as they were (a discrete
            // coordinate at the position of its level).
            var inactive = configuration.Count(double.IsNaN);
            var fromFallback = Enumerable.Range(0, encoded.Length).Where(k => encoded[k] != encodedOther[k]).ToArray();
            Assert.Equal(inactive, fromFallback.Length);
            Assert.All(fromFallback, k => Assert.Equal((fallback[k], other[k]), (encoded[k], encodedOther[k])));
            foreach (var g in Enumerable.Range(0, coordinates.GaussianCount).Except(fromFallback))
            {
                Assert.Equal(coordinates.IsDiscrete(g) ? coordinates.Discretize(g, sample[g]) : sample[g], encoded[g], 1e-9);
            }

            inactiveSeen += inactive;
        }

        Assert.True(inactiveSeen > 100, $"{inactiveSeen} inactive dimensions seen");
    }
}
