namespace NewsPipeline.Core.Model.Feeds;

/// <summary>Where a feed in the registry came from: the <c>Feeds</c> setting seeds it, everything else manages it by hand.</summary>
public static class FeedOrigins
{
    public const string Setting = "setting";
    public const string Manual = "manual";
}

/// <summary>Why a feed is disabled, in the words <c>/api/feeds</c> shows.</summary>
public static class DisabledReasons
{
    public const string ByOperator = "disabled by an operator";
    public const string RemovedFromSetting = "removed from the Feeds setting";
    public const string DisabledInSetting = "disabled in the Feeds setting";

    public static string AfterFailures(int failures) => $"failed {failures} times in a row";
}

/// <summary>
/// One feed of the registry: what to read (name, url, overrides), when to read it next, the validators for a
/// conditional GET, and its health. <see cref="RowETag"/> is the table row's version, for conditioned writes.
/// </summary>
public sealed record FeedRecord
{
    public required string Name { get; init; }
    public required string Url { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>Why the feed is disabled: by an operator, removed from the setting, or after too many failures.</summary>
    public string? DisabledReason { get; init; }

    public string Origin { get; init; } = FeedOrigins.Manual;
    public string? Title { get; init; }

    /// <summary>The site's home page (OPML <c>htmlUrl</c>).</summary>
    public string? SiteUrl { get; init; }

    /// <summary>The folder it was filed in (an OPML import's enclosing outlines, "News / World"); exported the same way.</summary>
    public string? Category { get; init; }

    public int? TimeoutSeconds { get; init; }
    public int? MaxFeedBytes { get; init; }

    /// <summary>Per-feed bounds of the adaptive interval, instead of <c>Schedule__MinIntervalMinutes</c>/<c>MaxIntervalMinutes</c>.</summary>
    public int? MinIntervalMinutes { get; init; }
    public int? MaxIntervalMinutes { get; init; }

    /// <summary>When the scheduler next hands the feed to a worker (kept in the due index too).</summary>
    public DateTimeOffset NextCheckAt { get; init; }

    /// <summary>The interval the last fetch chose (posting frequency, clamped, stretched by what the server asked).</summary>
    public int? IntervalMinutes { get; init; }

    /// <summary>Set while a fetch message for the feed is out: the worker fetches only under the claim it was given.</summary>
    public string? ClaimId { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public int? HttpStatus { get; init; }

    /// <summary>The feed server's validators (HTTP ETag and Last-Modified), sent back on the next conditional GET.</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    public int ItemsSeen { get; init; }
    public int ItemsNew { get; init; }
    public DateTimeOffset? LastNewItemAt { get; init; }

    /// <summary>Set from a 429/503 Retry-After: the feed is not asked again before then.</summary>
    public DateTimeOffset? NextAttemptAfter { get; init; }

    /// <summary>
    /// Id prefixes of the items the feed held at its last fetch, all stored: an item among them is skipped without a
    /// storage request (the alternative, a HEAD per item before upload, costs one request per item; docs/decisions).
    /// </summary>
    public IReadOnlyList<string> RecentItemIds { get; init; } = [];

    public string? RowETag { get; init; }

    /// <summary>The host whose politeness the feed shares with the others on it: one message carries them all.</summary>
    public string Host => HostOf(Url);

    public static string HostOf(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Authority.ToLowerInvariant() : "file";

    public FeedSource ToSource() => new(Name, Url, TimeoutSeconds, MaxFeedBytes, Enabled);

    /// <summary>A feed of the <c>Feeds</c> setting as the registry first keeps it: due at once.</summary>
    public static FeedRecord FromSetting(FeedSource feed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return new FeedRecord
        {
            Name = feed.Name,
            Url = feed.Location,
            Enabled = feed.Enabled,
            DisabledReason = feed.Enabled ? null : DisabledReasons.DisabledInSetting,
            Origin = FeedOrigins.Setting,
            TimeoutSeconds = feed.TimeoutSeconds,
            MaxFeedBytes = feed.MaxFeedBytes,
            NextCheckAt = now,
        };
    }
}
