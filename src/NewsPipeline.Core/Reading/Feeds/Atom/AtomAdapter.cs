using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds.Encoding;
using NewsPipeline.Core.Reading.Feeds.Items;
using NewsPipeline.Core.Reading.Feeds.Xml;
using static NewsPipeline.Core.Reading.Feeds.Items.XmlFeedExtensions;

namespace NewsPipeline.Core.Reading.Feeds.Atom;

/// <summary>
/// Atom 1.0, and Atom 0.3 where it differs only in namespace and date element names. Read in one pass; entries are
/// finished at the end, when the feed's own authors (which an entry without any inherits) are known.
/// </summary>
internal static class AtomAdapter
{
    public static ParsedFeed Read(XmlPass pass, Uri? feedUri)
    {
        var ns = pass.NamespaceUri;
        var rootBase = pass.XmlBase();
        var rootLang = pass.XmlLang();
        string? title = null;
        List<(string Href, string? Rel)>? links = null;
        List<string?>? authors = null;
        var entries = new List<Entry>();
        if (pass.HasContent(out var depth))
        {
            while (pass.NextChild(depth))
            {
                if (pass.NamespaceUri != ns)
                {
                    continue;
                }

                switch (pass.LocalName)
                {
                    case "entry":
                        entries.Add(ReadEntry(pass, ns, rootBase));
                        break;
                    case "title" when title is null:
                        title = pass.ReadValue();
                        break;
                    case "link":
                        AddLink(pass, ref links);
                        break;
                    case "author":
                        (authors ??= []).Add(AuthorName(pass, ns));
                        break;
                }
            }
        }

        pass.ReadToEnd();
        var language = Language(rootLang);
        var items = new List<FeedItem>(entries.Count);
        foreach (var entry in entries)
        {
            items.Add(entry.ToFeedItem(feedUri, rootBase, rootLang, language, authors));
        }

        var format = ns == XmlFeedExtensions.AtomNamespace ? "atom1.0" : "atom0.3";
        return new ParsedFeed(format, Trimmed(title), ResolveLink(AlternateLink(links), feedUri, rootBase), items)
        {
            Language = FeedExtras.XmlLang(rootLang),
        };
    }

    private static Entry ReadEntry(XmlPass pass, string ns, string? rootBase)
    {
        var entry = new Entry(pass.XmlBase(), pass.XmlLang());
        if (!pass.HasContent(out var depth))
        {
            return entry;
        }

        while (pass.NextChild(depth))
        {
            var name = pass.LocalName;
            var elementNs = pass.NamespaceUri;
            var isEnclosure = name == "enclosure" || (name == "link" && pass.Attribute("rel") == "enclosure");
            if (entry.Media.Offer(pass, name, elementNs, isEnclosure))
            {
                continue;
            }

            if (elementNs != ns)
            {
                if (elementNs == FeedExtras.Media && name == "description")
                {
                    entry.Media.ItemDescription(pass.ReadValue());
                }
                else if (elementNs == FeedExtras.Media && name == "credit")
                {
                    entry.Media.ItemCredit(pass.ReadValue());
                }

                continue;
            }

            switch (name)
            {
                // An entry edited twice may carry two <updated>; the first one counts, as feedparser reads it.
                case "published" when entry.Published is null:
                    entry.Published = pass.ReadValue();
                    break;
                case "issued" when entry.Issued is null:
                    entry.Issued = pass.ReadValue();
                    break;
                case "updated" when entry.Updated is null:
                    entry.Updated = pass.ReadValue();
                    break;
                case "modified" when entry.Modified is null:
                    entry.Modified = pass.ReadValue();
                    break;
                case "content" when entry.Content is null:
                    entry.Content = ReadContent(pass);
                    break;
                case "summary" when entry.Summary is null:
                    entry.Summary = ReadContent(pass);
                    break;
                case "id" when entry.Id is null:
                    entry.Id = pass.ReadValue();
                    break;
                case "title" when entry.Title is null:
                    entry.Title = pass.ReadValue();
                    break;
                case "link":
                    AddLink(pass, ref entry.Links);
                    break;
                case "author":
                    (entry.Authors ??= []).Add(AuthorName(pass, ns));
                    break;
                case "category":
                    (entry.Categories ??= []).Add(pass.Attribute("term") ?? pass.Attribute("label"));
                    break;
            }
        }

        return entry;
    }

