using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Scheduling;

/// <summary>What one scheduler run did.</summary>
/// <param name="Due">Due rows read from the index.</param>
/// <param name="Claimed">Of those, the feeds this run claimed (the others were claimed by an overlapping run).</param>
/// <param name="Messages">Fetch messages sent: one per host, more for a host with many due feeds.</param>
public sealed record ScheduleReport(int Due, int Claimed, int Messages, int Hosts);

/// <summary>
/// The scheduler (every minute): reads the due feeds from the registry's due index (O(due), not O(feeds)), claims each
/// with an ETag-conditioned transaction (of two overlapping runs, one claims a feed), and sends the claimed feeds to the
/// <c>feed-fetch</c> queue grouped by host: one message per host, fetched in order by the one worker that takes it, so
/// politeness holds across any number of instances without a distributed lock. A host with more due feeds than fit in
/// one message gets several, each visible later than the one before.
/// </summary>
public sealed partial class FeedScheduler(
    FeedRegistryStore registry,
    FeedRegistrySeeder seeder,
    FetchQueueStore queue,
    IOptions<ScheduleOptions> options,
    TimeProvider clock,
    ILogger<FeedScheduler> logger)
{
    public async Task<ScheduleReport> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The Feeds setting still works: its feeds join the registry once per process (and again when it changes).
        await seeder.EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var due = new List<DueFeed>();
        await foreach (var feed in registry.DueAsync(now, settings.MaxClaimsPerRun, cancellationToken).ConfigureAwait(false))
        {
            due.Add(feed);
        }

        if (due.Count == 0)
        {
            return new ScheduleReport(0, 0, 0, 0);
        }

        // Each host's due feeds, earliest first, cut into messages; message i of a host becomes visible i message-times
        // later, so that two workers rarely hold one host at once, and its feeds' lease covers that wait. Each message
        // is sent as soon as its feeds are claimed, so workers start on the first hosts while later ones are claimed.
        var planned = due.GroupBy(d => d.Host, StringComparer.OrdinalIgnoreCase)
            .SelectMany(host => host.OrderBy(d => d.NextCheckAt).Chunk(settings.MaxFeedsPerMessage)
                .Select((chunk, index) => (Host: host.Key, Chunk: index, Feeds: chunk)))
            .ToList();
        var messageTime = TimeSpan.FromSeconds((double)settings.MaxFeedsPerMessage * settings.SecondsPerFeed);
        var lease = TimeSpan.FromMinutes(settings.ClaimLeaseMinutes);
        var claimedCount = 0;
        var messages = new ConcurrentBag<FeedFetchMessage>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.ClaimParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(planned, parallel, async (plan, ct) =>
        {
            var claimed = new List<ClaimedFeed>(plan.Feeds.Length);
            foreach (var feed in plan.Feeds)
            {
                if (feed.ClaimId is not null)
                {
                    LogLeaseExpired(feed.Name, feed.ClaimId);
                }

                var claim = Guid.NewGuid().ToString("N");
                if (await registry.TryClaimAsync(feed, now + (messageTime * plan.Chunk) + lease, claim, now, ct).ConfigureAwait(false))
                {
                    claimed.Add(new ClaimedFeed(feed.Name, claim));
                }
            }

            if (claimed.Count == 0)
            {
                return;
            }

            var message = new FeedFetchMessage(plan.Host, claimed);
            await queue.SendAsync(message, messageTime * plan.Chunk, ct).ConfigureAwait(false);
            messages.Add(message);
            Interlocked.Add(ref claimedCount, claimed.Count);
        }).ConfigureAwait(false);

        var hosts = messages.Select(m => m.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        LogScheduled(due.Count, claimedCount, messages.Count, hosts);
        return new ScheduleReport(due.Count, claimedCount, messages.Count, hosts);
    }
    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler: {Due} feeds due, {Claimed} claimed, {Messages} fetch messages for {Hosts} hosts")]
    private partial void LogScheduled(int due, int claimed, int messages, int hosts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: its fetch (claim {Claim}) did not report back within the lease; scheduling it again. Look for a failed or stopped fetch worker.")]
    private partial void LogLeaseExpired(string feed, string claim);
}
