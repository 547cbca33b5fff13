using Azure;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// The article HTML that feed readers show (JSON Feed <c>content_html</c>, RSS <c>description</c>), sanitized, and the
/// body only: the archive's header line (author and date) is taken off here, when it is served, so rows stored before
/// are served the same way; the author and date go out as the item's fields.
/// The parser sanitizes it once and the timeline row holds it, so a page costs no blob read. Only articles whose HTML
/// was too big for a row, or rows written before parser version 4, are read from their blobs and sanitized here: the
/// cost grows with the page size (at most 100 blob reads, a few at a time), never with the archive. JSON responses skip this.
/// </summary>
public sealed partial class ItemContent(ArticleBlobStore blobs, ILogger<ItemContent> logger)
{
    private const int ParallelReads = 8;

    public async Task<IReadOnlyDictionary<string, string>> HtmlForAsync(IReadOnlyList<ArticleMetadata> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var html = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            if (article.ContentHtml is { } stored)
            {
                html[article.Id] = ArticleHtml.WithoutHeaderLine(stored, article.Language);
            }
        }

        var unsanitized = articles.Where(a => a.ContentHtml is null).ToList();
        await Parallel.ForEachAsync(unsanitized, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (article, ct) => html[article.Id] = ArticleHtml.WithoutHeaderLine(
                ArticleHtml.Sanitize(await RawHtmlAsync(article, ct).ConfigureAwait(false), article.Url), article.Language)).ConfigureAwait(false);
        return html;
    }

    private async Task<string> RawHtmlAsync(ArticleMetadata article, CancellationToken cancellationToken)
    {
        var summary = "<p>" + System.Net.WebUtility.HtmlEncode(article.Summary ?? string.Empty) + "</p>";
        if (article.BlobName is null)
        {
            return summary;
        }

        try
        {
            return ArticleDocumentReader.Read(await blobs.ReadAsync(article.BlobName, cancellationToken).ConfigureAwait(false)).Html;
        }
        catch (Exception e) when (e is RequestFailedException or ArticleFormatException)
        {
            // The feed still lists the item; its summary stands in for the body.
            LogBlobUnreadable(article.Id, article.BlobName, e.Message);
            return summary;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {Id}: blob {BlobName} could not be read for its HTML ({Reason}); serving the summary instead. Check the blob, or re-run the parse stage")]
    private partial void LogBlobUnreadable(string id, string blobName, string reason);
}
