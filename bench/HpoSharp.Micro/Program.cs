using BenchmarkDotNet.Running;

// Micro-benchmarks of hot spots where HpoSharp uses its own numerics instead of a library's.
// Usage: dotnet run -c Release --project bench/HpoSharp.Micro -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CholeskyBenchmark).Assembly).Run(args);
