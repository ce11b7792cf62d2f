using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

/// <summary>
/// Golden values from DEAP 1.3 (deap/cma.py, StrategyOnePlusLambda with lambda_ = 1: the elitist (1+1)-CMA-ES of Igel,
/// Hansen and Roth, 2007, which keeps C itself and takes its Cholesky factor after each update), numpy 1.24.2, Python
/// 3.11. In n = 5 from σ = 0.3 and C = I, each of 36 updates drew z from numpy.random.default_rng(20240611), took the step
/// y = A z rounded to 3 decimals, made the offspring parent + σ y, and gave it an objective value better (S) or worse (F)
/// than its parent's by 1, following <see cref="Outcomes"/>; σ, the success probability, the path and C were read after
/// every update and printed with repr (the shortest text that reads back as the same double).
/// </summary>
public sealed class ElitistStrategyGoldenTests
{
    private const string Outcomes = "SFSFFSFFSSSSSSSFFFFFSFFFSFSFFFFSFFSF";

    /// <summary>The steps of the successes, in order (a failure's step is not learnt from).</summary>
    private static readonly double[][] Steps =
    [
        [-0.211, -0.518, 0.15, -1.79, 0.284], [-0.708, 0.395, 0.428, -0.945, -0.889], [-0.192, 0.804, 0.192, 1.445, -0.355],
        [-0.469, -0.287, -1.73, -0.85, -0.124], [-0.121, -0.587, -0.006, -0.538, 1.046], [-0.728, 0.065, -0.477, 0.719, -0.863],
        [0.792, -1.007, -1.158, -0.475, 0.16], [-1.376, -0.414, -0.201, -0.253, 0.638], [0.704, 0.271, 0.912, 1.004, -0.831],
        [1.939, -0.034, -0.224, 0.818, -0.217], [0.178, -0.392, -1.217, 0.237, -0.999], [-0.16, -0.241, -1.254, -0.963, 0.611],
        [-0.302, -0.385, -0.351, -0.052, 0.494], [-0.758, -0.825, 0.857, 0.799, 0.435], [-0.84, 0.773, 0.332, -0.936, -0.599],
    ];

    private static readonly double[] Sigmas =
    [
        0.3072285700658936, 0.3123506359641563, 0.3247619457691863, 0.3347956389494935, 0.34244858327303357,
        0.35804147297706673, 0.3709897794770615, 0.38124748151574467, 0.400318149029501, 0.42872360563877404,
        0.4675293161322251, 0.5183757663373557, 0.5835587122054177, 0.666159327568087, 0.7702308057535645,
        0.8752099310339526, 0.9787718170769762, 1.0787116898650488, 1.1730399401577603, 1.2600518260972509,
        1.3778905686220588, 1.4876736333121838, 1.5875533851012502, 1.6760980997570947, 1.8040418827216005,
        1.919701386489265, 2.081192078044271, 2.2293055032713665, 2.361788692886263, 2.476996244031759,
        2.5738789031989713, 2.7302514954291697, 2.8667168386138746, 2.9819743819480693, 3.166188528657199,
        3.3273797895996373,
    ];

    private static readonly double[] SuccessProbabilities =
    [
        0.25, 0.22916666666666666, 0.2934027777777778, 0.2689525462962963, 0.24653983410493824,
        0.30932818126286005, 0.2835508328242884, 0.2599215967555977, 0.3215947970259645, 0.37812856394046745,
        0.42995118361209517, 0.4774552516444206, 0.5210006473407188, 0.5609172600623256, 0.5975074883904651,
        0.5477151976912596, 0.5020722645503213, 0.4602329091711278, 0.42188016674020046, 0.3867234861785171,
        0.4378298623303073, 0.4013440404694483, 0.36789870376366096, 0.33724047845002253, 0.3924704385791873,
        0.3597645686975883, 0.41311752130612267, 0.3786910611972791, 0.34713347276417245, 0.31820568336715804,
        0.2916885430865615, 0.35071449782934805, 0.32148828967690235, 0.2946975988704938, 0.35347279896461936,
        0.3240167323842344,
    ];

