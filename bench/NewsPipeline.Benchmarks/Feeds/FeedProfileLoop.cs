using System.Diagnostics;
using NewsPipeline.Core.Reading.Feeds;

namespace NewsPipeline.Benchmarks.Feeds;

/// <summary>
/// A bounded loop over every feed the benchmarks read, for a profiler to sample:
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -- dotnet NewsPipeline.Benchmarks.dll profile feeds-all 20</c>.
/// The corpus, the two synthetic 200-item feeds and the news-shaped feeds, each read once per round; or only one of
/// the benchmark's sets when <c>PROFILE_FEEDS</c> names it (rss2-200, atom-200, corpus, news).
/// </summary>
public static class FeedProfileLoop
{
    public static int Run(int seconds, TextWriter output)
    {
        var feeds = FeedParsingBenchmarks.Corpus()
            .Append((FeedParsingBenchmarks.Rss(200), new Uri("https://feeds.example/rss")))
            .Append((FeedParsingBenchmarks.Atom(200), new Uri("https://feeds.example/atom")))
            .Concat(FeedParsingBenchmarks.News()).ToArray();
        feeds = Environment.GetEnvironmentVariable("PROFILE_FEEDS") switch
        {
            "rss2-200" => [(FeedParsingBenchmarks.Rss(200), new Uri("https://feeds.example/rss"))],
            "atom-200" => [(FeedParsingBenchmarks.Atom(200), new Uri("https://feeds.example/atom"))],
            "corpus" => FeedParsingBenchmarks.Corpus(),
            "news" => FeedParsingBenchmarks.News(),
            _ => feeds,
        };
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        var items = 0L;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            foreach (var (bytes, uri) in feeds)
            {
                items += FeedReader.Read(bytes, uri).Items.Count;
            }

            rounds++;
        }

        output.WriteLine($"feeds-all: {rounds} rounds ({items} items) in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds / rounds:F2} ms a round");
        return 0;
    }
}
