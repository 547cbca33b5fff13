using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(NewsPipeline.Benchmarks.ParserBenchmarks).Assembly).Run(args);
