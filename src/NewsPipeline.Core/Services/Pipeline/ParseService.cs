using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>The result of parsing one blob: its metadata, or the reason it could not be read.</summary>
public sealed record ParseOutcome(string BlobName, ArticleMetadata? Article, string? FailureReason)
{
    public bool Succeeded => Article is not null;
}

/// <summary>
/// The parse stage: one blob in, its metadata rows out. A document that is not an article is recorded as a
/// failure and reported, never thrown, so that an Event Grid delivery is not retried forever on poison input.
/// Storage errors do throw: those are worth a retry.
/// </summary>
public sealed partial class ParseService(
    ArticleBlobStore blobs,
    ArticleIndexStore index,
    ParseFailureStore failures,
    ArticleMetadataParser parser,
    StoryClusterer stories,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<ParseService> logger)
{
    /// <summary>Upper bound on a document the parser will read; archived articles are a few hundred KB at most.</summary>
    public const int MaxDocumentChars = 16 * 1024 * 1024;

    /// <summary>Reads the blob and its metadata (one request) and parses them.</summary>
    public Task<ParseOutcome> ParseBlobAsync(string blobName, CancellationToken cancellationToken) => ParseBlobAsync(blobName, false, cancellationToken);

    /// <param name="reparse">A blob parsed again (reindex, import): its ingest lag was measured at its first parse.</param>
    public async Task<ParseOutcome> ParseBlobAsync(string blobName, bool reparse, CancellationToken cancellationToken)
    {
        var (content, metadata) = await blobs.ReadWithMetadataAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await ParseAsync(blobName, content, metadata, reparse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a document that has no blob metadata (an import read from disk, a test).</summary>
    public Task<ParseOutcome> ParseAsync(string blobName, string content, CancellationToken cancellationToken) =>
        ParseAsync(blobName, content, null, cancellationToken);

    /// <param name="metadata">The blob's metadata as the trigger or the download delivered it: fetched dates, the feed's language, categories.</param>
    public Task<ParseOutcome> ParseAsync(string blobName, string content, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        ParseAsync(blobName, content, metadata, false, cancellationToken);

    private async Task<ParseOutcome> ParseAsync(string blobName, string content, IDictionary<string, string>? metadata, bool reparse, CancellationToken cancellationToken)
    {
        ArticleMetadata article;
        ArticleBlobMetadata blobMetadata;
        try
        {
            if (content.Length > MaxDocumentChars)
            {
                throw new ArticleFormatException($"The document is {content.Length:N0} characters, over the {MaxDocumentChars:N0} the parser reads.");
            }

            blobMetadata = ArticleBlobMetadata.Read(metadata);
            article = parser.Parse(content, blobName, blobMetadata);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return await FailedAsync(blobName, e.Message, cancellationToken).ConfigureAwait(false);
        }

        // The story before the rows, so every row (the change feed's too) carries the story as it was known on arrival.
        // A re-parse finds the article's first assignment and gives the same story.
        if (stories.Settings.Enabled)
        {
            var decision = await stories.AssignAsync(StoryInput.From(article, clock.GetUtcNow(), stories.Settings.LeadChars), cancellationToken).ConfigureAwait(false);
            article = article with { Story = decision.Story };
        }

        try
        {
            await index.UpsertAsync(article, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 400)
        {
            // The table refused the rows themselves (a property too large, a key it does not accept): retrying cannot
            // help, so this is the document's failure, recorded like any other, not an outage to retry forever.
            return await FailedAsync(blobName, $"The article index refused its rows: {e.ErrorCode ?? e.Message}", cancellationToken).ConfigureAwait(false);
        }

        // The failures table is touched only where a failure was recorded (the blob says so), not on every parse;
        // a re-parse (reindex, import) clears unconditionally, which also covers failures recorded before the mark.
        if (reparse || metadata?.ContainsKey(ParseFailedKey) == true)
        {
            await failures.ClearAsync(blobName, cancellationToken).ConfigureAwait(false);
        }

        LogParsed(blobName, article.Id, article.Published);
        if (reparse)
        {
            metrics.ArticleParsed();
        }
        else
        {
            metrics.ArticleIndexed(blobMetadata.WrittenAt, blobMetadata.DateIsFetchTime ? null : article.Published, clock.GetUtcNow());
        }
        return new ParseOutcome(blobName, article, null);
    }

    /// <summary>Blob metadata set when a failure is recorded, so that a later success knows to clear it.</summary>
    public const string ParseFailedKey = "parsefailed";

    private async Task<ParseOutcome> FailedAsync(string blobName, string reason, CancellationToken cancellationToken)
    {
        await failures.RecordAsync(blobName, reason, parser.ParserVersion, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await blobs.AddMetadataAsync(blobName, ParseFailedKey, "true", cancellationToken).ConfigureAwait(false);
        LogParseFailed(blobName, ReasonText.WithoutFinalPeriod(reason));
        metrics.ParseFailed();
        return new ParseOutcome(blobName, null, reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Parsed {BlobName} as article {ArticleId} published {Published:O}")]
    private partial void LogParsed(string blobName, string articleId, DateTimeOffset published);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not parse {BlobName}: {Reason}. The blob is kept and the failure recorded; fix the document or the parser, then run `newsfeed reindex`.")]
    private partial void LogParseFailed(string blobName, string reason);
}
