using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
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
public sealed partial class FeedFetchWorker(FeedRegistry registry, FeedFetchRunner runner, ILogger<FeedFetchWorker> logger)
{
    // One request per host at a time within this process too: messages of one host taken by one instance queue here.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hostGates = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchMessageReport> ProcessAsync(FeedFetchMessage message, CancellationToken cancellationToken)
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
            await registry.UpdateAsync(claimed.Name, feed, current => current.ClaimId == claimed.ClaimId ? result.Apply(current) : null, cancellationToken).ConfigureAwait(false);
            outcomes.Add(result.Outcome);
        }

        return new FetchMessageReport(outcomes, stale);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: claim {Claim} is no longer current (already fetched, re-claimed or removed); skipped")]
    private partial void LogStale(string feed, string claim);
}
