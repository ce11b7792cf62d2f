using HpoSharp.Space;

namespace HpoSharp.Tests;

/// <summary>Search spaces shared by the tests.</summary>
public static class TestSpaces
{
    public enum Kernel
    {
        Linear,
        Poly,
        Rbf,
    }

    /// <summary>A range x in [-1, 1], a choice of optimizer and a fixed number of epochs.</summary>
    public static SearchSpace Small() => [new RangeHP("x", -1, 1), new ChoiceHP("opti", "adam", "sgd"), new FixedHP("epochs", 3)];

    /// <summary>Every kind of parameter, steps, a fixed value, conditions and the list kind whose length follows a choice.</summary>
    public static SearchSpace Rich() =>
    [
        new RangeHP("x", -5, 5),
        new LogRangeHP("lr", 1e-5, 1e-1),
        new IntRangeHP("units", 1, 9),
        new IntRangeHP("batch", 16, 512, log: true),
        new IntRangeHP("epochs", 10, 50, step: 10),
        new RangeHP("dropout", 0, 0.5, step: 0.1),
        new ChoiceHP("kernel", Kernel.Linear, Kernel.Poly, Kernel.Rbf),
        new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("kernel", Kernel.Poly) },
        new LogRangeHP("gamma", 1e-3, 1e1) { ActiveWhen = new HPCondition("kernel", Kernel.Poly, Kernel.Rbf) },
        new ChoiceHP("num_layers", 1, 2, 3),
        new IntListHP("widths", 3, 8, 128, log: true, lengthFrom: "num_layers"),
        new FixedHP("seed", 7),
    ];

    /// <summary>A smooth objective of <see cref="Rich"/> with its minimum inside the space, using every active parameter.</summary>
    public static double RichObjective(HyperParameters hps)
    {
        var value = Math.Pow(hps.GetDouble("x") - 1.3, 2) + Math.Pow(Math.Log10(hps.GetDouble("lr")) + 3, 2)
            + (0.1 * Math.Abs(hps.GetInt("units") - 4)) + (0.1 * Math.Abs(Math.Log2(hps.GetInt("batch") / 64.0)))
            + (0.01 * hps.GetInt("epochs")) + hps.GetDouble("dropout");
        value += hps.Get<Kernel>("kernel") switch
        {
            Kernel.Poly => 0.2 * hps.GetInt("degree"),
            Kernel.Rbf => Math.Abs(Math.Log10(hps.GetDouble("gamma"))),
            _ => 1,
        };
        return value + hps.Get<int[]>("widths").Sum(w => Math.Abs(Math.Log2(w / 32.0))) / 10;
    }
}
