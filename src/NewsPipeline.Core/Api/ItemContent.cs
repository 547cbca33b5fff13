using Azure;
using Ganss.Xss;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;

namespace NewsPipeline.Core.Api;

/// <summary>
/// The article HTML that feed readers show (JSON Feed <c>content_html</c>, RSS <c>description</c>), sanitized.
/// The index rows do not hold the HTML, so it is read from the article blobs of the page only: the cost grows with
/// the page size (at most 100 blob reads, a few at a time), never with the archive. JSON responses skip this.
/// </summary>
public sealed partial class ItemContent(ArticleBlobStore blobs, ILogger<ItemContent> logger)
{
    private const int ParallelReads = 8;

    // Default HtmlSanitizer policy: no script, style, event handlers, javascript: URLs or iframes; links and
    // images keep http(s) URLs. One instance serves every request: Sanitize does not change its configuration.
    private static readonly HtmlSanitizer Sanitizer = new();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public async Task<IReadOnlyDictionary<string, string>> HtmlForAsync(IReadOnlyList<ArticleMetadata> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var html = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (article, ct) => html[article.Id] = Sanitize(await RawHtmlAsync(article, ct).ConfigureAwait(false))).ConfigureAwait(false);
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
