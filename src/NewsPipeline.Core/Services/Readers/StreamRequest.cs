namespace NewsPipeline.Core.Services.Readers;

/// <summary>
/// What a stream call asks (<c>stream/items/ids</c>, <c>stream/contents</c>, <c>reader/atom</c>): the stream, the states
/// to exclude (<c>xt=</c>) or require (<c>it=</c>), how many (<c>n=</c>), the order (<c>r=o</c> oldest first), a
/// window on the published time (<c>ot=</c> not older, <c>nt=</c> not newer), and where the last page ended (<c>c=</c>).
/// </summary>
public sealed record StreamRequest(
    Model.Readers.StreamId Stream,
    int Count,
    bool OldestFirst = false,
    bool ExcludeRead = false,
    bool ExcludeStarred = false,
    bool OnlyStarred = false,
    bool OnlyRead = false,
    DateTimeOffset? NotOlderThan = null,
    DateTimeOffset? NotNewerThan = null,
    string? Continuation = null);

/// <summary>An item of a stream: its id and what orders it.</summary>
public sealed record StreamItem(long ItemId, string Source, DateTimeOffset Published, DateTimeOffset Indexed);

/// <summary>A page of a stream; <see cref="Continuation"/> asks for the next (null at the end).</summary>
public sealed record StreamPage(IReadOnlyList<StreamItem> Items, string? Continuation);

/// <summary>The unread count of a stream, and when its newest unread item was indexed.</summary>
public sealed record UnreadCount(string StreamId, int Count, DateTimeOffset Newest);

/// <summary>A continuation a client sent back that this server never gave.</summary>
public sealed class ContinuationException(string message) : ArgumentException(message);
