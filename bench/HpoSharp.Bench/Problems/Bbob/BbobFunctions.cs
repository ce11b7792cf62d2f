using static HpoSharp.Bench.Problems.Bbob.BbobTransforms;

namespace HpoSharp.Bench.Problems.Bbob;

/// <summary>
/// The BBOB noiseless functions used by the suite, each exactly as its definition, numbered as in BBOB. Every one
/// takes an instance and a point of [-5, 5]^D and returns f(x), whose minimum f_opt is reached at x_opt.
/// </summary>
public static class BbobFunctions
{
    /// <summary>The functions by BBOB number, with their names.</summary>
    public static IReadOnlyDictionary<int, (string Name, Func<BbobInstance, double[], double> F)> ByNumber { get; } = new Dictionary<int, (string, Func<BbobInstance, double[], double>)>
    {
        [1] = ("sphere", Sphere),
        [2] = ("ellipsoid-separable", EllipsoidSeparable),
        [3] = ("rastrigin-separable", RastriginSeparable),
        [6] = ("attractive-sector", AttractiveSector),
        [8] = ("rosenbrock", Rosenbrock),
        [10] = ("ellipsoid", Ellipsoid),
        [11] = ("discus", Discus),
        [12] = ("bent-cigar", BentCigar),
        [13] = ("sharp-ridge", SharpRidge),
        [14] = ("different-powers", DifferentPowers),
        [15] = ("rastrigin", Rastrigin),
        [16] = ("weierstrass", Weierstrass),
        [17] = ("schaffers-f7", SchaffersF7),
    };

    /// <summary>f1: ||z||², z = x - x_opt.</summary>
    public static double Sphere(BbobInstance p, double[] x) => p.Shift(x).Sum(z => z * z) + p.FOpt;

    /// <summary>f2: Σ 10^(6 (i-1)/(D-1)) z_i², z = T_osz(x - x_opt).</summary>
    public static double EllipsoidSeparable(BbobInstance p, double[] x) => Ellipsoidal(Oscillate(p.Shift(x))) + p.FOpt;

    /// <summary>f3: 10 (D - Σ cos 2π z_i) + ||z||², z = Λ^10 T_asy^0.2(T_osz(x - x_opt)).</summary>
    public static double RastriginSeparable(BbobInstance p, double[] x) =>
        RastriginSum(Condition(Asymmetric(Oscillate(p.Shift(x)), 0.2), 10)) + p.FOpt;

    /// <summary>f6: T_osz(Σ (s_i z_i)²)^0.9, z = Q Λ^10 R (x - x_opt), s_i = 100 where z_i x_opt,i &gt; 0, else 1.</summary>
    public static double AttractiveSector(BbobInstance p, double[] x)
    {
        var z = Multiply(p.Q, Condition(Multiply(p.R, p.Shift(x)), 10));
        var sum = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            var s = z[i] * p.XOpt[i] > 0 ? 100 : 1;
            sum += s * s * z[i] * z[i];
        }

