using System.Text.Json;
using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// Timeline rows carry what a list returns, so a page of the timeline is one query and no point reads; only the by-id
/// row keeps the links (up to 30 KB of JSON), which only <c>/api/items/{id}</c> returns.
/// </summary>
internal static class ArticleEntityMapper
{
    // A table property holds at most 64 KiB; an article with thousands of links keeps the first ones.
    private const int MaxLinksJsonLength = 30_000;

    // Every timeline row carries the categories: hundreds of them keep the first that fit, like the links.
    private const int MaxCategoriesJsonLength = 8_000;

    /// <param name="withLinks">The by-id row: timeline rows leave the links out.</param>
    public static TableEntity ToEntity(ArticleMetadata m, string partitionKey, string rowKey, bool withLinks = false)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Id"] = m.Id,
            ["Url"] = Capped(m.Url),
            ["Title"] = Capped(m.Title),
            ["Source"] = m.Source,
            ["Site"] = m.Site,
            ["FeedPublished"] = m.FeedPublished,
            ["Published"] = m.Published,
            ["PublishedOrigin"] = m.PublishedOrigin.ToString(),
            ["Author"] = CappedOrNull(m.Author),
            ["Image"] = CappedOrNull(m.Image),
            ["ImageOriginal"] = CappedOrNull(m.ImageOriginal),
            ["Caption"] = CappedOrNull(m.Caption),
            ["Summary"] = CappedOrNull(m.Summary),
            ["Language"] = m.Language,
            ["Paragraphs"] = m.Paragraphs,
            ["Characters"] = m.Characters,
            ["Words"] = m.Words,
            ["Links"] = withLinks ? JsonListWithin(m.Links, MaxLinksJsonLength) : null,
            ["Categories"] = m.Categories.Count == 0 ? null : JsonListWithin(m.Categories, MaxCategoriesJsonLength),
            ["ContentHash"] = m.ContentHash,
            ["BlobName"] = m.BlobName,
            ["ParserVersion"] = m.ParserVersion,
            ["Story"] = m.Story,
        };

        // The feed formats read the sanitized HTML from the row; one too big for a property is read from the blob instead.
        if (m.ContentHtml is { Length: <= MaxContentHtmlLength } html)
        {
            entity[ContentHtmlColumn] = html;
        }

        return entity;
    }

    /// <summary>The column of the sanitized HTML, which only the feed formats read.</summary>
    public const string ContentHtmlColumn = "ContentHtml";

    // A string property holds 64 KiB of UTF-16: 32,768 characters, less a margin. The parser stops sanitizing at the same length.
    public const int MaxContentHtmlLength = ArticleHtml.MaxStoredLength;

    /// <summary>
    /// What a page of JSON items reads (<c>$select</c>): the keys (Azurite returns only the columns named) and the
    /// list's fields; not the sanitized HTML, which only the feed formats read (<see cref="FeedListColumns"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> ListColumns =
    [
        "PartitionKey", "RowKey", "Timestamp", "Id", "Url", "Title", "Source", "Site", "FeedPublished", "Published", "PublishedOrigin",
        "Author", "Image", "ImageOriginal", "Caption", "Summary", "Language", "Words", "BlobName", "Story",
    ];

    /// <summary>What a page of RSS or JSON Feed reads: the list's columns, the sanitized HTML and the feed's categories (tags).</summary>
    public static readonly IReadOnlyList<string> FeedListColumns = [.. ListColumns, ContentHtmlColumn, "Categories"];

    public static ArticleMetadata FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("Id"),
        Url = e.GetString("Url"),
        Title = e.GetString("Title"),
        Source = e.GetString("Source"),
        Site = e.GetString("Site"),
        FeedPublished = e.GetDateTimeOffset("FeedPublished"),
        Published = e.GetDateTimeOffset("Published") ?? DateTimeOffset.UnixEpoch,
        PublishedOrigin = Enum.TryParse<PublishedOrigin>(e.GetString("PublishedOrigin"), out var origin) ? origin : PublishedOrigin.Fallback,
        Author = e.GetString("Author"),
        Image = e.GetString("Image"),
        ImageOriginal = e.GetString("ImageOriginal"),
        Caption = e.GetString("Caption"),
        Summary = e.GetString("Summary"),
        Language = e.GetString("Language") ?? "other",
        Paragraphs = e.GetInt32("Paragraphs") ?? 0,
        Characters = e.GetInt32("Characters") ?? 0,
        Words = e.GetInt32("Words") ?? 0,
        Links = e.GetString("Links") is { Length: > 0 } links ? JsonSerializer.Deserialize<List<string>>(links) ?? [] : [],
        Categories = e.GetString("Categories") is { Length: > 0 } categories ? JsonSerializer.Deserialize<List<string>>(categories) ?? [] : [],
        ContentHash = e.GetString("ContentHash") ?? string.Empty,
        BlobName = e.GetString("BlobName"),
        ParserVersion = e.GetInt32("ParserVersion") ?? 0,
        ContentHtml = e.GetString(ContentHtmlColumn),
        Story = e.GetString("Story"),
    };

    // Under the 64 KiB a property may hold; only a malformed document has a title or link this long.
    private const int MaxTextLength = 8_000;

    private static string Capped(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];

    private static string? CappedOrNull(string? text) => text is null ? null : Capped(text);

    private static string JsonListWithin(IReadOnlyList<string> values, int maxLength)
    {
        var kept = new List<string>(values.Count);
        var length = 2;
        foreach (var link in values)
        {
            // Count what is stored: the escaped JSON string ("&" becomes \u0026, non-ASCII \uXXXX) and its comma.
            length += JsonSerializer.Serialize(link).Length + 1;
            if (length > maxLength)
            {
                break;
            }

            kept.Add(link);
        }

        return JsonSerializer.Serialize(kept);
    }
}
