using HpoSharp.Bench;
using HpoSharp.Bench.Serve;

try
{
    var options = BenchArgs.Parse(args);
    switch (options.Command)
    {
        case "serve":
            ServeLoop.Run(Console.In, Console.Out);
            return 0;
        default:
            throw new ArgumentException($"Unknown command '{options.Command}'. Commands: report (default), serve, reference, overhead-one.");
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"HpoSharp.Bench: {e.Message}");
    return 2;
}
