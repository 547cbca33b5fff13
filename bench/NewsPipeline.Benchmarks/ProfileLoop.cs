using System.Diagnostics;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Reading.Feeds;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// A bounded loop for a profiler to watch (<c>dotnet-trace collect -- dotnet NewsPipeline.Benchmarks.dll profile parser 20</c>):
/// the parser over the mixed set and the long reports, or the feed reader over the corpus and the synthetic feeds.
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string what, int seconds, TextWriter output)
    {
        if (what == "ratios")
        {
            return Ratios(seconds, output);
        }

        if (what == "allocations")
        {
            return Allocations(rounds: seconds, output);
        }

        if (what == "stages")
        {
            return Stages(seconds, output);
        }

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
            "5kb" => ParseOne(BenchmarkDocuments.Sized(5)),
            "50kb" => ParseOne(BenchmarkDocuments.Sized(50)),
            "content" => ContentWalk(BenchmarkDocuments.Fixture()),
            "load" => LoadAll(0),
            "load-bounded" => LoadAll(Core.Reading.Articles.Document.SafeHtml.MaxNesting),
            _ => throw new ArgumentException($"Unknown profile target '{what}': use ratios, stages, allocations, sizes, parser, feeds, fixture, 5kb, 50kb, content, load or load-bounded.", nameof(what)),
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

    /// <summary>
    /// The parser against the bare load in alternating rounds of about 40 ms each, per input set, and the median of the
    /// rounds' ratios: on a machine whose speed drifts minute to minute (a shared VM) both sides of a round see the same
    /// drift, so the median ratio moves far less than a ratio of two separately timed runs. A quick check while working;
    /// the README's figures come from BenchmarkDotNet. The best rounds' ratio (each side's fastest round) is the issue's own
    /// measure ("best of several rounds after a warm-up").
    /// </summary>
    private static int Ratios(int seconds, TextWriter output)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        (string Name, string[] Documents)[] inputs =
        [
            ("fixture", [BenchmarkDocuments.Fixture()]),
            ("mixed", [.. BenchmarkDocuments.MixedSet(), BenchmarkDocuments.Sized(20), BenchmarkDocuments.Sized(50), BenchmarkDocuments.Sized(220)]),
            ("5 KB", [BenchmarkDocuments.Sized(5)]),
            ("50 KB", [BenchmarkDocuments.Sized(50)]),
            ("500 KB", [BenchmarkDocuments.Sized(500)]),
        ];
        foreach (var (name, documents) in inputs)
        {
            void Bare() => BareLoad(documents);

            void Parse()
            {
                foreach (var text in documents)
                {
                    parser.Parse(text);
                }
            }

            for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);)
            {
                Bare();
                Parse();
            }

            var once = Stopwatch.StartNew();
            Bare();
            var repeat = Math.Max(1, (int)(TimeSpan.FromMilliseconds(40) / once.Elapsed));
            var ratios = new List<double>();
            var (bareTotal, parseTotal) = (TimeSpan.Zero, TimeSpan.Zero);
            var (bareBest, parseBest) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
            for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds);)
            {
                var round = Stopwatch.StartNew();
                for (var i = 0; i < repeat; i++)
                {
                    Bare();
                }

                var bare = round.Elapsed;
                round.Restart();
                for (var i = 0; i < repeat; i++)
                {
                    Parse();
                }

                var parse = round.Elapsed;
                ratios.Add(parse / bare);
                (bareTotal, parseTotal) = (bareTotal + bare, parseTotal + parse);
                (bareBest, parseBest) = (bareBest < bare ? bareBest : bare, parseBest < parse ? parseBest : parse);
            }

            ratios.Sort();
            var runs = ratios.Count * repeat;
            output.WriteLine($"{name,-8} median ratio {ratios[ratios.Count / 2]:F2} (quartiles {ratios[ratios.Count / 4]:F2}–{ratios[3 * ratios.Count / 4]:F2}, {ratios.Count} rounds), best rounds' ratio {parseBest / bareBest:F2}; bare {(bareTotal / runs).TotalMicroseconds:F1} µs, parser {(parseTotal / runs).TotalMicroseconds:F1} µs per pass");
        }

        return 0;
    }

    /// <summary>
    /// What the parser and the bare load allocate, by type and heap (<c>profile allocations 30</c>: 30 rounds of each),
    /// on the fixture (100 parses a round) and the mixed set, and the walk and the sanitizer alone on trees loaded once.
    /// </summary>
    private static int Allocations(int rounds, TextWriter output)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        var fixture = Enumerable.Repeat(BenchmarkDocuments.Fixture(), 100).ToArray();
        string[] mixed = [.. BenchmarkDocuments.MixedSet(), BenchmarkDocuments.Sized(20), BenchmarkDocuments.Sized(50), BenchmarkDocuments.Sized(220)];
        var trees = mixed.Where(text => !Core.Reading.Articles.Document.HtmlPageReader.IsHtmlPage(text)).Select(Core.Reading.Articles.Document.ArticleDocumentReader.Read)
            .Select(document => (Core.Reading.Articles.Document.SafeHtml.Load(document.HtmlText).DocumentNode, document.Url)).ToArray();
        AllocationsByType.Report("bare load + 2 selects, fixture x100", () => BareLoad(fixture), rounds, output);
        AllocationsByType.Report("parser, fixture x100", () => Array.ForEach(fixture, text => parser.Parse(text)), rounds, output);
        AllocationsByType.Report("bare load + 2 selects, mixed set", () => BareLoad(mixed), rounds, output);
        AllocationsByType.Report("parser, mixed set", () => Array.ForEach(mixed, text => parser.Parse(text)), rounds, output);
        AllocationsByType.Report("content walk alone, the mixed set's archives loaded once", () =>
            Array.ForEach(trees, tree => ArticleContent.Read(tree.DocumentNode, new LinkResolver(tree.Url))), rounds, output);
        AllocationsByType.Report("sanitizer alone, the mixed set's archives loaded once", () =>
            Array.ForEach(trees, tree =>
            {
                using var texts = new DecodedText();
                ArticleHtml.SanitizeForStorage(tree.DocumentNode, new LinkResolver(tree.Url), texts);
            }), rounds, output);
        return 0;
    }

    /// <summary>
    /// Each stage of the parse on its own over the mixed set's archived documents (trees loaded once for the stages that
    /// only read them), beside the whole parse and the bare load: where the mixed set's time goes, per set.
    /// </summary>
    private static int Stages(int seconds, TextWriter output)
    {
        string[] mixed = [.. BenchmarkDocuments.MixedSet(), BenchmarkDocuments.Sized(20), BenchmarkDocuments.Sized(50), BenchmarkDocuments.Sized(220)];
        var texts = mixed.Where(text => !Core.Reading.Articles.Document.HtmlPageReader.IsHtmlPage(text)).ToArray();
        var pages = mixed.Where(Core.Reading.Articles.Document.HtmlPageReader.IsHtmlPage).ToArray();
        output.WriteLine($"{texts.Length} archived documents ({texts.Sum(text => text.Length):N0} characters), {pages.Length} pages ({pages.Sum(text => text.Length):N0})");
        var documents = texts.Select(Core.Reading.Articles.Document.ArticleDocumentReader.Read).ToArray();
        var trees = documents.Select(document => (Root: Core.Reading.Articles.Document.SafeHtml.Load(document.HtmlText).DocumentNode, document.Url)).ToArray();
        var parser = new ArticleMetadataParser(TimeProvider.System);
        (string Name, Action Once)[] stages =
        [
            ("bare load + 2 selects", () => BareLoad(texts)),
            ("whole parse", () => Array.ForEach(texts, text => parser.Parse(text))),
            ("read the archive header", () => Array.ForEach(texts, text => Core.Reading.Articles.Document.ArticleDocumentReader.Read(text))),
            ("load (SafeHtml)", () => Array.ForEach(documents, document => Core.Reading.Articles.Document.SafeHtml.Load(document.HtmlText))),
            ("content walk", () => Array.ForEach(trees, tree => ArticleContent.Read(tree.Root, new LinkResolver(tree.Url)))),
            ("sanitize", () => Array.ForEach(trees, tree =>
            {
                using var decoded = new DecodedText();
                ArticleHtml.SanitizeForStorage(tree.Root, new LinkResolver(tree.Url), decoded);
            })),
            ("date header", () => Array.ForEach(trees, tree => DateHeader.Read(tree.Root, null, "en"))),
            ("pages: bare load + 2 selects", () => BareLoad(pages)),
            ("pages: whole parse", () => Array.ForEach(pages, text => parser.Parse(text))),
            ("pages: load (SafeHtml)", () => Array.ForEach(pages, text => Core.Reading.Articles.Document.SafeHtml.Load(text))),
            ("pages: page reader", () => Array.ForEach(pages, text => Core.Reading.Articles.Document.HtmlPageReader.Read(text))),
        ];
        foreach (var (_, once) in stages)
        {
            for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);)
            {
                once();
            }
        }

        var bare = TimeSpan.Zero;
        foreach (var (name, once) in stages)
        {
            var (best, rounds) = (TimeSpan.MaxValue, 0);
            var (paused, collections) = (GC.GetTotalPauseDuration(), (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));
            var clock = Stopwatch.StartNew();
            for (; clock.Elapsed < TimeSpan.FromSeconds(seconds); rounds++)
            {
                var round = Stopwatch.StartNew();
                once();
                best = round.Elapsed < best ? round.Elapsed : best;
            }

            bare = bare == TimeSpan.Zero ? best : bare;
            output.WriteLine($"{name,-30} {best.TotalMicroseconds,9:F0} µs per set (best round), {best / bare:F2} bare loads; mean {(clock.Elapsed / rounds).TotalMicroseconds:F0} µs, "
                + $"of it {((GC.GetTotalPauseDuration() - paused) / rounds).TotalMicroseconds:F0} µs paused for collections (gen0/1/2 per 100 sets: {(GC.CollectionCount(0) - collections.Item1) * 100 / rounds}/{(GC.CollectionCount(1) - collections.Item2) * 100 / rounds}/{(GC.CollectionCount(2) - collections.Item3) * 100 / rounds})");
        }

        return 0;
    }

    // The floor the parser is measured against, as ParserVersusHtmlAgilityPack has it: a default load and two selects.
    private static void BareLoad(string[] texts)
    {
        foreach (var text in texts)
        {
            var document = new HtmlAgilityPack.HtmlDocument();
            document.LoadHtml(text);
            _ = document.DocumentNode.SelectNodes("//p");
            _ = document.DocumentNode.SelectNodes("//a[@href]");
        }
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

    // The content walk alone, over a tree loaded once: the stage ParserStageBenchmarks shows as the largest after the load.
    private static Action ContentWalk(string text)
    {
        var document = Core.Reading.Articles.Document.ArticleDocumentReader.Read(text);
        var root = Core.Reading.Articles.Document.SafeHtml.Load(document.HtmlText).DocumentNode;
        return () => ArticleContent.Read(root, new LinkResolver(document.Url));
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
