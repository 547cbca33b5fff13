using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Registry;

namespace NewsPipeline.Core.Web.Api;

/// <summary>The feeds of the registry with their schedule and state: what `GET /api/feeds` and `newsfeed feeds` show.</summary>
public sealed class FeedStatusService(FeedAdministration administration)
{
    public async Task<IReadOnlyList<FeedStatusResource>> ListAsync(CancellationToken cancellationToken) =>
        (await administration.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToResource).ToList();

    public static FeedStatusResource ToResource(FeedRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Name, Redact(s.Url), s.DisabledReason != DisabledReasons.RemovedFromSetting, s.Enabled, s.DisabledReason, s.Origin, s.Title,
            s.SiteUrl is null ? null : Redact(s.SiteUrl), s.Category, s.Enabled ? s.NextCheckAt : null, s.IntervalMinutes, s.LastNewItemAt,
            s.LastAttempt, s.LastSuccess, s.HttpStatus, s.ConsecutiveFailures,
            s.LastError is { } error && s.Url.Length > 0 ? error.Replace(s.Url, Redact(s.Url), StringComparison.Ordinal) : s.LastError,
            s.ItemsSeen, s.ItemsNew, s.NextAttemptAfter, s.ETag, s.LastModified);
    }

    // The endpoint is anonymous, and feed URLs may carry credentials (user:password@, ?apikey=): show neither.
    private static string Redact(string url) => NewsPipeline.Core.Model.Feeds.FeedUrl.Redact(url);
}
