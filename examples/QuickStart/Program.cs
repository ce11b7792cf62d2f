// The seed's example in C#: a log-scaled learning rate, a choice of optimizer and a number of layers,
// an objective that trains a small network and returns its validation accuracy, an optimizer built by name.
// Run: dotnet run --project examples/QuickStart [algorithm] [evaluations]
using HpoSharp;
using HpoSharp.Execution;
using HpoSharp.QuickStart;
using HpoSharp.Space;
using HpoSharp.Trials;

var algorithm = args.Length > 0 ? args[0] : "tpe";
var evaluations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;

HPSpace[] space =
[
    new LogRangeHP("lr", 0.001, 0.1),
    new ChoiceHP("opti", "adam", "sgd"),
    new ChoiceHP("num_layers", 2, 3),
];

double F(HyperParameters hps, object? dataset)
{
    var data = (TwoMoons)dataset!;
    var net = new TinyNet(hiddenLayers: hps.GetInt("num_layers"), width: 8, seed: 1);
    net.Train(data.Train, learningRate: hps.GetDouble("lr"), adam: hps.GetString("opti") == "adam", epochs: 60);
    return net.Accuracy(data.Validation);
}

var hpo = HpoRegistry.Build(algorithm, space, F);
var options = new StudyOptions
{
    MaxEvaluations = evaluations,
    Direction = Direction.Maximize,
    Seed = 42,
    MaxParallelism = 2,
    OnTrialFinished = (study, trial) =>
        Console.WriteLine($"trial {trial.Number,3}  {trial.State,-8}  accuracy {trial.Value,6:F3}  {study.HyperParametersOf(trial)}"),
};

Console.WriteLine($"Tuning a small network on two moons with '{algorithm}', {evaluations} evaluations:");
var result = hpo.Optimize(TwoMoons.Generate(seed: 7), options);
Console.WriteLine($"best: accuracy {result.BestValue:F3} with {result.BestHp} (trial {result.BestTrial!.Number})");
