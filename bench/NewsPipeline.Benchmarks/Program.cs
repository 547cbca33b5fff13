using BenchmarkDotNet.Running;
using NewsPipeline.Benchmarks.Feeds;

// `corpus` prints which candidate feed reader reads which corpus feed correctly (a Markdown table for the README);
// anything else goes to BenchmarkDotNet: `--filter '*FeedParsing*'` for the feed readers, `--filter '*Parser*'` for the
// article parser beside SmartReader, `--filter '*HtmlAgilityPack*'` for the parser against a
// bare HtmlAgilityPack load at several sizes, `--filter '*'` for all.
if (args is ["corpus"])
{
    return CorpusComparison.Run(Console.Out);
}

if (args is ["profile", "feeds-all", var feedSeconds]) return FeedProfileLoop.Run(int.Parse(feedSeconds, System.Globalization.CultureInfo.InvariantCulture), Console.Out);

// `profile parser|feeds|fixture|… <seconds>`: a bounded loop for a profiler to sample; `profile ratios <seconds>` the parser against
// the bare load in alternating rounds, `profile stages <seconds>` each stage alone, `profile allocations <rounds>` allocations by type.
if (args is ["profile", var target, var seconds])
{
    return NewsPipeline.Benchmarks.ProfileLoop.Run(target, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FeedParsingBenchmarks).Assembly).Run(args);
return 0;
