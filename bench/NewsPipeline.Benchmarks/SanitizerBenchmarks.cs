using BenchmarkDotNet.Attributes;
using Ganss.Xss;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// The sanitizer alone, on the same article HTML: HtmlSanitizer (one instance, reused, as the parser used it) against
/// our allow-list serializer, both from the HTML text and over the tree the parser has already loaded (what a parse
/// pays now). The "measured better" claim of <see cref="ArticleHtml"/> rests on this.
/// </summary>
[MemoryDiagnoser]
public class SanitizerBenchmarks
{
    private readonly HtmlSanitizer sanitizer = new();
    private string html = string.Empty;
    private string url = string.Empty;
    private HtmlNode loaded = null!;

    /// <summary>fixture: the shared article's HTML (4.9 KB); 50 KB: the long report's HTML (hundreds of links).</summary>
    [Params("fixture", "50 KB")]
    public string Input { get; set; } = "fixture";

    [GlobalSetup]
    public void Setup()
    {
        var document = ArticleDocumentReader.Read(Input == "fixture" ? BenchmarkDocuments.Fixture() : BenchmarkDocuments.Sized(50));
        (html, url) = (document.Html, document.Url);
        loaded = SafeHtml.Load(html).DocumentNode;
    }

    [Benchmark(Baseline = true, Description = "HtmlSanitizer (AngleSharp parse + clean + serialize)")]
    public string HtmlSanitizerLibrary() => sanitizer.Sanitize(html, url);

    [Benchmark(Description = "ArticleHtml from the text (HtmlAgilityPack load + allow-list serializer)")]
    public string OursFromText() => ArticleHtml.Sanitize(html, url);

    [Benchmark(Description = "ArticleHtml over a loaded tree, to the end (a parse stops at the row limit)")]
    public string OursOverTree() => ArticleHtml.Sanitize(loaded, url);
}
