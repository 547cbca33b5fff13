using BenchmarkDotNet.Attributes;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using SmartReader;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Parse throughput and allocations per document: our parser on the fixture and on a mixed set, and beside
/// SmartReader (the Readability port) extracting title, author, date, image, excerpt and language from the same pages.
/// Figures are per document (OperationsPerInvoke). The job comes from the command line (<c>--job short</c>).
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly ArticleMetadataParser parser = new(TimeProvider.System);
    private string fixture = string.Empty;
    private string fixturePage = string.Empty;
    private string fixtureUrl = string.Empty;
    private string[] mixed = [];
    private (string Url, string Html)[] pages = [];

    [GlobalSetup]
    public void Setup()
    {
        fixture = BenchmarkDocuments.Fixture();
        fixturePage = BenchmarkDocuments.FixtureAsPage();
        fixtureUrl = BenchmarkDocuments.FixtureUrl();
        mixed = BenchmarkDocuments.MixedSet();
        pages = BenchmarkDocuments.PageSet();
    }

    [Benchmark(Description = "NewsPipeline: fixture (.md)")]
    public ArticleMetadata OursFixture() => parser.Parse(fixture);

    [Benchmark(Description = "SmartReader: fixture as a page")]
    public string? SmartReaderFixture() => Summarize(new Reader(fixtureUrl, fixturePage).GetArticle());

    [Benchmark(Description = "NewsPipeline: mixed set (100 docs)", OperationsPerInvoke = BenchmarkDocuments.MixedSetSize)]
    public int OursMixedSet()
    {
        var ok = 0;
        foreach (var document in mixed)
        {
            ok += parser.Parse(document).Paragraphs >= 0 ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(Description = "NewsPipeline: HTML pages (20)", OperationsPerInvoke = BenchmarkDocuments.PageSetSize)]
    public int OursPages()
    {
        var words = 0;
        foreach (var (_, html) in pages)
        {
            words += parser.Parse(html).Words;
        }

        return words;
    }

    [Benchmark(Description = "SmartReader: HTML pages (20)", OperationsPerInvoke = BenchmarkDocuments.PageSetSize)]
    public int SmartReaderPages()
    {
        var length = 0;
        foreach (var (url, html) in pages)
        {
            length += Summarize(new Reader(url, html).GetArticle())?.Length ?? 0;
        }

        return length;
    }

    // Touch the fields we extract too, so that any lazy work SmartReader defers is paid for.
    private static string? Summarize(Article article) =>
        string.Concat(article.Title, article.Author, article.PublicationDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            article.FeaturedImage, article.Excerpt, article.Language, article.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
