using System.Globalization;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds.Xml;

namespace NewsPipeline.Core.Reading.Feeds.Items;

/// <summary>
/// What RSS and Atom items say about themselves beside their HTML: the lead image (Media RSS, image enclosures),
/// bylines, the declared language and categories. Shared by the XML adapters, which differ only in where they look.
/// </summary>
internal static class FeedExtras
{
    public const string Media = "http://search.yahoo.com/mrss/";

    /// <summary>More would not fit the blob's metadata (8 KiB for all of it); a story has a handful.</summary>
    public const int MaxCategories = 20;

    private const int MaxCategoryLength = 100;

    private const int MaxCaptionInput = 2000;

    /// <summary>
    /// Bylines as a reader writes them: several names joined with ", ". RSS <c>&lt;author&gt;</c> is an e-mail
    /// address, usually with the name in parentheses (<c>jdoe@example.com (Jane Doe)</c>): the name is kept.
    /// </summary>
    public static string? Byline(IEnumerable<string?>? names)
    {
        if (names is null)
        {
            return null;
        }

        List<string>? kept = null;
        foreach (var raw in names)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var open = name.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && name.EndsWith(')') && name.AsSpan(0, open).Contains('@'))
            {
                name = name[(open + 1)..^1].Trim();
            }

            if (name.Length > 0 && !Contains(kept, name))
            {
                (kept ??= []).Add(name);
            }
        }

        return kept is null ? null : kept.Count == 1 ? kept[0] : string.Join(", ", kept);
    }

    /// <summary>Distinct, trimmed, at most <see cref="MaxCategories"/>.</summary>
    public static IReadOnlyList<string> Categories(IEnumerable<string?>? values)
    {
        if (values is null)
        {
            return [];
        }

        var kept = new List<string>();
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (value is { Length: > 0 and <= MaxCategoryLength } && !Contains(kept, value))
            {
                kept.Add(value);
                if (kept.Count == MaxCategories)
                {
                    break;
                }
            }
        }

        return kept;
    }

    /// <summary>The nearest non-empty <c>xml:lang</c> in scope (innermost first, each as written), as Atom's language inheritance works.</summary>
    public static string? XmlLang(string? inner, string? middle = null, string? outer = null) =>
        XmlFeedExtensions.Trimmed(inner) ?? XmlFeedExtensions.Trimmed(middle) ?? XmlFeedExtensions.Trimmed(outer);

    private static bool Contains(List<string>? kept, string value)
    {
        if (kept is null)
        {
            return false;
        }

        foreach (var k in kept)
        {
            if (string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    // media:description may be type="html"; a caption is text.
    internal static string? PlainText(string? text)
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

/// <summary>
/// Collects, while an item's children go by, what its lead image is chosen from, and chooses as the rules say: the
/// widest Media RSS <c>media:content</c> that is an image (Guardian-style, often several sizes, often without
/// <c>medium</c> or <c>type</c>), the item's own before those of its <c>media:group</c>s; then the widest
/// <c>media:thumbnail</c> (BBC-style); then the first image enclosure (VOA writes <c>&lt;enclosure type="image/jpeg"&gt;</c>,
/// Atom <c>&lt;link rel="enclosure"&gt;</c>). The caption is the chosen element's <c>media:description</c>, else its
/// group's, else the item's; the credit likewise.
/// </summary>
internal sealed class LeadImageCollector
{
    private readonly MediaScope item = new();
    private List<MediaScope>? groups;
    private bool enclosureSeen;
    private string? enclosureUrl;

    /// <summary>
    /// Offers the item's child the reader is on. True when it was a Media RSS element this collector read (the reader
    /// is then at its end); an enclosure is noted from its attributes and left unread (false).
    /// </summary>
    public bool Offer(XmlPass pass, string localName, string ns, bool maybeEnclosure)
    {
        if (maybeEnclosure && !enclosureSeen)
        {
            var type = pass.Attribute("type");
            if (type is not null && type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                enclosureSeen = true;
                enclosureUrl = pass.Attribute("url") ?? pass.Attribute("href");
            }
        }

        if (ns != FeedExtras.Media)
        {
            return false;
        }

        switch (localName)
        {
            case "content":
            case "thumbnail":
                item.Add(pass, localName);
                return true;
            case "group":
                var group = new MediaScope();
                (groups ??= []).Add(group);
                group.ReadChildren(pass);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The item's own <c>media:description</c> (the first) as written; also read as other fields by the RSS adapter.</summary>
    public void ItemDescription(string value) => item.Description ??= value;

    /// <summary>The item's own <c>media:credit</c> (the first) as written.</summary>
    public void ItemCredit(string value) => item.Credit ??= value;

    public FeedImage? Choose(Uri? feedUri, string? outerBase, string? middleBase, string? innerBase)
    {
        var chosen = Widest(true, onlyImages: true) ?? Widest(false, onlyImages: false);
        var url = chosen is null ? enclosureUrl : chosen.Url;
        if (XmlFeedExtensions.ResolveLink(url, feedUri, outerBase, middleBase, innerBase) is not { } resolved || !FeedExtras.IsHttp(resolved))
        {
            return null;
        }

        // Owners: the chosen element, its group (or the item), the item.
        string? description = null, credit = null;
        if (chosen is not null)
        {
            description = FeedExtras.PlainText(XmlFeedExtensions.Trimmed(chosen.Description));
            credit = FeedExtras.PlainText(XmlFeedExtensions.Trimmed(chosen.Credit));
            if (chosen.Scope is { } scope && scope != item)
            {
                description ??= FeedExtras.PlainText(XmlFeedExtensions.Trimmed(scope.Description));
                credit ??= FeedExtras.PlainText(XmlFeedExtensions.Trimmed(scope.Credit));
            }
        }

        description ??= FeedExtras.PlainText(XmlFeedExtensions.Trimmed(item.Description));
        credit ??= FeedExtras.PlainText(XmlFeedExtensions.Trimmed(item.Credit));
        var caption = description is not null && credit is not null && !description.Contains(credit, StringComparison.Ordinal)
            ? description + " " + credit
            : description ?? credit;
        return new FeedImage(resolved, caption);
    }

    private MediaElement? Widest(bool contents, bool onlyImages)
    {
        MediaElement? best = null;
        var bestWidth = 0;
        Consider(contents ? item.Contents : item.Thumbnails);
        if (groups is not null)
        {
            foreach (var group in groups)
            {
                Consider(contents ? group.Contents : group.Thumbnails);
            }
        }

        return best;

        void Consider(List<MediaElement>? elements)
        {
            if (elements is null)
            {
                return;
            }

            foreach (var element in elements)
            {
                if ((onlyImages && !element.IsImage) || string.IsNullOrWhiteSpace(element.Url))
                {
                    continue;
                }

                var width = element.Width;
                if (best is null || width > bestWidth)
                {
                    best = element;
                    bestWidth = width;
                }
            }
        }
    }

    /// <summary>An item or one of its <c>media:group</c>s: the media elements in it, and its own description and credit.</summary>
    private sealed class MediaScope
    {
        public List<MediaElement>? Contents { get; private set; }
        public List<MediaElement>? Thumbnails { get; private set; }
        public string? Description { get; set; }
        public string? Credit { get; set; }

        public void Add(XmlPass pass, string localName)
        {
            var element = new MediaElement(this, pass.Attribute("url"), pass.Attribute("width"), pass.Attribute("medium"), pass.Attribute("type"));
            if (localName == "content")
            {
                (Contents ??= []).Add(element);
            }
            else
            {
                (Thumbnails ??= []).Add(element);
            }

            if (pass.HasContent(out var depth))
            {
                while (pass.NextChild(depth))
                {
                    if (pass.NamespaceUri == FeedExtras.Media)
                    {
                        if (pass.LocalName == "description" && element.Description is null)
                        {
                            element.Description = pass.ReadValue();
                        }
                        else if (pass.LocalName == "credit" && element.Credit is null)
                        {
                            element.Credit = pass.ReadValue();
                        }
                    }
                }
            }
        }

        public void ReadChildren(XmlPass pass)
        {
            if (!pass.HasContent(out var depth))
            {
                return;
            }

            while (pass.NextChild(depth))
            {
                if (pass.NamespaceUri != FeedExtras.Media)
                {
                    continue;
                }

                switch (pass.LocalName)
                {
                    case "content":
                    case "thumbnail":
                        Add(pass, pass.LocalName);
                        break;
                    case "description" when Description is null:
                        Description = pass.ReadValue();
                        break;
                    case "credit" when Credit is null:
                        Credit = pass.ReadValue();
                        break;
                }
            }
        }
    }

    private sealed class MediaElement(MediaScope scope, string? url, string? width, string? medium, string? type)
    {
        public MediaScope Scope => scope;
        public string? Url => url;
        public string? Description { get; set; }
        public string? Credit { get; set; }

        public int Width => int.TryParse(width, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;

        public bool IsImage => medium is not null
            ? medium.Equals("image", StringComparison.OrdinalIgnoreCase)
            : type is null || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
    }
}
