using NewsPipeline.Core.Api;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Pipeline;

/// <summary>The configured feeds joined with their stored state: what `GET /api/feeds` and `newsfeed feeds` show.</summary>
public sealed class FeedStatusService(FetchService fetch, FeedStateStore states)
{
    public async Task<IReadOnlyList<FeedStatusResource>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = (await states.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var configured = fetch.ConfiguredFeeds;
        var result = configured.Select(feed => ToResource(feed.Name, feed.Location, true, feed.Enabled, stored.GetValueOrDefault(feed.Name))).ToList();

        // State of feeds removed from the list stays visible until cleaned, flagged as no longer configured.
        result.AddRange(stored.Values.Where(s => configured.All(f => f.Name != s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => ToResource(s.Name, s.Url, false, false, s)));
        return result;
    }

    private static FeedStatusResource ToResource(string name, string url, bool configured, bool enabled, FeedState? s) => new(
        name, Redact(url), configured, enabled, s?.LastAttempt, s?.LastSuccess, s?.HttpStatus, s?.ConsecutiveFailures ?? 0, s?.LastError is { } error && url.Length > 0 ? error.Replace(url, Redact(url), StringComparison.Ordinal) : s?.LastError,
        s?.ItemsSeen ?? 0, s?.ItemsNew ?? 0, s?.NextAttemptAfter, s?.ETag, s?.LastModified);

    // The endpoint is anonymous, and feed URLs may carry credentials (user:password@, ?apikey=): show neither.
    private static string Redact(string url) => NewsPipeline.Core.Feeds.FeedUrl.Redact(url);
}
