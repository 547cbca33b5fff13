using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds.Encoding;
using NewsPipeline.Core.Reading.Feeds.Items;
using NewsPipeline.Core.Reading.Feeds.Xml;
using static NewsPipeline.Core.Reading.Feeds.Items.XmlFeedExtensions;

namespace NewsPipeline.Core.Reading.Feeds.Rss;

/// <summary>
/// RSS 0.9x and 2.0 (<c>&lt;rss&gt;&lt;channel&gt;&lt;item&gt;</c>) and RSS 1.0/RDF, whose items are siblings of the
/// channel. Read in one pass: each field is the first child element of its name (most in any namespace, as feeds mix
/// them), and items are finished at the end, when the channel's language (which decides ambiguous zone names) is known.
/// </summary>
internal static class RssAdapter
{
    public static ParsedFeed Read(XmlPass pass, Uri? feedUri)
    {
        var isRdf = pass.LocalName == "RDF";
        var version = pass.Attribute("version");
        var rootBase = pass.XmlBase();
        Channel? channel = null;
        var items = new List<Item>();
        if (pass.HasContent(out var depth))
        {
            while (pass.NextChild(depth))
            {
                if (pass.LocalName == "channel")
                {
                    // Only the first channel counts; another one is skipped.
                    if (channel is null)
                    {
                        channel = new Channel(pass.XmlBase());
                        ReadChannel(pass, channel, isRdf ? null : items, rootBase);
                    }
                }
                else if (isRdf && pass.LocalName == "item")
                {
                    // RSS 1.0 puts <item> beside <channel>; RSS 2.0 puts it inside.
                    items.Add(ReadItem(pass, rootBase, null));
                }
            }
        }

        pass.ReadToEnd();
        if (channel is null && !isRdf)
        {
            throw new FeedFormatException("The <rss> document has no <channel>.");
        }

        // Dates follow the channel's language where a zone abbreviation is ambiguous; hybrid feeds declare it with <dc:language>.
        var language = channel is null ? null : Trimmed(channel.Language) ?? Trimmed(channel.DublinCoreLanguage);
        var feedItems = new List<FeedItem>(items.Count);
        foreach (var item in items)
        {
            feedItems.Add(item.ToFeedItem(feedUri, language));
        }

        var format = isRdf ? "rss1.0" : "rss" + (version ?? "2.0");
        return new ParsedFeed(format, Trimmed(channel?.Title), channel is null ? null : ResolveLink(channel.Link, feedUri, rootBase, channel.XmlBase), feedItems)
        {
            Language = language,
            UpdateInterval = channel is null ? null : FeedUpdateHints.Read(Trimmed(channel.Ttl), Trimmed(channel.UpdatePeriod), Trimmed(channel.UpdateFrequency)),
        };
    }

    private static void ReadChannel(XmlPass pass, Channel channel, List<Item>? items, string? rootBase)
    {
        if (!pass.HasContent(out var depth))
        {
            return;
        }

        while (pass.NextChild(depth))
        {
            var name = pass.LocalName;
            var ns = pass.NamespaceUri;
            if (items is not null && name == "item")
            {
                items.Add(ReadItem(pass, rootBase, channel.XmlBase));
                continue;
            }

            var wantsLink = channel.Link is null && name == "link" && IsRssNamespace(ns);
            var wantsTitle = channel.Title is null && name == "title";
            var wantsLanguage = channel.Language is null && name == "language";
            var wantsDcLanguage = channel.DublinCoreLanguage is null && name == "language" && ns == DublinCore;
            var wantsTtl = channel.Ttl is null && name == "ttl";
            var wantsPeriod = channel.UpdatePeriod is null && name == "updatePeriod" && ns == Syndication;
            var wantsFrequency = channel.UpdateFrequency is null && name == "updateFrequency" && ns == Syndication;
            if (!(wantsLink || wantsTitle || wantsLanguage || wantsDcLanguage || wantsTtl || wantsPeriod || wantsFrequency))
            {
                continue;
            }

            var value = pass.ReadValue();
            if (wantsLink && value.AsSpan().Trim().Length > 0)
            {
                channel.Link = value.Trim();
            }

            if (wantsTitle)
            {
                channel.Title = value;
            }

            if (wantsLanguage)
            {
                channel.Language = value;
            }

            if (wantsDcLanguage)
            {
                channel.DublinCoreLanguage = value;
            }

            if (wantsTtl)
            {
                channel.Ttl = value;
            }

            if (wantsPeriod)
            {
                channel.UpdatePeriod = value;
            }

            if (wantsFrequency)
            {
                channel.UpdateFrequency = value;
            }
        }
    }

