using NewsPipeline.Core.Articles;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage.Blobs;

namespace NewsPipeline.Core.Pipeline;

/// <summary>An article ready to store: its id, blob name, document text, and whether its date had to fall back.</summary>
public sealed record ArticleDraft(string Id, string Url, string BlobName, string Text, DateTimeOffset Published, bool DateWasRead, string? UnreadDate);

/// <summary>Turns the items of one feed into archived-article documents, with stable, distinct ids.</summary>
public static class FeedItemDocuments
{
    /// <param name="fetchedAt">The date of items whose own date is missing or unreadable.</param>
    public static IReadOnlyList<ArticleDraft> From(FeedSource feed, ParsedFeed parsed, Uri? feedUri, DateTimeOffset fetchedAt)
    {
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
            var published = item.Published ?? fetchedAt;
            var title = item.Title.Length > 0 ? item.Title : url;
            var text = ArticleDocumentWriter.Write(published, title, url, item.ContentHtml);
            var blobName = item.Published is null ? ArticleBlobStore.UndatedBlobNameFor(feed.Name, id) : ArticleBlobStore.BlobNameFor(feed.Name, published, id);
            drafts.Add(new ArticleDraft(id, url, blobName, text, published, item.Published is not null, item.UnreadDate));
        }

        return drafts;
    }

    private static string SiteOf(ParsedFeed parsed, Uri? feedUri, FeedSource feed) =>
        AbsoluteHttp(parsed.Link) ?? AbsoluteHttp(feedUri?.AbsoluteUri) ?? $"https://{feed.Name}.invalid/";

    private static string? AbsoluteHttp(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link : null;
}