        return Math.Pow(Oscillate(sum), 0.9) + p.FOpt;
    }

    /// <summary>f8: Σ 100 (z_i² - z_{i+1})² + (z_i - 1)², z = max(1, sqrt(D)/8)(x - x_opt) + 1.</summary>
    public static double Rosenbrock(BbobInstance p, double[] x)
    {
        var c = Math.Max(1, Math.Sqrt(p.Dimension) / 8);
        var z = p.Shift(x).Select(v => (c * v) + 1).ToArray();
        var sum = 0.0;
        for (var i = 0; i < z.Length - 1; i++)
        {
            sum += (100 * Math.Pow((z[i] * z[i]) - z[i + 1], 2)) + Math.Pow(z[i] - 1, 2);
        }

        return sum + p.FOpt;
    }

    /// <summary>f10: Σ 10^(6 (i-1)/(D-1)) z_i², z = T_osz(R (x - x_opt)).</summary>
    public static double Ellipsoid(BbobInstance p, double[] x) => Ellipsoidal(Oscillate(Multiply(p.R, p.Shift(x)))) + p.FOpt;

    /// <summary>f11: 10^6 z_1² + Σ_{i≥2} z_i², z = T_osz(R (x - x_opt)).</summary>
    public static double Discus(BbobInstance p, double[] x)
    {
        var z = Oscillate(Multiply(p.R, p.Shift(x)));
        return (1e6 * z[0] * z[0]) + z.Skip(1).Sum(v => v * v) + p.FOpt;
    }

    /// <summary>f12: z_1² + 10^6 Σ_{i≥2} z_i², z = R T_asy^0.5(R (x - x_opt)).</summary>
    public static double BentCigar(BbobInstance p, double[] x)
    {
        var z = Multiply(p.R, Asymmetric(Multiply(p.R, p.Shift(x)), 0.5));
        return (z[0] * z[0]) + (1e6 * z.Skip(1).Sum(v => v * v)) + p.FOpt;
    }

    /// <summary>f13: z_1² + 100 sqrt(Σ_{i≥2} z_i²), z = Q Λ^10 R (x - x_opt).</summary>
    public static double SharpRidge(BbobInstance p, double[] x)
    {
        var z = Multiply(p.Q, Condition(Multiply(p.R, p.Shift(x)), 10));
        return (z[0] * z[0]) + (100 * Math.Sqrt(z.Skip(1).Sum(v => v * v))) + p.FOpt;
    }

    /// <summary>f14: sqrt(Σ |z_i|^(2 + 4 (i-1)/(D-1))), z = R (x - x_opt).</summary>
    public static double DifferentPowers(BbobInstance p, double[] x)
    {
        var z = Multiply(p.R, p.Shift(x));
        return Math.Sqrt(z.Select((v, i) => Math.Pow(Math.Abs(v), 2 + (4 * Fraction(i, z.Length)))).Sum()) + p.FOpt;
    }

    /// <summary>f15: 10 (D - Σ cos 2π z_i) + ||z||², z = R Λ^10 Q T_asy^0.2(T_osz(R (x - x_opt))).</summary>
    public static double Rastrigin(BbobInstance p, double[] x) =>
        RastriginSum(Multiply(p.R, Condition(Multiply(p.Q, Asymmetric(Oscillate(Multiply(p.R, p.Shift(x))), 0.2)), 10))) + p.FOpt;

    /// <summary>
    /// f16: 10 ((1/D) Σ_i Σ_{k=0}^{11} ½^k cos(2π 3^k (z_i + ½)) - f_0)³ + (10/D) f_pen(x),
    /// z = R Λ^(1/100) Q T_osz(R (x - x_opt)), f_0 = Σ_k ½^k cos(π 3^k).
    /// </summary>
    public static double Weierstrass(BbobInstance p, double[] x)
    {
        var z = Multiply(p.R, Condition(Multiply(p.Q, Oscillate(Multiply(p.R, p.Shift(x)))), 0.01));
        var f0 = 0.0;
        for (var k = 0; k < 12; k++)
        {
            f0 += Math.Pow(0.5, k) * Math.Cos(Math.PI * Math.Pow(3, k));
        }

        var sum = 0.0;
        foreach (var zi in z)
        {
            for (var k = 0; k < 12; k++)
            {
                sum += Math.Pow(0.5, k) * Math.Cos(2 * Math.PI * Math.Pow(3, k) * (zi + 0.5));
            }
        }

        return (10 * Math.Pow((sum / z.Length) - f0, 3)) + (10.0 / z.Length * Penalty(x)) + p.FOpt;
    }

    /// <summary>
    /// f17: ((1/(D-1)) Σ_{i&lt;D} sqrt(s_i) + sqrt(s_i) sin²(50 s_i^0.2))² + 10 f_pen(x),
    /// s_i = sqrt(z_i² + z_{i+1}²), z = Λ^10 Q T_asy^0.5(R (x - x_opt)).
    /// </summary>
    public static double SchaffersF7(BbobInstance p, double[] x)
    {
        var z = Condition(Multiply(p.Q, Asymmetric(Multiply(p.R, p.Shift(x)), 0.5)), 10);
        var sum = 0.0;
        for (var i = 0; i < z.Length - 1; i++)
        {
            var s = Math.Sqrt((z[i] * z[i]) + (z[i + 1] * z[i + 1]));
            var sine = Math.Sin(50 * Math.Pow(s, 0.2));
            sum += Math.Sqrt(s) + (Math.Sqrt(s) * sine * sine);
        }

        return Math.Pow(sum / (z.Length - 1), 2) + (10 * Penalty(x)) + p.FOpt;
    }

    private static double Ellipsoidal(double[] z) => z.Select((v, i) => Math.Pow(10, 6 * Fraction(i, z.Length)) * v * v).Sum();

    private static double RastriginSum(double[] z) => (10 * (z.Length - z.Sum(v => Math.Cos(2 * Math.PI * v)))) + z.Sum(v => v * v);
}
