using BenchmarkDotNet.Attributes;
using HtmlAgilityPack;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// The parser's stages one at a time on a tree loaded once, to show where a parse's time goes beyond the load
/// (<c>--filter '*ParserStage*'</c>). The stages only read the tree, so sharing it between invocations is sound.
/// </summary>
[MemoryDiagnoser]
public class ParserStageBenchmarks
{
    private readonly ArticleMetadataParser parser = new(TimeProvider.System);
    private string text = string.Empty;
    private ArticleDocument document = null!;
    private HtmlNode root = null!;
    private string html = string.Empty;
    private string visibleText = string.Empty;
    private TextStatistics statistics;
    private IReadOnlyList<HtmlNode> images = [];

    [Params("fixture", "50 KB")]
    public string Input { get; set; } = "fixture";

    [GlobalSetup]
    public void Setup()
    {
        text = Input == "fixture" ? BenchmarkDocuments.Fixture() : BenchmarkDocuments.Sized(50);
        document = ArticleDocumentReader.Read(text);
        root = SafeHtml.Load(document.HtmlText).DocumentNode;
        html = document.Html;
        // The walk counts its text in place and keeps none: the stages below read the tree's text as InnerText gives it.
        visibleText = root.InnerText;
        statistics = TextStatistics.Of(visibleText);
        images = ArticleContent.Read(root, new LinkResolver(document.Url)).Images;
    }

    [Benchmark(Baseline = true, Description = "whole parse")]
    public ArticleMetadata Parse() => parser.Parse(text);

    [Benchmark(Description = "read the archive header")]
    public ArticleDocument ReadDocument() => ArticleDocumentReader.Read(text);

    // In place, as the parser loads it: the whole archived text read, the header's nodes cut off.
    [Benchmark(Description = "HtmlAgilityPack load (SafeHtml)")]
    public HtmlDocument Load() => SafeHtml.Load(document.HtmlText);

    // What SafeHtml's two options save: the id table and the open-element table a default load keeps.
    [Benchmark(Description = "HtmlAgilityPack load (default options)")]
    public HtmlDocument DefaultLoad()
    {
        var loaded = new HtmlDocument { OptionMaxNestedChildNodes = SafeHtml.MaxNesting };
        loaded.LoadHtml(html);
        return loaded;
    }

    [Benchmark(Description = "content walk")]
    public object Content() => ArticleContent.Read(root, new LinkResolver(document.Url));

    [Benchmark(Description = "sanitize for storage")]
    public string? Sanitize()
    {
        using var texts = new DecodedText();
        return ArticleHtml.SanitizeForStorage(root, new LinkResolver(document.Url), texts);
    }

    [Benchmark(Description = "text statistics")]
    public TextStatistics Statistics() => TextStatistics.Of(visibleText);

    [Benchmark(Description = "language (from the counts)")]
    public string Language() => LanguageDetector.Detect(statistics);

    [Benchmark(Description = "date header")]
    public object Header() => DateHeader.Read(root, document.RawDate, "en");

    [Benchmark(Description = "content hash (XXH3-128 of the UTF-16)")]
    public string ContentHash() => ArticleMetadataParser.Hash(document.HtmlText.Span);

    [Benchmark(Description = "content hash before version 6 (SHA-256 of the UTF-8)")]
    public byte[] Hash() => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(html));

    [Benchmark(Description = "article id (SHA-256 of the canonical link, 20 bytes)")]
    public string Id() => NewsPipeline.Core.Model.Articles.ArticleId.FromUrl(document.Url);

    [Benchmark(Description = "lead image")]
    public (string?, string?) Image() => ArticleContent.FindImage(images, new LinkResolver(document.Url));
}
