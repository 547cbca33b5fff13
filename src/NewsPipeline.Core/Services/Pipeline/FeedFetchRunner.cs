using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>What fetching one feed did, and how to write it onto the feed's registry row.</summary>
/// <param name="Apply">Turns the row as it is now (re-read, maybe changed by an operator meanwhile) into the row to save.</param>
public sealed record FeedFetchResult(FeedFetchOutcome Outcome, Func<FeedRecord, FeedRecord> Apply);

/// <summary>
/// Fetches one feed of the registry and stores its new articles: one conditional GET, then one blob upload per item it
/// has not stored before. Items the feed held at its last fetch (<see cref="FeedRecord.RecentItemIds"/>) are skipped
/// without a storage request. Shared by the one-shot pass (<see cref="FetchService"/>) and the queue worker
/// (<see cref="FeedFetchWorker"/>). Whatever one feed throws is that feed's failure, recorded on its row; only a
/// storage failure leaves this method (the row is then not written, so the feed is tried again in full).
/// </summary>
public sealed partial class FeedFetchRunner(
    FeedFetcher fetcher,
    ArticleBlobStore blobs,
    ArticleIndexStore index,
    FeedSchedulePolicy schedule,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<FeedFetchRunner> logger)
{
    /// <summary>Characters of an article id kept in <see cref="FeedRecord.RecentItemIds"/> (64 bits: no collision within one feed).</summary>
    public const int RecentIdLength = 16;

    /// <param name="hostGate">Held around the HTTP request only, when the caller keeps one request per host at a time itself.</param>
    public async Task<FeedFetchResult> FetchAsync(FeedRecord feed, SemaphoreSlim? hostGate, CancellationToken cancellationToken)
    {
        var source = feed.ToSource();
        var now = clock.GetUtcNow();
        var validators = feed.ETag is null && feed.LastModified is null ? null : new FeedValidators(feed.ETag, feed.LastModified);
        FeedResponse response;
        ParsedFeed? parsed = null;
        try
        {
            if (hostGate is not null)
            {
                await hostGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                response = await fetcher.FetchAsync(source, validators, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                hostGate?.Release();
            }

            if (!response.NotModified)
            {
                parsed = FeedReader.Read(response.Content, response.BaseUri, response.Charset);
            }
        }
        // Whatever one feed throws (a broken gzip body, an encoding the runtime refuses …) is that feed's failure:
        // it must never end the pass for the others, nor recur unrecorded every pass.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = ReasonText.WithoutFinalPeriod(e is FeedFetchException or FeedFormatException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            var failures = feed.ConsecutiveFailures + 1;
            LogFeedFailed(feed.Name, FeedUrl.Redact(feed.Url), error.Replace(feed.Url, FeedUrl.Redact(feed.Url), StringComparison.Ordinal), failures);
            metrics.FeedFailed(feed.Name, clock.GetUtcNow() - now);
            var outcome = new FeedFetchOutcome(source, FeedFetchStatus.Failed, 0, 0, 0, error, []);
            return new FeedFetchResult(outcome, current => Failed(current, feed, now, error, (e as FeedFetchException)?.Status, (e as FeedFetchException)?.RetryAfter));
        }

        if (parsed is null)
        {
            LogUnchanged(feed.Name);
            metrics.FeedUnchanged(feed.Name, clock.GetUtcNow() - now);
            var unchanged = new FeedFetchOutcome(source, FeedFetchStatus.Unchanged, 0, 0, 0, null, []);
            return new FeedFetchResult(unchanged, current => Succeeded(current, feed, now, response, null, feed.RecentItemIds, 0, null));
        }

        var drafts = FeedItemDocuments.From(source, parsed, response.BaseUri, now, TimeSpan.FromHours(options.Value.FutureDateToleranceHours));
        var lastFetched = feed.RecentItemIds.ToHashSet(StringComparer.Ordinal);
        var known = options.Value.SkipKnownItems ? lastFetched : [];
        var written = new List<string>();
        var storedBefore = new List<ArticleDraft>();
        var skipped = 0;
        foreach (var draft in drafts)
        {
            if (known.Contains(RecentId(draft.Id)))
            {
                skipped++;
                continue;
            }

            if (!draft.DateWasRead)
            {
                LogDateFallback(feed.Name, draft.Url, draft.UnreadDate ?? "(none)");
            }

            if (await blobs.TryCreateAsync(draft.BlobName, draft.Text, cancellationToken, draft.Metadata).ConfigureAwait(false))
            {
                written.Add(draft.BlobName);
                metrics.ArticleWritten(feed.Name, draft.DateWasRead ? draft.Published : null, clock.GetUtcNow());
            }
            else if (!lastFetched.Contains(RecentId(draft.Id)))
            {
                storedBefore.Add(draft);
            }
        }

        // Stored, yet not among the items of the feed's last completed fetch: an attempt that storage cut short wrote
        // them, and its parses may never have run. One point read each tells; what is not indexed is offered again.
        // In the steady state this list is empty (known items are skipped above), so the reads cost nothing.
        var reoffered = new List<string>();
        foreach (var draft in storedBefore)
        {
            if (!await index.IsListedUnderAsync(draft.Id, source.Name, cancellationToken).ConfigureAwait(false))
            {
                reoffered.Add(draft.BlobName);
            }
        }

        if (reoffered.Count > 0)
        {
            LogReoffered(feed.Name, reoffered.Count);
        }

        var existing = drafts.Count - written.Count;
        LogFeedFetched(feed.Name, parsed.Items.Count, written.Count, existing);
        metrics.FeedFetched(feed.Name, clock.GetUtcNow() - now);
        var recent = drafts.Select(d => RecentId(d.Id)).Distinct(StringComparer.Ordinal).ToList();
        var published = drafts.Where(d => d.DateWasRead).Select(d => d.Published).ToList();
        var fetched = new FeedFetchOutcome(source, FeedFetchStatus.Fetched, parsed.Items.Count, written.Count, existing, null, written)
        {
            SkippedWithoutRequest = skipped,
            Reoffered = reoffered,
        };
        var title = FeedTitle(parsed.Title);
        var site = parsed.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var siteUri) && siteUri.Scheme is "http" or "https" ? link : null;
        return new FeedFetchResult(fetched, current =>
        {
            var saved = Succeeded(current, feed, now, response, published, recent, written.Count, parsed.UpdateInterval);
            return SameFeed(current, feed) ? saved with { Title = current.Title ?? title, SiteUrl = current.SiteUrl ?? site } : saved;
        });
    }

    // The feed's own <title>, as text by the rule article titles follow (PlainText): a person's title (feeds add
    // --title, OPML) is never replaced, an empty one is filled.
    private static string? FeedTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = PlainText.Of(TextCleaner.Clean(title));
        return text.Length == 0 ? null : text.Length > 200 ? text[..200] : text;
    }

    public static string RecentId(string articleId) => articleId.Length > RecentIdLength ? articleId[..RecentIdLength] : articleId;

    private FeedRecord Succeeded(FeedRecord current, FeedRecord fetched, DateTimeOffset now, FeedResponse response,
        IReadOnlyCollection<DateTimeOffset>? published, IReadOnlyList<string> recent, int written, TimeSpan? feedHint)
    {
        if (!SameFeed(current, fetched))
        {
            return Released(current, now);
        }

        var interval = schedule.IntervalAfterSuccess(current, published, now, response.MaxAge, feedHint);
        return current with
        {
            LastAttempt = now,
            LastSuccess = now,
            HttpStatus = response.Status,
            ETag = response.NotModified ? current.ETag : response.ETag,
            LastModified = response.NotModified ? current.LastModified : response.LastModified,
            ConsecutiveFailures = 0,
            LastError = null,
            ItemsSeen = published is null ? current.ItemsSeen : recent.Count,
            ItemsNew = written,
            LastNewItemAt = written > 0 ? now : current.LastNewItemAt,
            NextAttemptAfter = null,
            RecentItemIds = recent,
            IntervalMinutes = (int)interval.TotalMinutes,
            NextCheckAt = now + interval,
            ClaimId = null,
            ClaimedAt = null,
        };
    }

    private FeedRecord Failed(FeedRecord current, FeedRecord fetched, DateTimeOffset now, string error, int? status, DateTimeOffset? retryAfter)
    {
        if (!SameFeed(current, fetched))
        {
            return Released(current, now);
        }

        var failed = schedule.AfterFailure(current, now, error, retryAfter) with { HttpStatus = status, NextAttemptAfter = retryAfter };
        if (current.Enabled && !failed.Enabled)
        {
            LogFeedDisabled(current.Name, failed.ConsecutiveFailures, error);
        }

        return failed;
    }

    // The feed was pointed elsewhere while it was fetched: what was learned is about the old address.
    private static bool SameFeed(FeedRecord current, FeedRecord fetched) => string.Equals(current.Url, fetched.Url, StringComparison.Ordinal);

    private static FeedRecord Released(FeedRecord current, DateTimeOffset now) => current with
    {
        ETag = null,
        LastModified = null,
        RecentItemIds = [],
        NextCheckAt = now,
        ClaimId = null,
        ClaimedAt = null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ({Location}) failed ({Failures} in a row): {Reason}. Other feeds go on; it is tried again after a backoff.")]
    private partial void LogFeedFailed(string feed, string location, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} is disabled after {Failures} failures in a row (last: {Reason}). Fix the feed or its URL, then enable it again (newsfeed feeds enable NAME, or POST /api/feeds/NAME/enable).")]
    private partial void LogFeedDisabled(string feed, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Items} items, {New} new, {Existing} already stored")]
    private partial void LogFeedFetched(string feed, int items, int @new, int existing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: {Count} articles stored by an attempt that storage cut short were never indexed; they are parsed now")]
    private partial void LogReoffered(string feed, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: not modified since the last fetch")]
    private partial void LogUnchanged(string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: item {Url} has no usable date ('{UnreadDate}'); it is filed under the fetch time")]
    private partial void LogDateFallback(string feed, string url, string unreadDate);
}
