using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using Ganss.Xss;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Document;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// The article HTML that feed readers are given: sanitized, with relative links and images made absolute.
/// </summary>
/// <remarks>
/// An allow-list serializer over the HtmlAgilityPack tree the parser has already built, not a cleaner of the input:
/// it writes from scratch only the elements and attributes listed below, with every text and attribute value
/// HTML-encoded, so nothing the input says can become markup in the output, however the input was nested or escaped
/// (the tree HtmlAgilityPack built may differ from a browser's; the output is plain enough that it cannot). It is much
/// cheaper than HtmlSanitizer, which parses the text again with AngleSharp and builds a second DOM (the measurements are
/// in docs/decisions/0003-sanitizer.md); HtmlSanitizer stays as the tests' oracle: our
/// output is a fixed point of it (it removes nothing more) and keeps no script, handler or script URL.
/// </remarks>
public static class ArticleHtml
{
    /// <summary>
    /// The longest sanitized HTML kept with the article: a table string property holds 64 KiB of UTF-16 (32,768
    /// characters), less a margin. Longer HTML is not stored (the feed formats read such an article from its blob), so
    /// the serializer stops as soon as its output passes this rather than writing a long report to the end for nothing.
    /// </summary>
    public const int MaxStoredLength = 32_000;

    // Elements written out, with their allowed attributes (the names are all in HtmlSanitizer's default allow-list);
    // those written without an end tag; and those dropped with everything inside: active content, raw-text elements
    // (whose content a browser reads as text or script, not as the tree HtmlAgilityPack built), foreign content (SVG,
    // MathML), forms, and what is not shown. Every other element (custom elements, span-like wrappers of unknown name,
    // picture, video) is unwrapped: its children are written, it is not.
    private static readonly FrozenDictionary<string, ElementRule> Rules = BuildRules();

    private enum ElementKind
    {
        Unwrapped,
        Allowed,
        Void,
        Dropped,
    }

    private readonly record struct ElementRule(ElementKind Kind, string[] Attributes);

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\u00A0");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"\u00A0");

    /// <summary>The sanitized HTML to store with the article, or null when it is longer than <see cref="MaxStoredLength"/>.</summary>
    /// <param name="root">The tree the parser loaded: it is not parsed again.</param>
    /// <param name="links">The article's links as the parser's walk resolved them.</param>
    /// <param name="texts">The text nodes as the parser's walk decoded them.</param>
    internal static string? SanitizeForStorage(HtmlNode root, LinkResolver links, DecodedText texts) => Sanitize(root, links, texts, MaxStoredLength);

    /// <summary>Sanitizes HTML text, for HTML that no parse has loaded yet (an article read from its blob).</summary>
    /// <param name="articleUrl">The article's address: a feed reader shows the HTML out of its page, where "/photo.jpg" means nothing.</param>
    public static string Sanitize(string html, string articleUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        HtmlDocument document;
        try
        {
            document = SafeHtml.Load(html);
        }
        catch (ArticleFormatException)
        {
            // Nested deeper than HtmlAgilityPack is allowed to go (hundreds of unclosed tags): the library, whose parser
            // has no such limit, cleans it.
            return new HtmlSanitizer().Sanitize(html, Uri.TryCreate(articleUrl, UriKind.Absolute, out _) ? articleUrl : string.Empty);
        }

        return Sanitize(document.DocumentNode, articleUrl);
    }

    /// <summary>
    /// The article's body: sanitized HTML without the header line an archived document opens with
    /// (<c>&lt;div&gt;&lt;i&gt;{author&lt;br&gt;}{date}&lt;/i&gt;&lt;/div&gt;</c>, in any form <see cref="DateHeader"/> reads). Its author and
    /// date are the article's fields; a feed reader given them again as HTML shows them as the first line of the body.
    /// HTML that does not open with such a line is returned as it is. Cheap when there is none: only a leading
    /// <c>&lt;div&gt;</c> with no block inside is loaded and read.
    /// </summary>
    /// <param name="html">HTML as <see cref="Sanitize(string, string)"/> writes it (or as a row stores it).</param>
    /// <param name="language">The article's language, which decides what an ambiguous zone abbreviation means.</param>
    public static string WithoutHeaderLine(string html, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.Length - html.AsSpan().TrimStart().Length;
        var rest = html.AsSpan(start);
        if (!rest.StartsWith("<div", StringComparison.Ordinal) || rest.Length < 5 || rest[4] is not ('>' or ' '))
        {
            return html;
        }

        var end = rest.IndexOf("</div>", StringComparison.Ordinal);
        if (end < 0)
        {
            return html;
        }

        // A header line holds text and inline markup only; a paragraph, image or block inside means it is the article.
        var inside = rest[4..end];
        if (HasTag(inside, "div") || HasTag(inside, "p") || HasTag(inside, "img"))
        {
            return html;
        }

        HtmlDocument line;
        try
        {
            line = SafeHtml.Load(rest[..(end + "</div>".Length)].ToString());
        }
        catch (ArticleFormatException)
        {
            // Nested past what HtmlAgilityPack is allowed: no header line looks like that.
            return html;
        }

        return DateHeader.Read(line.DocumentNode, null, language).Date is null ? html : html[(start + end + "</div>".Length)..];
    }

