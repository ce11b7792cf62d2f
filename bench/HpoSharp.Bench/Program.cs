using HpoSharp.Bench;

try
{
    var options = BenchArgs.Parse(args);
    Commands.Run(options, $"dotnet run -c Release --project bench/HpoSharp.Bench --{(args.Length == 0 ? string.Empty : " ")}{string.Join(" ", args)}", Console.Error);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"HpoSharp.Bench: {e.Message}");
    return 2;
}
