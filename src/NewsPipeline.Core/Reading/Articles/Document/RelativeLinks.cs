using HtmlAgilityPack;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>
/// Makes the links of an item's HTML absolute against the article's address, once, when the document is written.
/// Feeds copy their pages' markup, where <c>&lt;img src="/img/cycle-lane.jpg"&gt;</c> and <c>&lt;a href="../x"&gt;</c>
/// are right; in an archive, a JSON Feed or an RSS reader the same links point at whoever serves them.
/// </summary>
public static class RelativeLinks
{
    /// <summary>The item HTML with every relative href, src, poster and srcset resolved; the input itself when none is relative.</summary>
    public static string Resolve(string html, string articleUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!MayHaveLinks(html) || !Uri.TryCreate(articleUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return html;
        }

        HtmlDocument document;
        try
        {
            document = SafeHtml.Load(html);
        }
        catch (ArticleFormatException)
        {
            // Markup too deep to walk: the parser refuses it later with its reason; the writer keeps it as it came.
            return html;
        }

        var changed = false;
        foreach (var node in document.DocumentNode.Descendants())
        {
            if (node.NodeType != HtmlNodeType.Element || !node.HasAttributes)
            {
                continue;
            }

            foreach (var attribute in node.Attributes)
            {
                var resolved = attribute.Name switch
                {
                    "href" or "src" or "poster" => Absolute(System.Net.WebUtility.HtmlDecode(attribute.Value ?? string.Empty), baseUri),
                    "srcset" => AbsoluteSrcset(System.Net.WebUtility.HtmlDecode(attribute.Value ?? string.Empty), baseUri),
                    _ => null,
                };
                if (resolved is not null)
                {
                    attribute.Value = resolved.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
                    attribute.QuoteType = AttributeValueQuote.DoubleQuote;
                    changed = true;
                }
            }
        }

        return changed ? document.DocumentNode.OuterHtml : html;
    }

    private static bool MayHaveLinks(string html) =>
        html.Contains("href", StringComparison.OrdinalIgnoreCase) || html.Contains("src", StringComparison.OrdinalIgnoreCase) ||
        html.Contains("poster", StringComparison.OrdinalIgnoreCase);

    /// <summary>The absolute form of a relative link, or null for one that is absolute already, a fragment, or empty.</summary>
    private static string? Absolute(string value, Uri baseUri)
    {
        var link = value.Trim();
        if (link.Length == 0 || link[0] == '#')
        {
            return null;
        }

        // On Unix "/img/x.jpg" parses as an absolute file: URI; on a page it is a path on the page's site, as is "//host/x".
        if (link[0] != '/' && Uri.TryCreate(link, UriKind.Absolute, out _))
        {
            return null;
        }

        return Uri.TryCreate(baseUri, link, out var absolute) ? absolute.AbsoluteUri : null;
    }

    // "a-480.jpg 480w, /img/a-960.jpg 960w": each candidate's address, its descriptor kept.
    private static string? AbsoluteSrcset(string value, Uri baseUri)
    {
        var changed = false;
        var candidates = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(candidate =>
        {
            var space = candidate.IndexOfAny([' ', '\t', '\n']);
            var url = space < 0 ? candidate : candidate[..space];
            if (Absolute(url, baseUri) is not { } absolute)
            {
                return candidate;
            }

            changed = true;
            return space < 0 ? absolute : absolute + candidate[space..];
        }).ToList();
        return changed ? string.Join(", ", candidates) : null;
    }
}
