using BenchmarkDotNet.Running;
using NewsPipeline.Benchmarks.Feeds;

// `corpus` prints which candidate feed reader reads which corpus feed correctly (a Markdown table for the README);
// anything else goes to BenchmarkDotNet: `--filter '*FeedParsing*'` for the feed readers, `--filter '*Parser*'` for the
// article parser beside SmartReader, `--filter '*'` for all.
if (args is ["corpus"])
{
    return CorpusComparison.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FeedParsingBenchmarks).Assembly).Run(args);
return 0;
