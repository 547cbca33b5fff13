using System.Xml.Linq;
using NewsPipeline.Core.Feeds.Encoding;

namespace NewsPipeline.Core.Feeds.Rss;

/// <summary>RSS 0.9x and 2.0 (<c>&lt;rss&gt;&lt;channel&gt;&lt;item&gt;</c>) and RSS 1.0/RDF, whose items are siblings of the channel.</summary>
internal static class RssAdapter
{
    public static ParsedFeed Read(XElement root, Uri? feedUri)
    {
        var isRdf = root.Name.LocalName == "RDF";
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        if (channel is null && !isRdf)
        {
            throw new FeedFormatException("The <rss> document has no <channel>.");
        }

        // RSS 1.0 puts <item> beside <channel>; RSS 2.0 puts it inside.
        var itemParent = isRdf ? root : channel!;
        // Dates follow the channel's language where a zone abbreviation is ambiguous; hybrid feeds declare it with <dc:language>.
        var language = channel?.ChildText("language") ?? channel?.ChildText(XmlFeedExtensions.DublinCore + "language");
        var items = itemParent.Elements().Where(e => e.Name.LocalName == "item").Select(item => ReadItem(item, feedUri, language)).ToList();
        var format = isRdf ? "rss1.0" : "rss" + (root.Attribute("version")?.Value ?? "2.0");
        return new ParsedFeed(format, channel?.ChildText("title"), channel?.ResolveLink(RssLink(channel), feedUri), items)
        {
            // Hybrid feeds declare the channel language with <dc:language> instead of <language>.
            Language = channel?.ChildText("language") ?? channel?.ChildText(XmlFeedExtensions.DublinCore + "language"),
            UpdateInterval = FeedUpdateHints.Read(channel),
        };
    }

    private static FeedItem ReadItem(XElement item, Uri? feedUri, string? language)
    {
        var guidElement = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid");
        var guid = guidElement?.Value.Trim();
        // RSS 2.0: a guid is a permalink unless it says isPermaLink="false".
        var guidIsPermaLink = guid is { Length: > 0 }
            && !string.Equals(guidElement!.Attribute("isPermaLink")?.Value, "false", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(guid, UriKind.Absolute, out var guidUri) && guidUri.Scheme is "http" or "https";

        var rdfAbout = item.Attributes().FirstOrDefault(a => a.Name.LocalName == "about")?.Value;
        var link = RssLink(item) ?? (guidIsPermaLink ? guid : null) ?? rdfAbout;
        // Library and government feeds (and their CMSs) date items only with Dublin Core terms: issued is the
        // publication, created the first draft, modified the last edit, in the order feedparser prefers them.
        var (published, unread) = FeedDates.Read(item.ChildText(XmlFeedExtensions.DublinCore + "language") ?? language,
            item.ChildText("pubDate"), item.ChildText(XmlFeedExtensions.DublinCore + "date"),
            item.ChildText(XmlFeedExtensions.DublinCoreTerms + "issued"), item.ChildText(XmlFeedExtensions.DublinCoreTerms + "created"),
            item.ChildText(XmlFeedExtensions.Atom + "updated"), item.ChildText(XmlFeedExtensions.DublinCoreTerms + "modified"));

        return new FeedItem
        {
            EntryId = string.IsNullOrEmpty(guid) ? null : guid,
            EntryIdIsPermaLink = guidIsPermaLink,
            Link = item.ResolveLink(link, feedUri),
            Title = DoubleEncodedUtf8.Repair(item.ChildText("title") ?? string.Empty),
            ContentHtml = item.ChildText(XmlFeedExtensions.Content + "encoded") ?? item.ChildText("description") ?? string.Empty,
            Published = published,
            UnreadDate = unread,
            Author = FeedExtras.Byline(item.Elements(XmlFeedExtensions.DublinCore + "creator").Select(e => e.Value))
                ?? FeedExtras.Byline(item.Elements("author").Select(e => e.Value)),
            Image = FeedExtras.LeadImage(item, feedUri),
            Language = item.ChildText(XmlFeedExtensions.DublinCore + "language"),
            Categories = FeedExtras.Categories(item.Elements().Where(e => e.Name.LocalName == "category"
                    || e.Name == XmlFeedExtensions.DublinCore + "subject").Select(e => e.Value)),
        };
    }

    // WordPress and others put <atom:link rel="self"/> beside <link>, often first: only RSS's own (unprefixed, or
    // the RSS 1.0 namespace) <link> with text is the article's address.
    private static string? RssLink(XElement element) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == "link"
                && (e.Name.Namespace == XNamespace.None || e.Name.NamespaceName == "http://purl.org/rss/1.0/")
                && e.Value.Trim().Length > 0)?.Value.Trim();
}
