using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Scheduling;

/// <summary>What one fetch message did.</summary>
/// <param name="Stale">Feeds whose claim had moved on (fetched already, re-claimed after a lost lease, or removed): skipped.</param>
public sealed record FetchMessageReport(IReadOnlyList<FeedFetchOutcome> Fetched, int Stale)
{
    public int New => Fetched.Sum(f => f.New);
}

/// <summary>
/// The fetch worker (the <c>feed-fetch</c> queue trigger, and <c>newsfeed run</c>'s queue loop): fetches one message's
/// feeds one after another, and writes each feed's outcome onto its registry row only while the row still holds the
/// message's claim (ETag-conditioned), so a redelivered or superseded message changes nothing twice. A feed's own
/// failure is recorded on its row; a storage failure throws, and the queue delivers the message again (the feeds
/// done before it are skipped then, their claims being released).
/// </summary>
public sealed partial class FeedFetchWorker(FeedRegistryStore registry, FeedFetchRunner runner, FeedSchedulePolicy schedule, TimeProvider clock, ILogger<FeedFetchWorker> logger)
{
    // One request per host at a time within this process too: messages of one host taken by one instance queue here.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hostGates = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="feedDone">
    /// Called after each feed's outcome is saved, before the next feed is asked: <c>newsfeed run</c> parses what the feed
    /// wrote there, so a later feed that hangs or fails never holds back the articles of the ones before it.
    /// </param>
    public async Task<FetchMessageReport> ProcessAsync(FeedFetchMessage message, CancellationToken cancellationToken,
        Func<FeedFetchOutcome, CancellationToken, Task>? feedDone = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcomes = new List<FeedFetchOutcome>(message.Feeds.Count);
        var stale = 0;
        var gate = hostGates.GetOrAdd(message.Host, _ => new SemaphoreSlim(1, 1));
        foreach (var claimed in message.Feeds)
        {
            var feed = await registry.GetAsync(claimed.Name, cancellationToken).ConfigureAwait(false);
            if (feed is null || feed.ClaimId != claimed.ClaimId)
            {
                stale++;
                LogStale(claimed.Name, claimed.ClaimId);
                continue;
            }

            var result = await runner.FetchAsync(feed, gate, cancellationToken).ConfigureAwait(false);
            try
            {
                await registry.UpdateAsync(claimed.Name, feed, current => current.ClaimId == claimed.ClaimId ? result.Apply(current) : null, cancellationToken).ConfigureAwait(false);
                outcomes.Add(result.Outcome);
            }
            catch (RequestFailedException e) when (e.Status is 400 or 413)
            {
                // The table refused the row itself (what the feed sent made it too big or invalid), not a storage outage:
                // that is this feed's failure, recorded on its row as any other, and the message's other feeds go on.
                var reason = $"its state could not be saved ({StorageFailure.ReasonOf(e)})";
                LogStateNotSaved(claimed.Name, reason);
                await registry.UpdateAsync(claimed.Name, feed, current => current.ClaimId == claimed.ClaimId
                    ? schedule.AfterFailure(current, clock.GetUtcNow(), reason) with { RecentItemIds = [] }
                    : null, cancellationToken).ConfigureAwait(false);
                outcomes.Add(result.Outcome with { Status = FeedFetchStatus.Failed, Error = reason });
            }

            if (feedDone is not null)
            {
                await feedDone(outcomes[^1], cancellationToken).ConfigureAwait(false);
            }
        }

        return new FetchMessageReport(outcomes, stale);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} failed: {Reason}. Its articles are stored; the message's other feeds go on")]
    private partial void LogStateNotSaved(string feed, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: claim {Claim} is no longer current (already fetched, re-claimed or removed); skipped")]
    private partial void LogStale(string feed, string claim);
}