    private static Item ReadItem(XmlPass pass, string? rootBase, string? channelBase)
    {
        var item = new Item(rootBase, channelBase, pass.XmlBase(), pass.AttributeByLocalName("about"));
        if (!pass.HasContent(out var depth))
        {
            return item;
        }

        while (pass.NextChild(depth))
        {
            var name = pass.LocalName;
            var ns = pass.NamespaceUri;
            var isLink = name == "link";
            var isEnclosure = name == "enclosure" || (isLink && pass.Attribute("rel") == "enclosure");
            if (item.Media.Offer(pass, name, ns, isEnclosure))
            {
                continue;
            }

            // Each field is the first element of its name; RSS's own <link> is the first one with text.
            var wantsGuid = item.Guid is null && name == "guid";
            var wantsLink = item.Link is null && isLink && IsRssNamespace(ns);
            var wantsTitle = item.Title is null && name == "title";
            var wantsPubDate = item.PubDate is null && name == "pubDate";
            var wantsDescription = item.Description is null && name == "description";
            var wantsCategory = name == "category";
            var wantsAuthor = name == "author" && ns.Length == 0;
            var wantsDublinCore = ns == DublinCore && name is "date" or "language" or "creator" or "subject";
            var wantsTerms = ns == DublinCoreTerms && name is "issued" or "created" or "modified";
            var wantsOther = (ns == Content && name == "encoded" && item.Encoded is null)
                || (ns == AtomNamespace && name == "updated" && item.AtomUpdated is null)
                || (ns == FeedExtras.Media && name is "description" or "credit");
            if (!(wantsGuid || wantsLink || wantsTitle || wantsPubDate || wantsDescription || wantsCategory || wantsAuthor || wantsDublinCore || wantsTerms || wantsOther))
            {
                continue;
            }

            var isPermaLink = wantsGuid ? pass.Attribute("isPermaLink") : null;
            var value = pass.ReadValue();
            if (wantsGuid)
            {
                item.Guid = value;
                item.GuidIsPermaLinkAttribute = isPermaLink;
            }

            if (wantsLink && value.AsSpan().Trim().Length > 0)
            {
                item.Link = value.Trim();
            }

            if (wantsTitle)
            {
                item.Title = value;
            }

            if (wantsPubDate)
            {
                item.PubDate = value;
            }

            if (wantsDescription)
            {
                item.Description = value;
            }

            if (wantsCategory)
            {
                (item.Categories ??= []).Add(value);
            }

            if (wantsAuthor)
            {
                (item.Authors ??= []).Add(value);
            }

            if (wantsDublinCore)
            {
                switch (name)
                {
                    case "date":
                        item.DublinCoreDate ??= value;
                        break;
                    case "language":
                        item.Language ??= value;
                        break;
                    case "creator":
                        (item.Creators ??= []).Add(value);
                        break;
                    default:
                        (item.Categories ??= []).Add(value);
                        break;
                }
            }

            if (wantsTerms)
            {
                switch (name)
                {
                    case "issued":
                        item.Issued ??= value;
                        break;
                    case "created":
                        item.Created ??= value;
                        break;
                    default:
                        item.Modified ??= value;
                        break;
                }
            }

            if (ns == Content && name == "encoded")
            {
                item.Encoded ??= value;
            }
            else if (ns == AtomNamespace && name == "updated")
            {
                item.AtomUpdated ??= value;
            }
            else if (ns == FeedExtras.Media && name == "description")
            {
                item.Media.ItemDescription(value);
            }
            else if (ns == FeedExtras.Media && name == "credit")
            {
                item.Media.ItemCredit(value);
            }
        }

        return item;
    }

