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
        // One walk over the tree collects everything: XPath over HtmlAgilityPack allocates a navigator per node
        // visited, and several queries cost several walks.
        var text = new StringBuilder();
        var paragraphs = new List<string>();
        var links = new List<string>();
        var self = ArticleId.Canonicalize(articleUrl);
        HtmlNode? figcaption = null, smallCaption = null;
        foreach (var node in Walk(root))
        {
            if (node.NodeType == HtmlNodeType.Text)
            {
                var raw = ((HtmlTextNode)node).Text;
                text.Append(raw.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(raw) : raw).Append(' ');
                continue;
            }

            switch (node.Name)
            {
                case "p" when TextCleaner.Clean(node.InnerText) is { Length: > 0 } paragraph && !Boilerplate.Is(paragraph):
                    paragraphs.Add(paragraph);
                    break;
                case "a" when node.GetAttributeValue("href", null) is { } href
                    && Resolve(HtmlEntity.DeEntitize(href), articleUrl) is { } link && ArticleId.Canonicalize(link) != self && !links.Contains(link):
                    links.Add(link);
                    break;
                case "figcaption":
                    figcaption ??= node;
                    break;
                case "img" when smallCaption is null && NextElement(node) is { } next:
                    smallCaption = next.Name == "small" ? next : next.Name == "div" ? next.Element("small") : null;
                    break;
            }
        }

        var visible = text.ToString();
        var caption = (figcaption ?? smallCaption) is { } captionNode ? TextCleaner.Clean(captionNode.InnerText) : null;
        return new ArticleContent(
            visible,
            TextStatistics.Of(visible),
            paragraphs.Count,
            paragraphs.FirstOrDefault(p => !IsDateOnly(p)),
            string.IsNullOrEmpty(caption) ? null : caption,
            links);
    }

    // A dateline paragraph ("Tue, 24 Nov 2026 07:12 GMT") is not a summary; longer paragraphs are never just a date.
    private static bool IsDateOnly(string paragraph) => paragraph.Length <= 64 && LenientDateParser.TryParse(paragraph, out _);

    /// <summary>The lead image (lazy-loading pages keep it in <c>data-src</c>), and its address behind a proxy.</summary>
    public static (string? Image, string? Original) FindImage(HtmlNode root, string articleUrl)
    {
        foreach (var img in Walk(root).Where(n => n.Name == "img"))
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

    /// <summary>Elements and text nodes in document order, skipping what a reader never sees; an explicit stack, not recursion.</summary>
    private static IEnumerable<HtmlNode> Walk(HtmlNode root)
    {
        var pending = new Stack<HtmlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                yield return node;
            }
            else if (node.NodeType is HtmlNodeType.Element or HtmlNodeType.Document && !Invisible.Contains(node.Name))
            {
                if (node.NodeType == HtmlNodeType.Element)
                {
                    yield return node;
                }

                for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
                {
                    pending.Push(node.ChildNodes[i]);
                }
            }
        }
    }

    private static HtmlNode? NextElement(HtmlNode node)
    {
        for (var next = node.NextSibling; next is not null; next = next.NextSibling)
        {
            if (next.NodeType == HtmlNodeType.Element)
            {
                return next;
            }
        }

        return null;
    }
}
