namespace NewsPipeline.Core.Storage.Readers;

/// <summary>An account's subscription: a registry feed, the title the account gave it, the labels (folders) it is filed under.</summary>
public sealed record SubscriptionRecord(string Feed, string? Title, IReadOnlyList<string> Labels, DateTimeOffset Added);

/// <summary>
/// What an account's calls read first, in one query: its subscriptions and the change-feed key up to which its unread
/// rows are complete (null before its first sync), with the sync row's ETag for the conditioned advance.
/// </summary>
public sealed record ReaderConfig(IReadOnlyList<SubscriptionRecord> Subscriptions, string? SyncKey, Azure.ETag? SyncETag);

/// <summary>An item as an account's state rows keep it: enough to list, order and filter ids without reading the article.</summary>
public sealed record StateItem(long ItemId, string Source, DateTimeOffset Published, DateTimeOffset Indexed);

/// <summary>An item's marks: starred, and labels the account put on the item itself.</summary>
public sealed record ItemMarks(StateItem Item, bool Starred, DateTimeOffset? StarredAt, IReadOnlyList<string> Labels);

/// <summary>One item's state for one account, as an item's categories show it.</summary>
public sealed record ItemState(bool Unread, bool Starred, IReadOnlyList<string> Labels);

/// <summary>The kinds of state row in an account's partition, by row-key prefix.</summary>
public enum StateRowKind
{
    /// <summary><c>u|{id}</c>: the item is unread (the row exists exactly while it is).</summary>
    Unread,

    /// <summary><c>r|{id}</c>: the item was marked read (for the read stream).</summary>
    Read,

    /// <summary><c>m|{id}</c>: the item's marks (starred, item labels).</summary>
    Marks,
}
