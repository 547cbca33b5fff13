using System.Text.Json;
using NewsPipeline.Core.Feeds.Encoding;

namespace NewsPipeline.Core.Feeds.JsonFeed;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedAdapter
{
    public static ParsedFeed Read(ReadOnlySpan<byte> content, Uri? feedUri)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !Text(root, "version").StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
        {
            throw new FeedFormatException("The JSON document has no \"version\" of https://jsonfeed.org/version/…: this is not a JSON Feed.");
        }

        // Relative item URLs point into the site: resolve them against home_page_url, else the feed's own address.
        var siteUri = Uri.TryCreate(Text(root, "home_page_url"), UriKind.Absolute, out var home) ? home : feedUri;
        var items = root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(i => ReadItem(i, siteUri, NullIfEmpty(Text(root, "language")))).ToList()
            : [];
        var version = Text(root, "version")["https://jsonfeed.org/version/".Length..];
        return new ParsedFeed("jsonfeed" + version, NullIfEmpty(Text(root, "title")), NullIfEmpty(Text(root, "home_page_url")), items);
    }

    private static FeedItem ReadItem(JsonElement item, Uri? siteUri, string? language)
    {
        var (published, unread) = FeedDates.Read(NullIfEmpty(Text(item, "language")) ?? language, Text(item, "date_published"), Text(item, "date_modified"));
        var url = NullIfEmpty(Text(item, "url"));
        if (url is not null && siteUri is not null && !Uri.IsWellFormedUriString(url, UriKind.Absolute) && Uri.TryCreate(siteUri, url, out var resolved))
        {
            url = resolved.AbsoluteUri;
        }

        var html = NullIfEmpty(Text(item, "content_html")) ?? System.Net.WebUtility.HtmlEncode(Text(item, "content_text"));
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
            Author = NullIfEmpty(author),
        };
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
