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

    /// <summary>
    /// Blobs an earlier attempt stored (the create found them) that are not indexed under this feed: written just before
    /// a storage outage cut that attempt short. The host parses them with <see cref="WrittenBlobs"/>, so no article waits
    /// for the hourly reconciliation.
    /// </summary>
    public IReadOnlyList<string> Reoffered { get; init; } = [];

    /// <summary>What the host parses after this feed: the blobs written now and the ones re-offered.</summary>
    public IEnumerable<string> ToParse => WrittenBlobs.Concat(Reoffered);
}

/// <summary>What one fetch pass did, feed by feed.</summary>
public sealed record FetchReport(IReadOnlyList<FeedFetchOutcome> Feeds)
{
    public int New => Feeds.Sum(f => f.New);
    public int Failed => Feeds.Count(f => f.Failed);
    public IEnumerable<string> WrittenBlobs => Feeds.SelectMany(f => f.WrittenBlobs);

    /// <summary>Every blob to parse after the pass: written now, or stored before but never indexed (<see cref="FeedFetchOutcome.Reoffered"/>).</summary>
    public IEnumerable<string> ToParse => Feeds.SelectMany(f => f.ToParse);
}