    // WordPress and others put <atom:link rel="self"/> beside <link>, often first: only RSS's own (unprefixed, or
    // the RSS 1.0 namespace) <link> with text is the article's address.
    private static bool IsRssNamespace(string ns) => ns.Length == 0 || ns == Rss10;

    private sealed class Channel(string? xmlBase)
    {
        public string? XmlBase => xmlBase;
        public string? Title { get; set; }
        public string? Link { get; set; }
        public string? Language { get; set; }
        public string? DublinCoreLanguage { get; set; }
        public string? Ttl { get; set; }
        public string? UpdatePeriod { get; set; }
        public string? UpdateFrequency { get; set; }
    }

    /// <summary>An item's fields as written (untrimmed; null when the element is absent), finished once the feed is read.</summary>
    private sealed class Item(string? rootBase, string? channelBase, string? xmlBase, string? rdfAbout)
    {
        public LeadImageCollector Media { get; } = new();
        public string? Guid { get; set; }
        public string? GuidIsPermaLinkAttribute { get; set; }
        public string? Link { get; set; }
        public string? Title { get; set; }
        public string? PubDate { get; set; }
        public string? Description { get; set; }
        public string? Encoded { get; set; }
        public string? DublinCoreDate { get; set; }
        public string? Language { get; set; }
        public string? Issued { get; set; }
        public string? Created { get; set; }
        public string? Modified { get; set; }
        public string? AtomUpdated { get; set; }
        public List<string?>? Creators { get; set; }
        public List<string?>? Authors { get; set; }
        public List<string?>? Categories { get; set; }

        public FeedItem ToFeedItem(Uri? feedUri, string? channelLanguage)
        {
            var guid = Guid?.Trim();
            // RSS 2.0: a guid is a permalink unless it says isPermaLink="false".
            var guidIsPermaLink = guid is { Length: > 0 }
                && !string.Equals(GuidIsPermaLinkAttribute, "false", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(guid, UriKind.Absolute, out var guidUri) && guidUri.Scheme is "http" or "https";
            var link = Link ?? (guidIsPermaLink ? guid : null) ?? rdfAbout;
            var language = Trimmed(Language);
            // Library and government feeds (and their CMSs) date items only with Dublin Core terms: issued is the
            // publication, created the first draft, modified the last edit, in the order feedparser prefers them.
            var (published, unread) = FeedDates.Read(language ?? channelLanguage,
                Trimmed(PubDate), Trimmed(DublinCoreDate), Trimmed(Issued), Trimmed(Created), Trimmed(AtomUpdated), Trimmed(Modified));
            return new FeedItem
            {
                EntryId = string.IsNullOrEmpty(guid) ? null : guid,
                EntryIdIsPermaLink = guidIsPermaLink,
                Link = ResolveLink(link, feedUri, rootBase, channelBase, xmlBase),
                Title = DoubleEncodedUtf8.Repair(Trimmed(Title) ?? string.Empty),
                ContentHtml = Trimmed(Encoded) ?? Trimmed(Description) ?? string.Empty,
                Published = published,
                UnreadDate = unread,
                Author = FeedExtras.Byline(Creators) ?? FeedExtras.Byline(Authors),
                Image = Media.Choose(feedUri, rootBase, channelBase, xmlBase),
                Language = language,
                Categories = FeedExtras.Categories(Categories),
            };
        }
    }
}
