using NewsPipeline.Core.Api;
using NewsPipeline.Core.Feeds.Registry;

namespace NewsPipeline.Core.Pipeline;

/// <summary>The feeds of the registry with their state: what `GET /api/feeds` and `newsfeed feeds` show.</summary>
public sealed class FeedStatusService(FetchService fetch, FeedRegistry registry, FeedRegistrySeeder seeder)
{
    public async Task<IReadOnlyList<FeedStatusResource>> ListAsync(CancellationToken cancellationToken)
    {
        await seeder.EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        var stored = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var configured = fetch.ConfiguredFeeds.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return stored.Select(s => ToResource(s, configured.Contains(s.Name) || s.Origin == FeedOrigins.Manual)).ToList();
    }

    private static FeedStatusResource ToResource(FeedRecord s, bool configured) => new(
        s.Name, Redact(s.Url), configured, s.Enabled, s.LastAttempt, s.LastSuccess, s.HttpStatus, s.ConsecutiveFailures,
        s.LastError is { } error && s.Url.Length > 0 ? error.Replace(s.Url, Redact(s.Url), StringComparison.Ordinal) : s.LastError,
        s.ItemsSeen, s.ItemsNew, s.NextAttemptAfter, s.ETag, s.LastModified);

    // The endpoint is anonymous, and feed URLs may carry credentials (user:password@, ?apikey=): show neither.
    private static string Redact(string url) => NewsPipeline.Core.Feeds.FeedUrl.Redact(url);
}
