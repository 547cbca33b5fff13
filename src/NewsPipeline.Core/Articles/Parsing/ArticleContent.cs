using System.Text;
using HtmlAgilityPack;
using NewsPipeline.Core.Dates;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>What the article's markup holds, whichever document it came in: text, paragraphs, caption, links.</summary>
internal sealed record ArticleContent(
    string Text,
    TextStatistics Statistics,
    int Paragraphs,
    string? SummaryParagraph,
    string? Caption,
    IReadOnlyList<string> Links)
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "title" };

    public static ArticleContent Read(HtmlNode root, string articleUrl)
    {
        var text = VisibleText(root);
        var paragraphs = (root.SelectNodes(".//p") ?? Enumerable.Empty<HtmlNode>())
            .Select(p => TextCleaner.Clean(p.InnerText))
            .Where(p => p.Length > 0 && !Boilerplate.Is(p))
            .ToList();
        return new ArticleContent(
            text,
            TextStatistics.Of(text),
            paragraphs.Count,
            paragraphs.FirstOrDefault(p => !IsDateOnly(p)),
            FindCaption(root),
            OutboundLinks(root, articleUrl));
    }

    // A dateline paragraph ("Tue, 24 Nov 2026 07:12 GMT") is not a summary; longer paragraphs are never just a date.
    private static bool IsDateOnly(string paragraph) => paragraph.Length <= 64 && LenientDateParser.TryParse(paragraph, out _);

    /// <summary>The lead image (lazy-loading pages keep it in <c>data-src</c>), and its address behind a proxy.</summary>
    public static (string? Image, string? Original) FindImage(HtmlNode root, string articleUrl)
    {
        foreach (var img in root.SelectNodes(".//img") ?? Enumerable.Empty<HtmlNode>())
        {
            var src = img.GetAttributeValue("src", null);
            if (string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                src = img.GetAttributeValue("data-src", null);
            }

            if (!string.IsNullOrWhiteSpace(src) && Resolve(HtmlEntity.DeEntitize(src), articleUrl) is { } image)
            {
                return (image, ImageProxy.Unwrap(image));
            }
        }

        return (null, null);
    }

    /// <summary>An absolute http(s) URL for a link as written in the article: relative and protocol-relative ones resolved against the article's address.</summary>
    public static string? Resolve(string href, string baseUrl)
    {
        href = href.Trim();
        if (href.Length == 0)
        {
            return null;
        }

        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && !href.StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" ? href : null;
        }

        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && Uri.TryCreate(b, href, out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved.AbsoluteUri
            : null;
    }

    private static string? FindCaption(HtmlNode root)
    {
        var caption = root.SelectSingleNode(".//figcaption")
            ?? root.SelectSingleNode(".//img/following-sibling::*[1][self::div]/small")
            ?? root.SelectSingleNode(".//img/following-sibling::*[1][self::small]");
        var text = caption is null ? null : TextCleaner.Clean(caption.InnerText);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string VisibleText(HtmlNode root)
    {
        var text = new StringBuilder();
        // An explicit stack rather than recursion: the depth is bounded by SafeHtml, but no need to spend the call stack on it.
        var pending = new Stack<HtmlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                text.Append(HtmlEntity.DeEntitize(node.InnerText)).Append(' ');
            }
            else if (node.NodeType is HtmlNodeType.Element or HtmlNodeType.Document && !Invisible.Contains(node.Name))
            {
                for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
                {
                    pending.Push(node.ChildNodes[i]);
                }
            }
        }

        return text.ToString();
    }

    // Links out of the article: in-page anchors and links back to the article itself are not outbound.
    private static List<string> OutboundLinks(HtmlNode root, string articleUrl)
    {
        var self = ArticleId.Canonicalize(articleUrl);
        return (root.SelectNodes(".//a[@href]") ?? Enumerable.Empty<HtmlNode>())
            .Select(a => Resolve(HtmlEntity.DeEntitize(a.GetAttributeValue("href", string.Empty)), articleUrl))
            .OfType<string>()
            .Where(href => ArticleId.Canonicalize(href) != self)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
