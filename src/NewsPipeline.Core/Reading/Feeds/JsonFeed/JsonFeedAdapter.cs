using System.Text.Json;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds.Encoding;
using NewsPipeline.Core.Reading.Feeds.Items;

namespace NewsPipeline.Core.Reading.Feeds.JsonFeed;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedAdapter
{
    /// <summary>A JSON Feed nests four deep (feed, items, item, authors); more is refused before it costs anything.</summary>
    public const int MaxDepth = 32;

    public static ParsedFeed Read(ReadOnlySpan<byte> content, Uri? feedUri)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !Text(root, "version").StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
        {
            throw new FeedFormatException("The JSON document has no \"version\" of https://jsonfeed.org/version/…: this is not a JSON Feed.");
        }

        // Relative item URLs point into the site: resolve them against home_page_url, else the feed's own address.
        var siteUri = Uri.TryCreate(Text(root, "home_page_url"), UriKind.Absolute, out var home) ? home : feedUri;
        var items = root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(i => ReadItem(i, siteUri, root)).ToList()
            : [];
        var version = Text(root, "version")["https://jsonfeed.org/version/".Length..];
        return new ParsedFeed("jsonfeed" + version, NullIfEmpty(Text(root, "title")), NullIfEmpty(Text(root, "home_page_url")), items)
        {
            Language = NullIfEmpty(Text(root, "language")),
        };
    }

    private static FeedItem ReadItem(JsonElement item, Uri? siteUri, JsonElement feed)
    {
        var (published, unread) = FeedDates.Read(NullIfEmpty(Text(item, "language")) ?? NullIfEmpty(Text(feed, "language")), Text(item, "date_published"), Text(item, "date_modified"));
        var url = NullIfEmpty(Text(item, "url"));
        if (url is not null && siteUri is not null && !Uri.IsWellFormedUriString(url, UriKind.Absolute) && Uri.TryCreate(siteUri, url, out var resolved))
        {
            url = resolved.AbsoluteUri;
        }

        // An item's content, else its summary ("a plain text sentence or two"), as RSS falls back on the description and
        // Atom on the summary: the archived body is the richest text the item carries.
        var html = NullIfEmpty(Text(item, "content_html"))
            ?? NullIfEmpty(System.Net.WebUtility.HtmlEncode(Text(item, "content_text")))
            ?? System.Net.WebUtility.HtmlEncode(Text(item, "summary"));
        var author = item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0
            ? Text(authors[0], "name")
            : item.TryGetProperty("author", out var single) ? Text(single, "name") : string.Empty;
        return new FeedItem
        {
            EntryId = NullIfEmpty(Text(item, "id")),
            EntryIdIsPermaLink = false,
            Link = url,
            Title = DoubleEncodedUtf8.Repair(Text(item, "title")),
            ContentHtml = html,
            Published = published,
            UnreadDate = unread,
            // JSON Feed 1.1 authors are an array; 1.0 had one author; an item without either has the feed's.
            Author = Authors(item) ?? Authors(feed) ?? NullIfEmpty(author),
            Image = Resolve(NullIfEmpty(Text(item, "image")) ?? NullIfEmpty(Text(item, "banner_image")), siteUri) is { } image ? new FeedImage(image, null) : null,
            Language = NullIfEmpty(Text(item, "language")),
            Categories = item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? FeedExtras.Categories(tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()))
                : [],
        };
    }

    private static string? Authors(JsonElement owner) =>
        owner.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            ? FeedExtras.Byline(authors.EnumerateArray().Select(a => Text(a, "name")))
            : owner.TryGetProperty("author", out var single) ? FeedExtras.Byline([Text(single, "name")]) : null;

    private static string? Resolve(string? url, Uri? siteUri)
    {
        if (url is null)
        {
            return null;
        }

        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var direct) && !url.StartsWith('/') ? direct
            : siteUri is not null && Uri.TryCreate(siteUri, url, out var resolved) ? resolved : null;
        return absolute is { Scheme: "http" or "https" } ? absolute.AbsoluteUri : null;
    }

    // JSON Feed ids may be numbers in the wild although the spec says string.
    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Trim(),
                JsonValueKind.Number => value.GetRawText(),
                _ => string.Empty,
            }
            : string.Empty;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
