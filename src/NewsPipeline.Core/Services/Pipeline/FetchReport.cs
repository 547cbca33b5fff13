using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>How one feed fared in a fetch pass.</summary>
public enum FeedFetchStatus
{
    /// <summary>Fetched and read; <see cref="FeedFetchOutcome.New"/> articles were written (possibly none).</summary>
    Fetched,

    /// <summary>The server answered 304 Not Modified: nothing parsed, nothing written.</summary>
    Unchanged,

    /// <summary>Not asked this pass: the server's Retry-After has not passed, or the feed is disabled.</summary>
    Deferred,

    /// <summary>The fetch or the feed failed; the reason is in <see cref="FeedFetchOutcome.Error"/> and the feed's state.</summary>
    Failed,
}

/// <summary>What one fetch pass did for one feed.</summary>
public sealed record FeedFetchOutcome(FeedSource Feed, FeedFetchStatus Status, int Items, int New, int Existing, string? Error, IReadOnlyList<string> WrittenBlobs)
{
    public bool Failed => Status == FeedFetchStatus.Failed;

    /// <summary>Items known from the feed's last fetch, skipped without a storage request (not counted in <see cref="Existing"/>'s uploads).</summary>
    public int SkippedWithoutRequest { get; init; }
}

/// <summary>What one fetch pass did, feed by feed.</summary>
public sealed record FetchReport(IReadOnlyList<FeedFetchOutcome> Feeds)
{
    public int New => Feeds.Sum(f => f.New);
    public int Failed => Feeds.Count(f => f.Failed);
    public IEnumerable<string> WrittenBlobs => Feeds.SelectMany(f => f.WrittenBlobs);
}
