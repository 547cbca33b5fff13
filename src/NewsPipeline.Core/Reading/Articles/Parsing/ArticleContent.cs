using HtmlAgilityPack;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>What the article's markup holds, whichever document it came in: text, paragraphs, caption, links.</summary>
internal sealed record ArticleContent(
    TextStatistics Statistics,
    int Paragraphs,
    string? SummaryParagraph,
    string? Caption,
    IReadOnlyList<string> Links,
    IReadOnlyList<HtmlNode> Images)
{
    public static ArticleContent Read(HtmlNode root, LinkResolver resolver)
    {
        using var texts = new DecodedText();
        return Read(root, resolver, texts);
    }

    /// <param name="texts">The document's decoded text nodes, shared with the sanitizer.</param>
    public static ArticleContent Read(HtmlNode root, LinkResolver resolver, DecodedText texts)
    {
        // One walk over the tree collects everything, each node visited once: XPath over HtmlAgilityPack allocates a
        // navigator per node, InnerText re-walks a subtree, and a list lookup per link made long reports quadratic.
        // The text is counted node by node and never joined: a long report's text as one string was a large-object
        // allocation, and each of those brings the next gen-2 collection closer.
        var statistics = default(TextStatistics.Counter);
        using var paragraphs = new ParagraphCount();
        var links = new List<string>();
        var images = new List<HtmlNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var self = new SelfLink(resolver.BaseUri, resolver.ArticleUrl);
        HtmlNode? figcaption = null, smallCaption = null;
        // Depth first along HtmlAgilityPack's own sibling and parent links: no stack of pending nodes to fill and drain.
        var node = root;
        while (true)
        {
            if (Enter(node) && node.HasChildNodes)
            {
                node = node.FirstChild;
                continue;
            }

            // Leave the node, and every ancestor whose last child it was, up to one that has a next sibling.
            while (true)
            {
                paragraphs.CloseIfOpened(node);

                if (node == root)
                {
                    return Result();
                }

                if (node.NextSibling is { } next)
                {
                    node = next;
                    break;
                }

                // Every node below the root has a parent; the check is for the compiler.
                if (node.ParentNode is not { } parent)
                {
                    return Result();
                }

                node = parent;
            }
        }

        // Counts the node; true when its children are to be read.
        bool Enter(HtmlNode node)
        {
            if (node.NodeType == HtmlNodeType.Text)
            {
                var decoded = texts.Of((HtmlTextNode)node);
                statistics.Add(decoded);
                paragraphs.Append(decoded);
                return false;
            }

            if (node.NodeType is not (HtmlNodeType.Element or HtmlNodeType.Document))
            {
                return false;
            }

            // One dispatch on the name per element (HtmlAgilityPack gives names in lower case): what a reader never sees,
            // and what the walk collects.
            switch (node.Name)
            {
                case "script" or "style" or "noscript" or "template" or "head" or "title":
                    return false;
                case "p":
                    paragraphs.Open(node);
                    break;
                case "a" when node.GetAttributeValue("href", null) is { } href
                    && resolver.Resolve(href.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(href) : href) is { } link
                    && !self.Is(link) && seen.Add(link):
                    links.Add(link);
                    break;
                case "figcaption":
                    figcaption ??= node;
                    break;
                case "img":
                    images.Add(node);
                    if (smallCaption is null && NextElement(node) is { } next)
                    {
                        smallCaption = next.Name == "small" ? next : next.Name == "div" ? next.Element("small") : null;
                    }

                    break;
            }

            return true;
        }

        ArticleContent Result()
        {
            var caption = (figcaption ?? smallCaption) is { } captionNode ? TextCleaner.Clean(captionNode.InnerText) : null;
            return new ArticleContent(
                statistics.Statistics,
                paragraphs.Kept,
                paragraphs.Summary,
                string.IsNullOrEmpty(caption) ? null : caption,
                links,
                images);
        }
    }

    /// <summary>
    /// The paragraphs that count (not empty, not boilerplate) and the summary: the first of them, in document order,
    /// that is not a dateline. A paragraph's text is what its text nodes say, as InnerText would give it, collected while
    /// it is open. Only short paragraphs can be boilerplate or a dateline, and a paragraph becomes a string only when it
    /// is short or can still be the summary: a long report's paragraphs are counted, not copied.
    /// </summary>
    private sealed class ParagraphCount : IDisposable
    {
        // Longer than any boilerplate, and so than any dateline (IsDateOnly): such a paragraph always counts.
        private const int LongerThanAnyBoilerplate = Boilerplate.MaxLength + 1;

        // The text of the open paragraphs; one nested in another shares its text, so each knows only where its own starts.
        private readonly TextBuffer text = new(4096);

        // Paragraphs are numbered as they open, which is document order; one nested in another closes first.
        private readonly Stack<(HtmlNode Node, int Index, int TextStart)> open = new();
        private int opened;
        private int summaryIndex = int.MaxValue;

        public int Kept { get; private set; }

        public string? Summary { get; private set; }

        public void Open(HtmlNode paragraph) => open.Push((paragraph, opened++, text.Length));

        /// <summary>A text node's decoded text, kept only while a paragraph is open.</summary>
        public void Append(ReadOnlySpan<char> decoded)
        {
            if (open.Count > 0)
            {
                text.Append(decoded);
            }
        }

        /// <summary>Closes the paragraph when the walk leaves it: the innermost open one, as the walk leaves children first.</summary>
        public void CloseIfOpened(HtmlNode node)
        {
            // A reference compared, rather than every element's name read again on the way out.
            if (open.Count == 0 || open.Peek().Node != node)
            {
                return;
            }

            var (_, index, textStart) = open.Pop();
            Close(index, text.Slice(textStart, text.Length - textStart));
            if (open.Count == 0)
            {
                text.Clear();
            }
        }

        public void Dispose() => text.Dispose();

        private void Close(int index, ReadOnlySpan<char> decoded)
        {
            var isLong = TextCleaner.CountVisible(decoded, LongerThanAnyBoilerplate) >= LongerThanAnyBoilerplate;
            if (isLong)
            {
                Kept++;
                if (index < summaryIndex)
                {
                    (Summary, summaryIndex) = (TextCleaner.CleanDecoded(decoded), index);
                }

                return;
            }

            var line = TextCleaner.CleanDecoded(decoded);
            if (line.Length == 0 || Boilerplate.Is(line))
            {
                return;
            }

            Kept++;
            if (index < summaryIndex && !IsDateOnly(line))
            {
                (Summary, summaryIndex) = (line, index);
            }
        }
    }

    /// <summary>Tells whether a link is the article itself, canonicalizing only links on the article's own host.</summary>
    private sealed class SelfLink(Uri? articleUri, string articleUrl)
    {
        private readonly string host = articleUri?.Host ?? string.Empty;

        // The last segment of the article's path (canonicalizing keeps the path as the URI wrote it), or "" when there is
        // none or it holds an escape: then every same-site link is compared.
        private readonly string lastSegment = articleUri?.AbsolutePath is { } path && path[(path.LastIndexOf('/') + 1)..] is var segment
            && !segment.Contains('%', StringComparison.Ordinal) ? segment : string.Empty;

        private string? canonical;

        public bool Is(string link)
        {
            if (!link.Contains(host, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            // Canonical forms differ from what was written only in scheme and host case, port, fragment, dot segments and
            // escapes: a link without '%' that is the article has the last segment of its path as written. Every other
            // link on the site (a long report links its own site hundreds of times) is told apart without a URI parse.
            if (lastSegment.Length > 0 && !link.Contains('%', StringComparison.Ordinal) && !link.Contains(lastSegment, StringComparison.Ordinal))
            {
                return false;
            }

            return ArticleId.Canonicalize(link) == (canonical ??= ArticleId.Canonicalize(articleUrl, articleUri));
        }
    }

    // A dateline paragraph ("Tue, 24 Nov 2026 07:12 GMT") is not a summary; longer paragraphs are never just a date.
    private const int MaxDatelineLength = 64;

    private static bool IsDateOnly(string paragraph) => paragraph.Length <= MaxDatelineLength && LenientDateParser.TryParse(paragraph, out _);

    /// <summary>
    /// The lead image (lazy-loading pages keep it in <c>data-src</c>), and its address behind a proxy. Feed items often
    /// carry a 1×1 tracking pixel or an ad network's banner before the photo; neither is the article's image.
    /// </summary>
    /// <param name="images">The visible images in document order, as <see cref="Read"/> met them on its walk.</param>
    public static (string? Image, string? Original) FindImage(IReadOnlyList<HtmlNode> images, LinkResolver resolver)
    {
        foreach (var img in images)
        {
            if (IsTrackingPixel(img))
            {
                continue;
            }

            var src = img.GetAttributeValue("src", null);
            if (string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                src = img.GetAttributeValue("data-src", null);
            }

            if (!string.IsNullOrWhiteSpace(src) && resolver.Resolve(HtmlEntity.DeEntitize(src)) is { } image
                && ImageProxy.Unwrap(image) is var original && !AdImageHosts.IsAdImage(original))
            {
                return (image, original);
            }
        }

        return (null, null);
    }

    // width="1", height="0", width="1px", style="width:1px": sized so that nobody sees it.
    private static bool IsTrackingPixel(HtmlNode img) =>
        IsInvisibleSize(img.GetAttributeValue("width", null)) || IsInvisibleSize(img.GetAttributeValue("height", null));

    private static bool IsInvisibleSize(string? size) =>
        size is not null && size.AsSpan().Trim().TrimEnd("px") is var digits && digits.Length is > 0 and <= 2
        && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pixels) && pixels <= 1;

    /// <summary>An absolute http(s) URL for a link as written in the article: relative and protocol-relative ones resolved against the article's address.</summary>
    public static string? Resolve(string href, string baseUrl) => Resolve(href, BaseUri(baseUrl));

    /// <summary>The article's address as the base of its relative links, parsed once per document rather than once per link.</summary>
    public static Uri? BaseUri(string articleUrl) => Uri.TryCreate(articleUrl, UriKind.Absolute, out var b) ? b : null;

    /// <inheritdoc cref="Resolve(string, string)"/>
    public static string? Resolve(string href, Uri? baseUri)
    {
        href = href.Trim();
        if (href.Length == 0)
        {
            return null;
        }

        // On Unix "/path" parses as an absolute file: URI; it is a path on the article's site, so not parsed as absolute at all.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? href : null;
        }

        return baseUri is not null && Uri.TryCreate(baseUri, href, out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved.AbsoluteUri
            : null;
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