    // "<name" as a start tag: followed by '>', '/' or white space before attributes.
    private static bool HasTag(ReadOnlySpan<char> html, string name)
    {
        for (var at = html.IndexOf('<'); at >= 0; at = html.IndexOf('<'))
        {
            var tag = html[(at + 1)..];
            if (tag.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (tag.Length == name.Length || tag[name.Length] is '>' or '/' || char.IsWhiteSpace(tag[name.Length])))
            {
                return true;
            }

            html = tag;
        }

        return false;
    }

    /// <summary>Writes the allowed part of a tree (the node itself too when it is an allowed element).</summary>
    public static string Sanitize(HtmlNode root, string articleUrl)
    {
        using var texts = new DecodedText();
        return Sanitize(root, new LinkResolver(articleUrl), texts, int.MaxValue)!;
    }

    // Null when the output passes maxLength (checked per node, so a node's own text may carry it a little past).
    private static string? Sanitize(HtmlNode root, LinkResolver links, DecodedText texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(root);
        var output = PooledBuilders.Rent(Math.Min(root.OwnerDocument?.Text?.Length ?? 256, MaxStoredLength));
        // Depth first along HtmlAgilityPack's sibling and parent links, as the parser's walk goes: no stack of pending nodes.
        var node = root;
        while (output.Length <= maxLength)
        {
            if (Enter(output, node, links, texts) && node.FirstChild is { } child)
            {
                node = child;
                continue;
            }

            // Leave the node, and every ancestor whose last child it was (writing their end tags), up to one that has a next sibling.
            while (node != root && node.NextSibling is null && node.ParentNode is { } parent)
            {
                node = parent;
                Leave(output, node);
            }

            if (node == root || node.NextSibling is not { } next)
            {
                break;
            }

            node = next;
        }

        if (output.Length > maxLength)
        {
            PooledBuilders.Return(output);
            return null;
        }

        return PooledBuilders.ToStringAndReturn(output);
    }

    // Writes what the node is (its text, or its start tag); true when its children are to be written next.
    private static bool Enter(StringBuilder output, HtmlNode node, LinkResolver links, DecodedText texts)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                AppendEncoded(output, texts.Of((HtmlTextNode)node), TextSpecials);
                return false;
            case HtmlNodeType.Document:
                return node.HasChildNodes;
            case HtmlNodeType.Element:
                // One lookup decides the element: written, written without an end tag, dropped, or (not listed) unwrapped.
                var name = node.Name;
                Rules.TryGetValue(name, out var rule);
                switch (rule.Kind)
                {
                    case ElementKind.Dropped:
                        return false;
                    case ElementKind.Unwrapped:
                        return node.HasChildNodes;
                }

                output.Append('<').Append(name);
                AppendAttributes(output, node, rule.Attributes, links);
                output.Append('>');
                if (rule.Kind == ElementKind.Void)
                {
                    return false;
                }

                if (!node.HasChildNodes)
                {
                    output.Append("</").Append(name).Append('>');
                    return false;
                }

