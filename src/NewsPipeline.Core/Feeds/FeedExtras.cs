using System.Globalization;
using System.Xml.Linq;

namespace NewsPipeline.Core.Feeds;

/// <summary>
/// What RSS and Atom items say about themselves beside their HTML: the lead image (Media RSS, image enclosures),
/// bylines, the declared language and categories. Shared by the XML adapters, which differ only in where they look.
/// </summary>
internal static class FeedExtras
{
    public static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    /// <summary>More would not fit the blob's metadata (8 KiB for all of it); a story has a handful.</summary>
    public const int MaxCategories = 20;

    private const int MaxCategoryLength = 100;

    private const int MaxCaptionInput = 2000;

    /// <summary>
    /// The item's lead image. Guardian-style <c>media:content</c> (often several sizes, often without <c>medium</c> or
    /// <c>type</c>) wins, the widest first; then BBC-style <c>media:thumbnail</c>; then an image enclosure (VOA writes
    /// <c>&lt;enclosure type="image/jpeg"&gt;</c>, Atom <c>&lt;link rel="enclosure"&gt;</c>).
    /// </summary>
    public static FeedImage? LeadImage(XElement item, Uri? feedUri)
    {
        var scopes = new List<XElement> { item };
        scopes.AddRange(item.Elements(Media + "group"));

        var content = Widest(scopes.SelectMany(s => s.Elements(Media + "content")).Where(IsImageContent));
        var thumbnail = content is null ? Widest(scopes.SelectMany(s => s.Elements(Media + "thumbnail"))) : null;
        var chosen = content ?? thumbnail;
        string? url = chosen is null ? null : (string?)chosen.Attribute("url");
        if (chosen is null)
        {
            var enclosure = item.Elements().FirstOrDefault(e => (e.Name.LocalName == "enclosure"
                    || (e.Name.LocalName == "link" && (string?)e.Attribute("rel") == "enclosure"))
                && ((string?)e.Attribute("type"))?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true);
            url = enclosure is null ? null : (string?)enclosure.Attribute("url") ?? (string?)enclosure.Attribute("href");
        }

        if (item.ResolveLink(url, feedUri) is not { } resolved || !IsHttp(resolved))
        {
            return null;
        }

        // A caption sits on the chosen media element, else on its group or the item; the credit likewise.
        var owners = new[] { chosen, chosen?.Parent, item }.OfType<XElement>().Distinct().ToList();
        var description = owners.Select(o => PlainText(o.ChildText(Media + "description"))).FirstOrDefault(t => t is not null);
        var credit = owners.Select(o => PlainText(o.ChildText(Media + "credit"))).FirstOrDefault(t => t is not null);
        var caption = description is not null && credit is not null && !description.Contains(credit, StringComparison.Ordinal)
            ? description + " " + credit
            : description ?? credit;
        return new FeedImage(resolved, caption);
    }

    /// <summary>
    /// Bylines as a reader writes them: several names joined with ", ". RSS <c>&lt;author&gt;</c> is an e-mail
    /// address, usually with the name in parentheses (<c>jdoe@example.com (Jane Doe)</c>): the name is kept.
    /// </summary>
    public static string? Byline(IEnumerable<string?> names)
    {
        var kept = new List<string>();
        foreach (var raw in names)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var open = name.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && name.EndsWith(')') && name[..open].Contains('@', StringComparison.Ordinal))
            {
                name = name[(open + 1)..^1].Trim();
            }

            if (name.Length > 0 && !kept.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(name);
            }
        }

        return kept.Count == 0 ? null : string.Join(", ", kept);
    }

    /// <summary>Distinct, trimmed, at most <see cref="MaxCategories"/>.</summary>
    public static IReadOnlyList<string> Categories(IEnumerable<string?> values) =>
        values.Select(v => v?.Trim()).OfType<string>()
            .Where(v => v.Length is > 0 and <= MaxCategoryLength)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxCategories).ToList();

    /// <summary>The nearest <c>xml:lang</c> in scope, as Atom's language inheritance works.</summary>
    public static string? XmlLang(XElement? element)
    {
        for (var e = element; e is not null; e = e.Parent)
        {
            if (e.Attribute(XNamespace.Xml + "lang")?.Value.Trim() is { Length: > 0 } lang)
            {
                return lang;
            }
        }

        return null;
    }

    private static bool IsImageContent(XElement content)
    {
        var medium = (string?)content.Attribute("medium");
        var type = (string?)content.Attribute("type");
        return medium is not null
            ? medium.Equals("image", StringComparison.OrdinalIgnoreCase)
            : type is null || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
    }

    private static XElement? Widest(IEnumerable<XElement> elements) =>
        elements.Where(e => !string.IsNullOrWhiteSpace((string?)e.Attribute("url")))
            .Select((e, i) => (Element: e, Width: Width(e), Order: i))
            .OrderByDescending(c => c.Width).ThenBy(c => c.Order)
            .Select(c => c.Element).FirstOrDefault();

    private static int Width(XElement element) =>
        int.TryParse((string?)element.Attribute("width"), NumberStyles.None, CultureInfo.InvariantCulture, out var width) ? width : 0;

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    // media:description may be type="html"; a caption is text.
    private static string? PlainText(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // A caption is a sentence or two; a longer one is cut before it is parsed, which also bounds any nesting.
        text = text.Length <= MaxCaptionInput ? text : text[..MaxCaptionInput];
        if (text.Contains('<', StringComparison.Ordinal))
        {
            var document = new HtmlAgilityPack.HtmlDocument();
            document.LoadHtml(text);
            text = document.DocumentNode.InnerText;
        }

        var clean = string.Join(' ', System.Net.WebUtility.HtmlDecode(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length > 0 ? clean : null;
    }
}
