using System.Xml.Linq;
using NewsPipeline.Core.Feeds.Encoding;

namespace NewsPipeline.Core.Feeds.Atom;

/// <summary>Atom 1.0, and Atom 0.3 where it differs only in namespace and date element names.</summary>
internal static class AtomAdapter
{
    public static ParsedFeed Read(XElement root, Uri? feedUri)
    {
        var ns = root.Name.Namespace;
        var language = Language(root);
        var items = root.Elements(ns + "entry").Select(entry => ReadEntry(entry, ns, feedUri, Language(entry) ?? language)).ToList();
        var format = ns == XmlFeedExtensions.Atom ? "atom1.0" : "atom0.3";
        return new ParsedFeed(format, root.ChildText(ns + "title"), root.ResolveLink(AlternateLink(root, ns), feedUri), items)
        {
            Language = FeedExtras.XmlLang(root),
        };
    }

    private static FeedItem ReadEntry(XElement entry, XNamespace ns, Uri? feedUri, string? language)
    {
        // An entry edited twice may carry two <updated>; the first one counts, as feedparser reads it.
        var (published, unread) = FeedDates.Read(language, entry.ChildText(ns + "published"), entry.ChildText(ns + "issued"),
            entry.ChildText(ns + "updated"), entry.ChildText(ns + "modified"));
        var content = entry.Element(ns + "content") ?? entry.Element(ns + "summary");
        return new FeedItem
        {
            EntryId = entry.ChildText(ns + "id"),
            EntryIdIsPermaLink = false,
            Link = entry.ResolveLink(AlternateLink(entry, ns), feedUri),
            Title = DoubleEncodedUtf8.Repair(entry.ChildText(ns + "title") ?? string.Empty),
            ContentHtml = content is null ? string.Empty : ContentAsHtml(content),
            Published = published,
            UnreadDate = unread,
            // An entry without its own <author> has the feed's (RFC 4287 4.2.1).
            Author = FeedExtras.Byline(entry.Elements(ns + "author").Select(a => a.ChildText(ns + "name")))
                ?? FeedExtras.Byline(entry.Parent?.Elements(ns + "author").Select(a => a.ChildText(ns + "name")) ?? []),
            Image = FeedExtras.LeadImage(entry, feedUri),
            Language = FeedExtras.XmlLang(content) ?? FeedExtras.XmlLang(entry),
            Categories = FeedExtras.Categories(entry.Elements(ns + "category").Select(c => (string?)c.Attribute("term") ?? (string?)c.Attribute("label"))),
        };
    }

    private static string? AlternateLink(XElement element, XNamespace ns)
    {
        // A <link> without href (an empty placeholder some generators write first) is no link at all: it must not
        // hide the rel="alternate" after it.
        var links = element.Elements(ns + "link").Where(l => !string.IsNullOrWhiteSpace((string?)l.Attribute("href"))).ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        return (string?)(alternate ?? links.FirstOrDefault())?.Attribute("href");
    }

    private static string? Language(XElement element) =>
        element.Attribute(XNamespace.Xml + "lang")?.Value is { Length: > 0 } lang ? lang : null;

    // type="xhtml" wraps markup in a <div>; type="html" and "text" carry it as text.
    private static string ContentAsHtml(XElement content)
    {
        if ((string?)content.Attribute("type") == "xhtml")
        {
            var div = content.Elements().FirstOrDefault();
            return div is null ? content.Value.Trim() : string.Concat(div.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))).Trim();
        }

        if ((string?)content.Attribute("type") == "text")
        {
            return System.Net.WebUtility.HtmlEncode(content.Value.Trim());
        }

        return content.Value.Trim();
    }
}
