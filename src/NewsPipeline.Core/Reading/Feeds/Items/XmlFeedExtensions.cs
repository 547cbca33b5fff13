namespace NewsPipeline.Core.Reading.Feeds.Items;

internal static class XmlFeedExtensions
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string DublinCoreTerms = "http://purl.org/dc/terms/";
    public const string Syndication = "http://purl.org/rss/1.0/modules/syndication/";
    public const string Rss10 = "http://purl.org/rss/1.0/";

    /// <summary>A field's text as the adapters keep it: trimmed, and null when nothing is left.</summary>
    public static string? Trimmed(string? text) =>
        text is null ? null : text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>
    /// Resolves a link against the <c>xml:base</c> values in scope (outermost first: the root's, then each element's
    /// down to the link's context; null where an element has none), else the feed's address.
    /// </summary>
    public static string? ResolveLink(string? link, Uri? feedUri, string? outerBase, string? middleBase = null, string? innerBase = null)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        link = link.Trim();
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return link;
        }

        var baseUri = Against(Against(Against(feedUri, outerBase), middleBase), innerBase);
        return baseUri is not null && Uri.TryCreate(baseUri, link, out var resolved) ? resolved.AbsoluteUri : link;
    }

    private static Uri? Against(Uri? current, string? xmlBase) =>
        xmlBase is not { Length: > 0 } ? current
        : current is null ? Uri.TryCreate(xmlBase, UriKind.Absolute, out var a) ? a : null
        : Uri.TryCreate(current, xmlBase, out var r) ? r : current;
}
