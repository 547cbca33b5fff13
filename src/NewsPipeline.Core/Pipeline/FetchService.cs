using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Feeds.Fetching;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Telemetry;

namespace NewsPipeline.Core.Pipeline;

/// <summary>
/// The fetch stage: reads every configured feed and writes one blob per article not stored yet. One failing feed
/// never stops the others; a pass that overlaps another, or repeats one, writes nothing twice. A feed's new
/// validators (ETag, Last-Modified) are saved only after all its articles are stored, so a pass cut short by a
/// storage failure is fetched again in full, never answered 304 with articles missing.
/// </summary>
public sealed partial class FetchService(
    FeedFetcher fetcher,
    ArticleBlobStore blobs,
    FeedStateStore states,
    IOptionsMonitor<FeedListOptions> feedList,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<FetchService> logger)
{
    // At most one request at a time per host, across all feeds of a pass (and overlapping passes in this process).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hostGates = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<FeedSource> ConfiguredFeeds => feedList.CurrentValue.Parse();

    public async Task<FetchReport> RunAsync(IReadOnlyList<FeedSource>? feeds, CancellationToken cancellationToken)
    {
        feeds ??= ConfiguredFeeds;
        if (feeds.Count == 0)
        {
            LogNoFeeds();
        }

        var outcomes = new FeedFetchOutcome[feeds.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelFeeds, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), parallel, async (index, ct) =>
            outcomes[index] = await FetchFeedAsync(feeds[index], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new FetchReport(outcomes);
    }

    private async Task<FeedFetchOutcome> FetchFeedAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(feed.Name, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (!feed.Enabled || state?.NextAttemptAfter > now)
        {
            LogDeferred(feed.Name, feed.Enabled ? state!.NextAttemptAfter!.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "disabled");
            return new FeedFetchOutcome(feed, FeedFetchStatus.Deferred, 0, 0, 0, null, []);
        }

        // Validators belong to a URL: after the feed moves, the old ones would make the new server answer wrongly.
        var validators = state is not null && state.Url == feed.Location ? new FeedValidators(state.ETag, state.LastModified) : null;
        var attempt = new FeedState { Name = feed.Name, Url = feed.Location, LastAttempt = now, LastSuccess = state?.LastSuccess, ETag = validators?.ETag, LastModified = validators?.LastModified };

        FeedResponse response;
        ParsedFeed? parsed = null;
        var gate = hostGates.GetOrAdd(HostOf(feed.Location), _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                response = await fetcher.FetchAsync(feed, validators, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
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
            var failed = attempt with
            {
                HttpStatus = (e as FeedFetchException)?.Status,
                ConsecutiveFailures = (state?.ConsecutiveFailures ?? 0) + 1,
                LastError = e is FeedFetchException or FeedFormatException ? e.Message : $"{e.GetType().Name}: {e.Message}",
                NextAttemptAfter = (e as FeedFetchException)?.RetryAfter,
            };
            await states.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
            LogFeedFailed(feed.Name, FeedUrl.Redact(feed.Location), failed.LastError.Replace(feed.Location, FeedUrl.Redact(feed.Location), StringComparison.Ordinal), failed.ConsecutiveFailures);
            metrics.FeedFailed(feed.Name, clock.GetUtcNow() - now);
            return new FeedFetchOutcome(feed, FeedFetchStatus.Failed, 0, 0, 0, failed.LastError, []);
        }

        if (parsed is null)
        {
            await states.SaveAsync(attempt with { LastSuccess = now, HttpStatus = response.Status, ItemsSeen = state?.ItemsSeen ?? 0 }, cancellationToken).ConfigureAwait(false);
            LogUnchanged(feed.Name);
            metrics.FeedUnchanged(feed.Name, clock.GetUtcNow() - now);
            return new FeedFetchOutcome(feed, FeedFetchStatus.Unchanged, 0, 0, 0, null, []);
        }

        var written = new List<string>();
        var drafts = FeedItemDocuments.From(feed, parsed, response.BaseUri, now, TimeSpan.FromHours(options.Value.FutureDateToleranceHours));
        foreach (var draft in drafts)
        {
            if (!draft.DateWasRead)
            {
                LogDateFallback(feed.Name, draft.Url, draft.UnreadDate ?? "(none)");
            }

            if (await blobs.TryCreateAsync(draft.BlobName, draft.Text, cancellationToken, draft.Metadata).ConfigureAwait(false))
            {
                written.Add(draft.BlobName);
                metrics.ArticleWritten(feed.Name, draft.DateWasRead ? draft.Published : null, clock.GetUtcNow());
            }
        }

        await states.SaveAsync(attempt with
        {
            LastSuccess = now,
            HttpStatus = response.Status,
            ETag = response.ETag,
            LastModified = response.LastModified,
            ItemsSeen = parsed.Items.Count,
            ItemsNew = written.Count,
        }, cancellationToken).ConfigureAwait(false);
        LogFeedFetched(feed.Name, parsed.Items.Count, written.Count, drafts.Count - written.Count);
        metrics.FeedFetched(feed.Name, clock.GetUtcNow() - now);
        return new FeedFetchOutcome(feed, FeedFetchStatus.Fetched, parsed.Items.Count, written.Count, drafts.Count - written.Count, null, written);
    }

    private static string HostOf(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Authority : "file";

    [LoggerMessage(Level = LogLevel.Warning, Message = "No feeds are configured: set the Feeds setting to 'name=url;name=url'.")]
    private partial void LogNoFeeds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ({Location}) failed ({Failures} in a row): {Reason}. Other feeds go on; it is tried again next pass.")]
    private partial void LogFeedFailed(string feed, string location, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Items} items, {New} new, {Existing} already stored")]
    private partial void LogFeedFetched(string feed, int items, int @new, int existing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: not modified since the last pass")]
    private partial void LogUnchanged(string feed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: skipped this pass ({Until})")]
    private partial void LogDeferred(string feed, string until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: item {Url} has no usable date ('{UnreadDate}'); it is filed under the fetch time")]
    private partial void LogDateFallback(string feed, string url, string unreadDate);
}
