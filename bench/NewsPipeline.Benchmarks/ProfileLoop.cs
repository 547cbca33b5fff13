using System.Diagnostics;
using NewsPipeline.Core.Articles.Parsing;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// A bounded loop for a profiler to watch (<c>dotnet-trace collect -- dotnet NewsPipeline.Benchmarks.dll profile parser 20</c>):
/// the parser over the mixed set and the long reports, or the feed reader over the corpus and the synthetic feeds.
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string what, int seconds, TextWriter output)
    {
        if (what is "sizes" or "sizes-metadata")
        {
            var thrown = 0;
            AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
            {
                if (thrown++ == 0)
                {
                    output.WriteLine(e.Exception.ToString());
                }
            };
            var parser = new ArticleMetadataParser(TimeProvider.System, new ParserOptions { ContentHtml = what == "sizes" });
            foreach (var (name, text) in new[] { ("fixture", BenchmarkDocuments.Fixture()), ("5 KB", BenchmarkDocuments.Sized(5)), ("50 KB", BenchmarkDocuments.Sized(50)), ("500 KB", BenchmarkDocuments.Sized(500)) })
            {
                // Warm both up first (tiered JIT, PGO), so that neither is timed at tier 0.
                for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);)
                {
                    parser.Parse(text);
                    new HtmlAgilityPack.HtmlDocument().LoadHtml(text);
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread();
                parser.Parse(text);
                var parseBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                allocated = GC.GetAllocatedBytesForCurrentThread();
                new HtmlAgilityPack.HtmlDocument().LoadHtml(text);
                var loadBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

                var n = 0;
                var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var watch = Stopwatch.StartNew();
                var hap = TimeSpan.Zero;
                while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    parser.Parse(text);
                    n++;
                }

                var parseTime = watch.Elapsed / n;
                var parseGcs = $"{(GC.CollectionCount(0) - gcs.Item1) * 1000.0 / n:F0}/{(GC.CollectionCount(1) - gcs.Item2) * 1000.0 / n:F0}/{(GC.CollectionCount(2) - gcs.Item3) * 1000.0 / n:F0}";
                gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                watch.Restart();
                n = 0;
                while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    var d = new HtmlAgilityPack.HtmlDocument();
                    d.LoadHtml(text);
                    _ = d.DocumentNode.SelectNodes("//p");
                    _ = d.DocumentNode.SelectNodes("//a[@href]");
                    n++;
                }

                hap = watch.Elapsed / n;
                var hapGcs = $"{(GC.CollectionCount(0) - gcs.Item1) * 1000.0 / n:F0}/{(GC.CollectionCount(1) - gcs.Item2) * 1000.0 / n:F0}/{(GC.CollectionCount(2) - gcs.Item3) * 1000.0 / n:F0}";
                output.WriteLine($"{thrown} exceptions so far");
                output.WriteLine($"{name} ({text.Length:N0} chars): parser {parseTime.TotalMicroseconds:F0} µs, HAP {hap.TotalMicroseconds:F0} µs, ratio {parseTime / hap:F2}; allocated: parser {parseBytes / 1024.0:F1} KB, HAP load {loadBytes / 1024.0:F1} KB; gen0/1/2 collections per 1000: parser {parseGcs}, HAP {hapGcs}");
            }

            return 0;
        }

        Action once = what switch
        {
            "parser" => ParseAll(),
            "feeds" => ReadAll(),
            "fixture" => ParseOne(BenchmarkDocuments.Fixture()),
            "50kb" => ParseOne(BenchmarkDocuments.Sized(50)),
            "load" => LoadAll(0),
            "load-bounded" => LoadAll(Core.Articles.Document.SafeHtml.MaxNesting),
            _ => throw new ArgumentException($"Unknown profile target '{what}': use 'parser' or 'feeds'.", nameof(what)),
        };
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            once();
            rounds++;
        }

        output.WriteLine($"{what}: {rounds} rounds in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static Action ParseAll()
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        string[] documents = [BenchmarkDocuments.Fixture(), .. BenchmarkDocuments.MixedSet(), BenchmarkDocuments.Sized(50), BenchmarkDocuments.Sized(220)];
        return () =>
        {
            foreach (var document in documents)
            {
                parser.Parse(document);
            }
        };
    }

    private static Action ParseOne(string document)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        return () => parser.Parse(document);
    }

    private static Action LoadAll(int maxNesting)
    {
        string[] documents = [BenchmarkDocuments.Fixture(), .. BenchmarkDocuments.MixedSet(), BenchmarkDocuments.Sized(50), BenchmarkDocuments.Sized(220)];
        return () =>
        {
            foreach (var text in documents)
            {
                var document = new HtmlAgilityPack.HtmlDocument { OptionMaxNestedChildNodes = maxNesting };
                document.LoadHtml(text);
                _ = document.DocumentNode.SelectNodes("//p");
                _ = document.DocumentNode.SelectNodes("//a[@href]");
            }
        };
    }

    private static Action ReadAll()
    {
        var feeds = Feeds.FeedParsingBenchmarks.Corpus().Append((Feeds.FeedParsingBenchmarks.Rss(200), new Uri("https://feeds.example/rss")))
            .Append((Feeds.FeedParsingBenchmarks.Atom(200), new Uri("https://feeds.example/atom"))).ToArray();
        return () =>
        {
            foreach (var (bytes, uri) in feeds)
            {
                FeedReader.Read(bytes, uri);
            }
        };
    }
}