    /// <summary>
    /// The path and the upper triangle of C (row by row) after updates 9 (before the success probability passes 0.44),
    /// 14 (after four successes above it, where the path stalls), 24 and 35.
    /// </summary>
    private static readonly (int Update, double[] Path, double[] Covariance)[] Checkpoints =
    [
        (9, [-0.6067048116631087, -0.2608252589002217, -0.663974222886209, -0.8525885766363874, 0.36830112115633795],
            [0.8105167418560683, -0.015267112619219885, 0.04128844275784074, 0.1244974004089206, 0.04065986420362426,
             0.7486816331566144, 0.010983645107287698, 0.023645411759056323, -0.03586248681832443, 0.813451112852123,
             0.03412188524659157, -0.009275919054110848, 0.996166302790172, 0.030740574355499182, 0.7747272496196307]),
        (14, [-0.24543274840125584, -0.03665483979663589, -0.21035447763752446, -0.027539739136212882, -0.08873957615361441],
            [0.7650633471415388, 0.0027183182243987573, 0.12107646708105818, 0.1132997779403648, 0.07009506619766917,
             0.6148894447265711, 0.022024322907274047, 0.021054931327602243, -0.02384523143555055, 0.7404317567620705,
             0.03771554870754233, 0.02397138002095761, 0.8164074028199149, 0.029285897185908148, 0.6472443364242567]),
        (24, [-0.1482159998308502, -0.38332549344441635, -1.5933141639777726, -0.5695351734737143, -0.1170603402954491],
            [0.6711025853606106, 0.006964587255037755, 0.12426154471537958, 0.10415046750821598, 0.06479660657064944,
             0.553039009061375, 0.07685153940957815, 0.02985915010973815, -0.004141890163912876, 0.8723504945485385,
             0.08271026414340044, 0.07912433102032197, 0.736679713308977, 0.023202083651852955, 0.6024007916586497]),
        (35, [-1.1286478614369357, -0.14859402594769644, -0.045222529277871654, -0.4817708566402413, -0.06802661837695911],
            [0.6718697144868381, 0.07036379062582104, 0.14756173385572746, 0.11719802325693104, 0.03084065930561757,
             0.5270945685289521, 0.12843359509274316, 0.028521224567000784, -0.039425457076868634, 0.8315179025678127,
             0.09805336601684302, 0.03296620609965804, 0.6327148119790916, 0.021749421038751403, 0.5119343761973582]),
    ];

    [Fact]
    public void ASingleElitistCmaEsFollowsTheGoldenValues()
    {
        // DEAP keeps one strategy: a successful offspring becomes the parent and takes the updated strategy, which is
        // AfterSuccess of the step; after a failure the parent stays, with AfterOffspring(false). AfterOffspring(true), the
        // update of a parent that survives its successful offspring, moves σ and the success probability as AfterSuccess does.
        const int n = 5;
        var p = new ElitistParameters(n);
        var strategy = new ElitistStrategy(n, 0.3, p.TargetSuccess);
        var successes = 0;
        for (var t = 0; t < Outcomes.Length; t++)
        {
            var success = Outcomes[t] == 'S';
            var parent = strategy.AfterOffspring(success, p);
            strategy = success ? strategy.AfterSuccess(Steps[successes++], p) : parent;
            Assert.Equal(parent.Sigma, strategy.Sigma);
            Assert.Equal(parent.SuccessProbability, strategy.SuccessProbability);
            Assert.Equal(Sigmas[t], strategy.Sigma, Sigmas[t] * 1e-14);
            Assert.Equal(SuccessProbabilities[t], strategy.SuccessProbability, 1e-15);
            AssertFactorAndInverse(strategy, n);
            foreach (var (_, path, covariance) in Checkpoints.Where(c => c.Update == t))
            {
                AssertPathAndCovariance(strategy, n, path, covariance);
            }
        }

        Assert.Equal(Steps.Length, successes);
    }

    private static void AssertFactorAndInverse(ElitistStrategy strategy, int n)
    {
        var (a, inverse) = (strategy.Factor.ToArray(), strategy.InverseFactor.ToArray());
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var product = Enumerable.Range(0, n).Sum(k => a[(i * n) + k] * inverse[(k * n) + j]);
                Assert.Equal(i == j ? 1.0 : 0.0, product, 1e-14);
            }
        }
    }

    private static void AssertPathAndCovariance(ElitistStrategy strategy, int n, double[] path, double[] covariance)
    {
        var actual = strategy.Path.ToArray();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(path[i], actual[i], 1e-14);
        }

        var a = strategy.Factor.ToArray();
        var entry = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var c = Enumerable.Range(0, n).Sum(k => a[(i * n) + k] * a[(j * n) + k]);
                Assert.Equal(covariance[entry++], c, 1e-14);
            }
        }
    }
}
