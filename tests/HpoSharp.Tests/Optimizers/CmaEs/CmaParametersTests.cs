using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The margin of CatCMA with Margin (Hamano et al., 2025): the least probability of leaving a level is
/// α = 1 − 0.73^(1/N) for N discrete and categorical coordinates, whatever the number of continuous ones.
/// </summary>
public sealed class CmaParametersTests
{
    [Theory]
    [InlineData(3, 0, 0, 0.0)]
    [InlineData(3, 1, 0, 0.27)]
    [InlineData(1, 0, 1, 0.27)]
    [InlineData(4, 1, 1, 0.1455996254682469)]
    [InlineData(2, 2, 1, 0.09958866539062983)]
    [InlineData(0, 0, 5, 0.061002205890636874)]
    public void TheMarginIsOneMinus073ToTheOneOverTheDiscreteAndCategoricalCount(int gaussian, int discrete, int categorical, double expected)
    {
        var parameters = new CmaParameters(gaussian, discrete, categorical, 8);

        Assert.Equal(expected, parameters.Margin, 14);
    }
}
