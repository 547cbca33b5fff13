using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>
/// The one-shot fetch pass (<c>newsfeed fetch</c>): reads the given feeds (default: every enabled feed of the registry;
/// an empty registry is first seeded from the <c>Feeds</c> setting) now, whatever their next check time, and writes one blob per article not stored yet, keeping each feed's state in the
/// registry exactly as the queue worker does. One failing feed never stops the others; a pass that overlaps another,
/// or repeats one, writes nothing twice. A feed's new validators are saved only after all its articles are stored, so
/// a pass cut short by a storage failure is fetched again in full, never answered 304 with articles missing.
/// </summary>
public sealed partial class FetchService(
    FeedFetchRunner runner,
    FeedRegistryStore registry,
    FeedRegistrySeeder seeder,
    IOptionsMonitor<FeedListOptions> feedList,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<FetchService> logger)
{
    // At most one request at a time per host, across all feeds of a pass (and overlapping passes in this process).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hostGates = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<FeedSource> ConfiguredFeeds => feedList.CurrentValue.Parse();

    /// <param name="feeds">The feeds to fetch; null for every enabled feed of the registry (<see cref="RegistryFeedsAsync"/>).</param>
    public async Task<FetchReport> RunAsync(IReadOnlyList<FeedSource>? feeds, CancellationToken cancellationToken)
    {
        feeds ??= await RegistryFeedsAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Every enabled feed of the registry. An empty registry (a fresh clone, a new storage account) is seeded from the
    /// <c>Feeds</c> setting first, and that is said: the registry, not the setting, is the list of feeds.
    /// </summary>
    public async Task<IReadOnlyList<FeedSource>> RegistryFeedsAsync(CancellationToken cancellationToken)
    {
        var registered = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        if (registered.Count == 0 && ConfiguredFeeds.Count > 0)
        {
            await seeder.EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
            registered = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
            var names = string.Join(", ", registered.Select(f => f.Name));
            LogSeeded(registered.Count, names);
        }

        return registered.Where(f => f.Enabled).Select(f => f.ToSource()).ToList();
    }

    /// <summary>
    /// The feed a person means by <paramref name="wanted"/>: a registry feed by name, or by URL (or file path) — a URL is
    /// matched by URL, never by a name derived from it. A URL the registry lacks is fetched once under a free name
    /// derived from its host, without being added (<c>newsfeed feeds add</c> does that). Null for a name that is neither.
    /// </summary>
    public async Task<FeedSource?> ResolveAsync(string wanted, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wanted);
        var registered = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        if ((registered.FirstOrDefault(f => f.Name == wanted) ?? registered.FirstOrDefault(f => f.Url == wanted)) is { } known)
        {
            return known.ToSource();
        }

        if (!IsAddress(wanted))
        {
            return null;
        }

        var names = registered.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var basis = FeedSource.NameFor(wanted);
        var name = basis;
        for (var n = 2; names.Contains(name); n++)
        {
            name = $"{basis}-{n}";
        }

        return new FeedSource(name, wanted);
    }

    private static bool IsAddress(string wanted) =>
        Uri.TryCreate(wanted, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" || File.Exists(wanted);

    private async Task<FeedFetchOutcome> FetchFeedAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        var registered = await registry.GetAsync(feed.Name, cancellationToken).ConfigureAwait(false);
        // A feed the registry lacks (a URL given for one pass) is fetched with a fresh state that is not saved.
        var record = registered is not null && registered.Url == feed.Location ? registered : FeedRecord.FromSetting(feed, clock.GetUtcNow());
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
        if (ReferenceEquals(record, registered))
        {
            await registry.UpdateAsync(feed.Name, record, result.Apply, cancellationToken).ConfigureAwait(false);
        }

        return result.Outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No feeds to fetch: the registry has no enabled feed. Add one with 'newsfeed feeds add NAME URL' or 'newsfeed feeds import FILE.opml'.")]
    private partial void LogNoFeeds();

    [LoggerMessage(Level = LogLevel.Information, Message = "The feed registry was empty: added the Feeds setting's {Count} feeds ({Names}). From now on the registry is the list of feeds (newsfeed feeds)")]
    private partial void LogSeeded(int count, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: skipped this pass ({Why})")]
    private partial void LogDeferred(string feed, string why);
}
