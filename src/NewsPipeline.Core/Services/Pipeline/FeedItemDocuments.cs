using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Articles.Document;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>An article ready to store: its id, blob name, document text, and whether its date had to fall back.</summary>
public sealed record ArticleDraft(string Id, string Url, string BlobName, string Text, DateTimeOffset Published, bool DateWasRead, string? UnreadDate)
{
    /// <summary>The blob metadata to store with the document (<see cref="ArticleBlobMetadata"/>): what the format has no place for.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>Turns the items of one feed into archived-article documents, with stable, distinct ids.</summary>
public static class FeedItemDocuments
{
    /// <summary>How far ahead of the fetch an item's date may be (clocks and zones disagree) before it is not believed.</summary>
    public static readonly TimeSpan DefaultFutureTolerance = TimeSpan.FromDays(1);

    /// <param name="fetchedAt">The date of items whose own date is missing, unreadable, or too far in the future.</param>
    /// <param name="futureTolerance">How far past <paramref name="fetchedAt"/> a date is still believed (default a day).</param>
    public static IReadOnlyList<ArticleDraft> From(FeedSource feed, ParsedFeed parsed, Uri? feedUri, DateTimeOffset fetchedAt, TimeSpan? futureTolerance = null)
    {
        var latestBelievable = fetchedAt + (futureTolerance ?? DefaultFutureTolerance);
        var drafts = new List<ArticleDraft>(parsed.Items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in parsed.Items)
        {
            var link = AbsoluteHttp(item.Link) ?? (item.EntryIdIsPermaLink ? AbsoluteHttp(item.EntryId) : null);
            var id = link is not null ? ArticleId.FromUrl(link) : ArticleId.FromContent(item.Title, item.ContentHtml);
            if (!seen.Add(id))
            {
                // Some feeds repeat a guid or link for distinct items (live blogs, corrections): keep each,
                // told apart by their content; a true duplicate (same content too) is dropped.
                id = ArticleId.FromContent(item.Title, item.ContentHtml + "\n" + link + "\n" + item.EntryId);
                if (!seen.Add(id))
                {
                    continue;
                }
            }

            // The document format needs an absolute http(s) link; an item without one points at its site, with its
            // id as the fragment (the parser takes the id from the blob name, so the shared page is no collision).
            var url = link ?? SiteOf(parsed, feedUri, feed) + "#newspipeline-item-" + id;
            // A date far in the future is a feed's mistake (a year typed wrong, a scheduled post leaked): believed, it
            // would sit on top of every list until that day. The item is filed under the fetch time, like an undated
            // one, and the refused date is kept in the blob's metadata.
            var refused = item.Published > latestBelievable ? item.Published : null;
            var feedDate = refused is null ? item.Published : null;
            var published = feedDate ?? fetchedAt;
            var title = item.Title.Length > 0 ? item.Title : url;
            // Relative links in the item HTML are the article page's: resolved here, the archive, JSON Feed and RSS
            // readers all get addresses that work wherever the document is shown.
            var text = ArticleDocumentWriter.Write(published, title, url, RelativeLinks.Resolve(item.ContentHtml, url), new DocumentExtras
            {
                Author = item.Author,
                ImageUrl = item.Image?.Url,
                ImageCaption = item.Image?.Caption,
                // Before 1970 the comment line cannot hold the date: it holds the fetch time, the header the feed's date.
                Stamp = published < ArticleDocumentWriter.EarliestStamp
                    ? (fetchedAt < ArticleDocumentWriter.EarliestStamp ? ArticleDocumentWriter.EarliestStamp : fetchedAt)
                    : null,
            });
            var blobName = feedDate is null ? ArticleBlobName.Undated(feed.Name, id) : ArticleBlobName.For(feed.Name, published, id);
            var unread = refused is { } future
                ? future.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " is in the future"
                : item.UnreadDate;
            drafts.Add(new ArticleDraft(id, url, blobName, text, published, feedDate is not null, unread)
            {
                Metadata = ArticleBlobMetadata.For(feedDate is null, item.UnreadDate, refused, item.Language ?? parsed.Language, item.Categories, fetchedAt),
            });
        }

        return drafts;
    }

    private static string SiteOf(ParsedFeed parsed, Uri? feedUri, FeedSource feed) =>
        AbsoluteHttp(parsed.Link) ?? AbsoluteHttp(feedUri?.AbsoluteUri) ?? $"https://{feed.Name}.invalid/";

    private static string? AbsoluteHttp(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link : null;
}
