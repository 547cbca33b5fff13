using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Model.Feeds;

/// <summary>
/// When a feed is asked next. A feed that posts often is asked often, a quiet one rarely (Miniflux's "entry frequency"
/// scheduler: the window divided by the items published in it), always between the minimum and maximum interval; a
/// server that asks for less often (<c>Cache-Control: max-age</c>, RSS <c>ttl</c>, <c>sy:updatePeriod</c>) is heard up
/// to the maximum. A failing feed backs off exponentially, capped, and is disabled after too many failures in a row.
/// </summary>
public sealed class FeedSchedulePolicy(IOptions<ScheduleOptions> options)
{
    private ScheduleOptions Options => options.Value;

    // The bounds of one feed's interval: its own overrides, else the settings.
    private (TimeSpan Min, TimeSpan Max) Bounds(FeedRecord feed)
    {
        var min = TimeSpan.FromMinutes(feed.MinIntervalMinutes ?? Options.MinIntervalMinutes);
        var max = TimeSpan.FromMinutes(feed.MaxIntervalMinutes ?? Options.MaxIntervalMinutes);
        return (min, max < min ? min : max);
    }

    /// <summary>The interval after a good fetch.</summary>
    /// <param name="published">Publication dates of the items the feed holds now; null after a 304 (the last interval stands).</param>
    /// <param name="serverHints">What the server and the feed asked for (max-age, ttl, sy:update*); the longest wins.</param>
    public TimeSpan IntervalAfterSuccess(FeedRecord feed, IReadOnlyCollection<DateTimeOffset>? published, DateTimeOffset now, params TimeSpan?[] serverHints)
    {
        var (min, max) = Bounds(feed);
        TimeSpan interval;
        if (published is null)
        {
            interval = feed.IntervalMinutes is { } last ? TimeSpan.FromMinutes(last) : min;
        }
        else
        {
            var window = TimeSpan.FromDays(Options.FrequencyWindowDays);
            var recent = published.Count(date => date <= now && date > now - window);
            interval = recent == 0 ? max : window / recent;
        }

        foreach (var hint in serverHints)
        {
            if (hint > interval)
            {
                interval = hint.Value;
            }
        }

        return Clamp(interval, min, max);
    }

    /// <summary>The wait before trying a feed again after <paramref name="consecutiveFailures"/> failures in a row.</summary>
    public TimeSpan Backoff(FeedRecord feed, int consecutiveFailures)
    {
        var (min, _) = Bounds(feed);
        var cap = TimeSpan.FromMinutes(Math.Max(Options.MaxBackoffMinutes, min.TotalMinutes));
        // 2^(n-1) × min, computed so that a long failure streak cannot overflow.
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var wait = min * Math.Pow(2, exponent);
        return wait > cap ? cap : wait;
    }

    /// <summary>Whether a feed with this many failures in a row is to be disabled.</summary>
    public bool DisablesAfter(int consecutiveFailures) => consecutiveFailures >= Options.DisableAfterFailures;

    /// <summary>
    /// The row after one more failure, whatever failed (the fetch, or its queue message): counted, backed off (no
    /// sooner than <paramref name="notBefore"/>, a server's Retry-After), disabled once too many, and its claim released.
    /// </summary>
    public FeedRecord AfterFailure(FeedRecord current, DateTimeOffset now, string error, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var failures = current.ConsecutiveFailures + 1;
        var next = now + Backoff(current, failures);
        var disable = DisablesAfter(failures) && current.Enabled;
        return current with
        {
            LastAttempt = now,
            ConsecutiveFailures = failures,
            LastError = error,
            NextCheckAt = notBefore > next ? notBefore.Value : next,
            Enabled = current.Enabled && !disable,
            DisabledReason = disable ? DisabledReasons.AfterFailures(failures) : current.DisabledReason,
            ClaimId = null,
            ClaimedAt = null,
        };
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        TimeSpan.FromMinutes(Math.Round(Math.Clamp(value.TotalMinutes, min.TotalMinutes, max.TotalMinutes)));
}