    // A <link> without href (an empty placeholder some generators write first) is no link at all: it must not
    // hide the rel="alternate" after it.
    private static void AddLink(XmlPass pass, ref List<(string Href, string? Rel)>? links)
    {
        if (pass.Attribute("href") is { } href && !string.IsNullOrWhiteSpace(href))
        {
            (links ??= []).Add((href, pass.Attribute("rel")));
        }
    }

    private static string? AlternateLink(List<(string Href, string? Rel)>? links)
    {
        if (links is null)
        {
            return null;
        }

        foreach (var (href, rel) in links)
        {
            if (rel is null or "alternate")
            {
                return href;
            }
        }

        return links[0].Href;
    }

    // The author's <name>: the first one, trimmed; null when it has none.
    private static string? AuthorName(XmlPass pass, string ns)
    {
        string? name = null;
        if (pass.HasContent(out var depth))
        {
            while (pass.NextChild(depth))
            {
                if (name is null && pass.LocalName == "name" && pass.NamespaceUri == ns)
                {
                    name = pass.ReadValue();
                }
            }
        }

        return Trimmed(name);
    }

    // type="xhtml" wraps markup in a <div>, written back as markup; type="html" and "text" carry it as text.
    private static Content ReadContent(XmlPass pass)
    {
        var type = pass.Attribute("type");
        var lang = pass.XmlLang();
        return type == "xhtml" ? new Content(type, lang, XhtmlWriter.ReadContent(pass)) : new Content(type, lang, pass.ReadValue());
    }

    private static string? Language(string? xmlLang) => xmlLang is { Length: > 0 } ? xmlLang : null;

    /// <summary>A content or summary element: its type, its xml:lang, and its text (for xhtml, already its markup).</summary>
    private sealed record Content(string? Type, string? XmlLang, string Text)
    {
        public string AsHtml() => Type switch
        {
            "xhtml" => Text,
            "text" => System.Net.WebUtility.HtmlEncode(Text.Trim()),
            _ => Text.Trim(),
        };
    }

    /// <summary>An entry's fields as written (untrimmed; null when the element is absent).</summary>
    private sealed class Entry(string? xmlBase, string? xmlLang)
    {
        public List<(string Href, string? Rel)>? Links;

        public LeadImageCollector Media { get; } = new();
        public string? Published { get; set; }
        public string? Issued { get; set; }
        public string? Updated { get; set; }
        public string? Modified { get; set; }
        public Content? Content { get; set; }
        public Content? Summary { get; set; }
        public string? Id { get; set; }
        public string? Title { get; set; }
        public List<string?>? Authors { get; set; }
        public List<string?>? Categories { get; set; }

        public FeedItem ToFeedItem(Uri? feedUri, string? rootBase, string? rootLang, string? feedLanguage, List<string?>? feedAuthors)
        {
            var (published, unread) = FeedDates.Read(Language(xmlLang) ?? feedLanguage,
                Trimmed(Published), Trimmed(Issued), Trimmed(Updated), Trimmed(Modified));
            var content = Content ?? Summary;
            return new FeedItem
            {
                EntryId = Trimmed(Id),
                EntryIdIsPermaLink = false,
                Link = ResolveLink(AlternateLink(Links), feedUri, rootBase, xmlBase),
                Title = DoubleEncodedUtf8.Repair(Trimmed(Title) ?? string.Empty),
                ContentHtml = content is null ? string.Empty : content.AsHtml(),
                Published = published,
                UnreadDate = unread,
                // An entry without its own <author> has the feed's (RFC 4287 4.2.1).
                Author = FeedExtras.Byline(Authors) ?? FeedExtras.Byline(feedAuthors),
                Image = Media.Choose(feedUri, rootBase, xmlBase, null),
                Language = FeedExtras.XmlLang(content?.XmlLang, xmlLang, rootLang),
                Categories = FeedExtras.Categories(Categories),
            };
        }
    }
}
