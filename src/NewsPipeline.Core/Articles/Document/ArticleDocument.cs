namespace NewsPipeline.Core.Articles.Document;

/// <summary>
/// One archived article as stored in a blob: the feed's timestamp, the title and link, and the item HTML.
/// </summary>
/// <param name="FeedPublished">The feed item's date (the <c>&lt;!--ms--&gt;</c> comment); null for variants without one.</param>
/// <param name="RawDate">The raw <c>日期：</c> line of the variant that has no comment line.</param>
public sealed record ArticleDocument(
    DateTimeOffset? FeedPublished,
    string Title,
    string Url,
    string Html,
    string? RawDate = null,
    IReadOnlyDictionary<string, string>? FrontMatter = null);
