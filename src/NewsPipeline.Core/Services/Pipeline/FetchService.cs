using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>
/// The one-shot fetch pass (<c>newsfeed fetch</c>): reads the given feeds (default: the <c>Feeds</c> setting) now,
/// whatever their next check time, and writes one blob per article not stored yet, keeping each feed's state in the
/// registry exactly as the queue worker does. One failing feed never stops the others; a pass that overlaps another,
/// or repeats one, writes nothing twice. A feed's new validators are saved only after all its articles are stored, so
/// a pass cut short by a storage failure is fetched again in full, never answered 304 with articles missing.
/// </summary>
public sealed partial class FetchService(
    FeedFetchRunner runner,
    FeedRegistry registry,
    FeedRegistrySeeder seeder,
    IOptionsMonitor<FeedListOptions> feedList,
    IOptions<FetchOptions> options,
    TimeProvider clock,
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
        var record = await RegisteredAsync(feed, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (!feed.Enabled || !record.Enabled || record.NextAttemptAfter > now)
        {
            LogDeferred(feed.Name, !feed.Enabled || !record.Enabled
                ? "disabled" + (record.DisabledReason is { } why ? ": " + why : "")
                : "Retry-After until " + record.NextAttemptAfter!.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            return new FeedFetchOutcome(feed, FeedFetchStatus.Deferred, 0, 0, 0, null, []);
        }

        var gate = hostGates.GetOrAdd(record.Host, _ => new SemaphoreSlim(1, 1));
        var result = await runner.FetchAsync(record, gate, cancellationToken).ConfigureAwait(false);
        await registry.UpdateAsync(feed.Name, record, result.Apply, cancellationToken).ConfigureAwait(false);
        return result.Outcome;
    }

    // The setting's feeds are in the registry once seeded; a feed given here but not in it (a URL for one pass) is added
    // as a setting's feed would be, so the next seeding disables it again rather than scheduling it for good.
    private async Task<FeedRecord> RegisteredAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        await seeder.EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        if (await registry.GetAsync(feed.Name, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return record;
        }

        await registry.TryAddAsync(FeedRecord.FromSetting(feed, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return await registry.GetAsync(feed.Name, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"Feed '{feed.Name}' could not be added to the registry (table '{registry.TableName}').");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No feeds are configured: set the Feeds setting to 'name=url;name=url', or add feeds with 'newsfeed feeds add'.")]
    private partial void LogNoFeeds();

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: skipped this pass ({Why})")]
    private partial void LogDeferred(string feed, string why);
}
