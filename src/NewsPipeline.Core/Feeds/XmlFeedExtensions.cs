using System.Xml.Linq;

namespace NewsPipeline.Core.Feeds;

internal static class XmlFeedExtensions
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace DublinCoreTerms = "http://purl.org/dc/terms/";
    public static readonly XNamespace Syndication = "http://purl.org/rss/1.0/modules/syndication/";

    /// <summary>The trimmed text of the first child with this local name, in any namespace or none.</summary>
    public static string? ChildText(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } text ? text : null;

    public static string? ChildText(this XElement element, XName name) =>
        element.Element(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>Resolves a link against xml:base in scope, else the feed's address.</summary>
    public static string? ResolveLink(this XElement context, string? link, Uri? feedUri)
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

        var baseUri = XmlBase(context, feedUri);
        return baseUri is not null && Uri.TryCreate(baseUri, link, out var resolved) ? resolved.AbsoluteUri : link;
    }

    private static Uri? XmlBase(XElement? element, Uri? feedUri)
    {
        var bases = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            if (e.Attribute(XNamespace.Xml + "base")?.Value is { Length: > 0 } value)
            {
                bases.Push(value);
            }
        }

        var current = feedUri;
        foreach (var value in bases)
        {
            current = current is null
                ? Uri.TryCreate(value, UriKind.Absolute, out var a) ? a : null
                : Uri.TryCreate(current, value, out var r) ? r : current;
        }

        return current;
    }
}
