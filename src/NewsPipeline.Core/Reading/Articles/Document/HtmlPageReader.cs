using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>
/// Reads a full HTML article page, as a browser's "save page" or a scraper stores it. Publishers state the facts
/// about an article for link previews (Open Graph, <c>article:*</c>, Twitter cards) and for search engines (JSON-LD),
/// so those are read before the visible markup.
/// </summary>
public static class HtmlPageReader
{
    /// <summary>True when the text is an HTML page rather than an archived article (which starts with a comment, front matter or <c>[</c>).</summary>
    public static bool IsHtmlPage(string text)
    {
        var start = text.AsSpan().TrimStart('\uFEFF').TrimStart();
        return start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    public static HtmlArticlePage Read(string text)
    {
        var document = SafeHtml.Load(text);
        var root = document.DocumentNode;
        var head = MetaTags(root);
        var jsonLd = JsonLdArticle.Find(root.SelectNodes("//script[@type='application/ld+json']"));

        var url = Absolute(Meta(head, "og:url"))
            ?? Absolute(root.SelectSingleNode("//link[@rel='canonical']")?.GetAttributeValue("href", string.Empty))
            ?? Absolute(jsonLd?.Url)
            ?? throw new ArticleFormatException("The HTML page does not say its address: no og:url, <link rel=\"canonical\"> or JSON-LD url.");

        var title = Text(Meta(head, "og:title")) ?? Text(jsonLd?.Headline) ?? Text(Meta(head, "twitter:title"))
            ?? Text(root.SelectSingleNode("//title")?.InnerText)
            ?? throw new ArticleFormatException("The HTML page has no title: no og:title, JSON-LD headline, twitter:title or <title>.");

        var body = root.SelectSingleNode("//article") ?? root.SelectSingleNode("//main") ?? root.SelectSingleNode("//body") ?? root;
        var (published, source) = PublishedDate(head, jsonLd, body);

        return new HtmlArticlePage
        {
            Title = title,
            Url = url,
            Published = published,
            PublishedSource = source,
            Author = Text(Meta(head, "author")) ?? NotAUrl(Text(Meta(head, "article:author"))) ?? Text(jsonLd?.Author),
            Image = Meta(head, "og:image") ?? Meta(head, "og:image:url") ?? Meta(head, "twitter:image") ?? jsonLd?.Image,
            Description = Text(Meta(head, "og:description")) ?? Text(Meta(head, "description")) ?? Text(jsonLd?.Description),
            DeclaredLanguage = root.SelectSingleNode("//html")?.GetAttributeValue("lang", string.Empty) is { Length: > 0 } lang ? lang : null,
            Body = body,
            BodyHtml = body.OuterHtml,
        };
    }

    // A zoned date beats a naive one wherever it was found; among equals, meta tags, then JSON-LD, then <time>.
    private static (ParsedDate?, PageDateSource?) PublishedDate(Dictionary<string, string> head, JsonLdArticle? jsonLd, HtmlNode body)
    {
        (string? Text, PageDateSource Source)[] candidates =
        [
            (Meta(head, "article:published_time") ?? Meta(head, "og:published_time") ?? Meta(head, "datePublished")
                ?? Meta(head, "pubdate") ?? Meta(head, "date"), PageDateSource.Meta),
            (jsonLd?.DatePublished, PageDateSource.JsonLd),
            (body.SelectSingleNode(".//time[@datetime]")?.GetAttributeValue("datetime", string.Empty), PageDateSource.Time),
        ];

        (ParsedDate, PageDateSource)? naive = null;
        foreach (var (text, source) in candidates)
        {
            if (LenientDateParser.TryParse(text, out var date))
            {
                if (date.HasZone)
                {
                    return (date, source);
                }

                naive ??= (date, source);
            }
        }

        return naive is { } found ? (found.Item1, found.Item2) : (null, null);
    }

    // Meta tags by property, name or itemprop (first one wins, as crawlers read them), collected in one pass.
    private static Dictionary<string, string> MetaTags(HtmlNode root)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in root.Descendants("meta"))
        {
            var key = meta.GetAttributeValue("property", null) ?? meta.GetAttributeValue("name", null) ?? meta.GetAttributeValue("itemprop", null);
            if (key is not null && HtmlEntity.DeEntitize(meta.GetAttributeValue("content", string.Empty)).Trim() is { Length: > 0 } content)
            {
                tags.TryAdd(key.Trim(), content);
            }
        }

        return tags;
    }

    private static string? Meta(Dictionary<string, string> head, string name) => head.GetValueOrDefault(name);

    private static string? Text(string? value)
    {
        var text = value is null ? null : string.Join(' ', HtmlEntity.DeEntitize(value).Replace('\u3000', ' ')
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.IsNullOrEmpty(text) ? null : text;
    }

    // article:author is often the author's profile URL, which is not a name.
    private static string? NotAUrl(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out _) ? null : value;

    private static string? Absolute(string? url)
    {
        url = url is null ? null : HtmlEntity.DeEntitize(url).Trim();
        return !string.IsNullOrEmpty(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url : null;
    }
}