                return true;
            default:
                // Comments (and CDATA sections, which HtmlAgilityPack reads as comments) are never written.
                return false;
        }
    }

    // The end tag of an element whose children were written, when it was written itself (not unwrapped).
    private static void Leave(StringBuilder output, HtmlNode node)
    {
        if (node.NodeType == HtmlNodeType.Element && Rules.TryGetValue(node.Name, out var rule) && rule.Kind == ElementKind.Allowed)
        {
            output.Append("</").Append(node.Name).Append('>');
        }
    }

    private static void AppendAttributes(StringBuilder output, HtmlNode node, string[] allowed, LinkResolver links)
    {
        if (!node.HasAttributes || allowed.Length == 0)
        {
            return;
        }

        foreach (var name in allowed)
        {
            // The first of duplicate attributes counts, as in a browser.
            var value = Value(node, name);
            if (value is null)
            {
                continue;
            }

            if (name is "href" or "src")
            {
                // A lazy-loading page keeps the photo in data-src and a placeholder (or nothing) in src.
                if (name == "src" && (value.AsSpan().Trim().Length == 0 || value.AsSpan().TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
                {
                    value = Value(node, "data-src") ?? value;
                }

                value = SafeUrl(value, links);
                if (value is null)
                {
                    continue;
                }
            }

            output.Append(' ').Append(name).Append("=\"");
            AppendEncoded(output, value, AttributeSpecials);
            output.Append('"');
        }
    }

    // The decoded value of the first attribute of that name. By index: the collection's enumerator is boxed, one allocation
    // per allowed name of every element written.
    private static string? Value(HtmlNode node, string name)
    {
        var attributes = node.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (string.Equals(attribute.OriginalName, name, StringComparison.OrdinalIgnoreCase))
            {
                var raw = attribute.Value ?? string.Empty;
                return raw.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(raw) : raw;
            }
        }

        return null;
    }

    /// <summary>
    /// An http(s) URL that starts with its scheme as written, so that no browser can read another scheme into it
    /// (<c>java&amp;#x09;script:</c>, a leading control character): everything else, data: and javascript: included, is dropped.
    /// </summary>
    private static string? SafeUrl(string value, LinkResolver links)
    {
        if (HasOtherScheme(value) || links.Resolve(value) is not { } url)
        {
            return null;
        }

        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        // An absolute URL the URI parser accepts that is written otherwise ("http:host/x"): its canonical form.
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
    }

    /// <summary>
    /// Whether a browser would read a scheme other than http(s) into the value: browsers ignore tabs, line breaks and
    /// leading control characters in a URL, so <c>java&amp;#x09;script:</c> is javascript: to them even though it is no
    /// absolute URI to .NET (which would resolve it as a harmless relative path; dropping it is what a reader expects).
    /// </summary>
    private static bool HasOtherScheme(string value)
    {
        Span<char> scheme = stackalloc char[5];
        var length = 0;
        var longer = false;
        foreach (var c in value)
        {
            if (c <= ' ')
            {
                continue;
            }

            if (c is '/' or '?' or '#')
            {
                return false;
            }

            if (c == ':')
            {
                return longer || !(scheme[..length].Equals("http", StringComparison.OrdinalIgnoreCase) || scheme[..length].Equals("https", StringComparison.OrdinalIgnoreCase));
            }

            if (length < scheme.Length)
            {
                scheme[length++] = c;
            }
            else
            {
                longer = true;
            }
        }

        return false;
    }

    // As HtmlSanitizer's formatter writes them: & < > and NBSP in text; " too in attribute values.
    private static void AppendEncoded(StringBuilder output, ReadOnlySpan<char> value, SearchValues<char> specials)
    {
        var rest = value;
        for (var next = rest.IndexOfAny(specials); next >= 0; next = rest.IndexOfAny(specials))
        {
            output.Append(rest[..next]);
            output.Append(rest[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&nbsp;",
            });
            rest = rest[(next + 1)..];
        }

        output.Append(rest);
    }

    private static FrozenDictionary<string, ElementRule> BuildRules()
    {
        string[] common = ["title", "lang", "dir"];
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in new[]
        {
            "p", "div", "span", "br", "hr", "wbr", "blockquote", "pre", "code", "kbd", "samp", "var", "q", "cite", "abbr", "dfn",
            "em", "strong", "b", "i", "u", "s", "strike", "small", "big", "sub", "sup", "mark", "del", "ins", "tt", "center",
            "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
            "section", "article", "aside", "header", "footer", "main", "nav", "address", "details", "summary",
            "ruby", "rt", "rp", "bdi", "table", "caption", "thead", "tbody", "tfoot", "tr", "colgroup",
        })
        {
            allowed[name] = common;
        }

        allowed["a"] = ["href", .. common];
        allowed["img"] = ["src", "alt", "width", "height", .. common];
        allowed["td"] = ["colspan", "rowspan", .. common];
        allowed["th"] = ["colspan", "rowspan", "scope", .. common];
        allowed["col"] = ["span", .. common];
        allowed["time"] = ["datetime", .. common];
        allowed["ol"] = ["start", .. common];

        var rules = allowed.ToDictionary(e => e.Key, e => new ElementRule(ElementKind.Allowed, e.Value), StringComparer.Ordinal);
        foreach (var name in new[] { "br", "hr", "img", "wbr", "col" })
        {
            rules[name] = rules[name] with { Kind = ElementKind.Void };
        }

        foreach (var name in new[]
        {
            "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math", "template",
            "noscript", "noembed", "noframes", "xmp", "plaintext", "listing", "textarea", "title", "head", "base", "link", "meta",
            "select", "option", "optgroup", "datalist", "button", "input", "keygen", "map", "area", "canvas", "source", "track",
        })
        {
            rules[name] = new ElementRule(ElementKind.Dropped, []);
        }

        return rules.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
