using System.Security.Cryptography;
using System.Text;
using HtmlAgilityPack;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Dates;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>Extracts an article's metadata from its archived document.</summary>
public sealed class ArticleMetadataParser(TimeProvider clock)
{
    /// <summary>Bumped whenever the parser's output changes, so that <c>newsfeed reindex</c> knows which rows are stale.</summary>
    public const int Version = 1;

    /// <summary>Parses a document's text; throws <see cref="ArticleFormatException"/> with the reason when it is not an article.</summary>
    /// <param name="blobName">The blob it was read from, whose first segment is the source it was fetched for.</param>
    public ArticleMetadata Parse(string text, string? blobName = null)
    {
        var document = ArticleDocumentReader.Read(text);
        var html = new HtmlDocument();
        html.LoadHtml(document.Html);
        var root = html.DocumentNode;

        var (published, origin) = ChoosePublished(document, root);
        var (image, imageOriginal) = FindImage(root, document.Url);
        var visibleText = VisibleText(root);
        var statistics = TextStatistics.Of(visibleText);
        var paragraphs = RealParagraphs(root).ToList();
        var site = Uri.TryCreate(document.Url, UriKind.Absolute, out var url) ? url.Host : null;

        return new ArticleMetadata
        {
            Id = ArticleId.FromUrl(document.Url),
            Url = document.Url,
            Title = HtmlEntity.DeEntitize(document.Title).Replace('\u3000', ' ').Trim(),
            Source = SourceOf(blobName) ?? SiteName(site) ?? "unknown",
            Site = site,
            FeedPublished = document.FeedPublished,
            Published = published,
            PublishedOrigin = origin,
            Author = document.FrontMatter?.GetValueOrDefault("author"),
            Image = image,
            ImageOriginal = imageOriginal,
            Caption = FindCaption(root),
            Summary = paragraphs.Count > 0 ? SummaryBuilder.Build(paragraphs[0]) : null,
            Language = LanguageDetector.Detect(visibleText, statistics),
            Paragraphs = paragraphs.Count,
            Characters = statistics.Characters,
            Words = statistics.Words,
            Links = OutboundLinks(root, document.Url),
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Html))),
            BlobName = blobName,
            ParserVersion = Version,
        };
    }

    private (DateTimeOffset, PublishedOrigin) ChoosePublished(ArticleDocument document, HtmlNode root)
    {
        var header = root.SelectSingleNode("(//div/i)[1]")?.InnerText;
        var hasVisibleDate = LenientDateParser.TryParse(HtmlEntity.DeEntitize(header ?? document.RawDate), out var visible);

        // A header with a zone is the outlet's own statement of the publication time. A naive one has no
        // zone, so the comment's exact machine timestamp wins over it.
        if (hasVisibleDate && visible.HasZone)
        {
            return (visible.Value, PublishedOrigin.Header);
        }

        if (document.FeedPublished is { } feedPublished)
        {
            return (feedPublished, PublishedOrigin.Comment);
        }

        if (hasVisibleDate)
        {
            return (visible.Value, PublishedOrigin.Header);
        }

        if (LenientDateParser.TryParse(document.FrontMatter?.GetValueOrDefault("date"), out var frontMatterDate))
        {
            return (frontMatterDate.Value, PublishedOrigin.Meta);
        }

        return (clock.GetUtcNow(), PublishedOrigin.Fallback);
    }

    private static (string? Image, string? Original) FindImage(HtmlNode root, string articleUrl)
    {
        var src = root.SelectSingleNode("//img[@src]")?.GetAttributeValue("src", string.Empty);
        if (string.IsNullOrWhiteSpace(src))
        {
            return (null, null);
        }

        var image = Resolve(HtmlEntity.DeEntitize(src), articleUrl);
        return image is null ? (null, null) : (image, ImageProxy.Unwrap(image));
    }

    private static string? FindCaption(HtmlNode root)
    {
        var caption = root.SelectSingleNode("//figcaption") ?? root.SelectSingleNode("//img/following-sibling::*[1][self::div]/small");
        var text = caption is null ? null : CleanText(caption.InnerText);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static IEnumerable<string> RealParagraphs(HtmlNode root) =>
        (root.SelectNodes("//p") ?? Enumerable.Empty<HtmlNode>())
            .Select(p => CleanText(p.InnerText))
            .Where(text => text.Length > 0);

    private static string VisibleText(HtmlNode root)
    {
        var text = new StringBuilder();
        foreach (var node in root.DescendantsAndSelf())
        {
            if (node.NodeType == HtmlNodeType.Text && node.ParentNode?.Name is not ("script" or "style"))
            {
                text.Append(HtmlEntity.DeEntitize(node.InnerText)).Append(' ');
            }
        }

        return text.ToString();
    }

    private static List<string> OutboundLinks(HtmlNode root, string articleUrl) =>
        (root.SelectNodes("//a[@href]") ?? Enumerable.Empty<HtmlNode>())
            .Select(a => Resolve(HtmlEntity.DeEntitize(a.GetAttributeValue("href", string.Empty)), articleUrl))
            .OfType<string>()
            .Where(href => href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string? Resolve(string href, string baseUrl)
    {
        href = href.Trim();
        if (href.Length == 0)
        {
            return null;
        }

        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return href;
        }

        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && Uri.TryCreate(b, href, out var resolved)
            ? resolved.AbsoluteUri
            : null;
    }

    private static string CleanText(string html) =>
        HtmlEntity.DeEntitize(html).Replace('\u00A0', ' ').Replace('\u3000', ' ').Trim();

    private static string? SourceOf(string? blobName)
    {
        var slash = blobName?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? blobName![..slash] : null;
    }

    private static string? SiteName(string? host) =>
        host is null ? null : host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
