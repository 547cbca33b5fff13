namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>
/// One archived article as stored in a blob: the feed's timestamp, the title and link, and the item HTML.
/// </summary>
/// <param name="FeedPublished">The feed item's date (the <c>&lt;!--ms--&gt;</c> comment); null for variants without one.</param>
/// <param name="HtmlText">The item HTML where it lies in the document's text, not copied out of it (see <see cref="SafeHtml.Load(ReadOnlyMemory{char})"/>).</param>
/// <param name="RawDate">The raw <c>日期：</c> line of the variant that has no comment line.</param>
public sealed record ArticleDocument(
    DateTimeOffset? FeedPublished,
    string Title,
    string Url,
    ReadOnlyMemory<char> HtmlText,
    string? RawDate = null,
    IReadOnlyDictionary<string, string>? FrontMatter = null)
{
    public ArticleDocument(DateTimeOffset? feedPublished, string title, string url, string html, string? rawDate = null, IReadOnlyDictionary<string, string>? frontMatter = null)
        : this(feedPublished, title, url, html.AsMemory(), rawDate, frontMatter)
    {
    }

    /// <summary>The item HTML as a string of its own (a copy, made on each call, unless the document is all HTML).</summary>
    public string Html => HtmlText.ToString();
}
