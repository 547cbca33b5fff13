using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Storage.Registry;

/// <summary>A due-index row: a feed whose next check time has come, with the host it shares politeness with.</summary>
/// <param name="ClaimId">Set when the row is a claim's lease: the fetch it stood for never reported back.</param>
public sealed record DueFeed(string Partition, string RowKey, string Name, string Host, DateTimeOffset NextCheckAt, string? ClaimId, ETag ETag);

/// <summary>
/// The <c>feeds</c> table. Each partition holds feed rows (<c>feed:{name}</c>) and, beside them, one due-index row per
/// enabled feed (<c>due:{ticks of the next check}:{name}</c>). "Which feeds are due" is one range query on the index
/// that returns only due rows (O(due), not O(feeds)); a feed row and its index row change together in one
/// entity-group transaction conditioned on the row's ETag, so the index never drifts from the rows and two writers
/// never both win.
/// </summary>
public sealed class FeedRegistryStore
{
    private const string FeedPrefix = "feed:";
    private const string DuePrefix = "due:";
    private readonly TableClient table;
    private readonly CreateOnce created;
    private readonly int partitions;

    public FeedRegistryStore(StorageClients clients, IOptions<StorageOptions> storage, IOptions<ScheduleOptions> schedule)
    {
        table = clients.Tables.GetTableClient(storage.Value.FeedsTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
        partitions = schedule.Value.Partitions;
    }

    public string TableName => table.Name;

    public async Task<FeedRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(name), FeedPrefix + name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var feeds = new List<FeedRecord>();
        for (var p = 0; p < partitions; p++)
        {
            var partition = PartitionName(p);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FeedPrefix} and RowKey lt {"feed;"}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                feeds.Add(FromEntity(row));
            }
        }

        return feeds.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds a feed (and its due row); false when a feed of that name exists.</summary>
    public async Task<bool> TryAddAsync(FeedRecord feed, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(feed)) };
        if (feed.Enabled)
        {
            actions.Add(new(TableTransactionActionType.Add, DueEntity(feed)));
        }

        return await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds many new feeds, 50 to a transaction (a feed row and its due row each): for seeding large registries.</summary>
    public async Task AddManyAsync(IEnumerable<FeedRecord> feeds, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in feeds.GroupBy(f => PartitionOf(f.Name)))
        {
            foreach (var chunk in partition.Chunk(50))
            {
                var actions = chunk.SelectMany(f => f.Enabled
                    ? new[] { new TableTransactionAction(TableTransactionActionType.Add, ToEntity(f)), new(TableTransactionActionType.Add, DueEntity(f)) }
                    : [new TableTransactionAction(TableTransactionActionType.Add, ToEntity(f))]).ToList();
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="updated"/> over <paramref name="previous"/> (as read, with its row ETag) and moves the
    /// due row with it, all or nothing. False when the row changed since it was read (someone else wrote first).
    /// </summary>
    public async Task<bool> TryReplaceAsync(FeedRecord previous, FeedRecord updated, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(updated), previous.RowETag is null ? ETag.All : new ETag(previous.RowETag)),
        };
        var before = previous.Enabled ? DueKey(previous) : null;
        var after = updated.Enabled ? DueKey(updated) : null;
        if (before == after && after is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, DueEntity(updated)));
        }
        else
        {
            if (before is not null)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(PartitionOf(previous.Name), before), ETag.All));
            }

            if (after is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, DueEntity(updated)));
            }
        }

        return await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads, changes and writes one feed, again from a fresh read when another writer came first. Null when absent.</summary>
    /// <param name="change">Returns the new record, or null for "nothing to change".</param>
    public Task<FeedRecord?> UpdateAsync(string name, Func<FeedRecord, FeedRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(name, null, change, cancellationToken);

    /// <summary>As <see cref="UpdateAsync(string, Func{FeedRecord, FeedRecord?}, CancellationToken)"/>, first trying the row as the caller last read it (saves a read when nobody wrote since).</summary>
    public async Task<FeedRecord?> UpdateAsync(string name, FeedRecord? lastRead, Func<FeedRecord, FeedRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fromCaller = attempt == 1 && lastRead?.RowETag is not null;
            var current = fromCaller ? lastRead : await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var updated = change(current);
            if (updated is null)
            {
                // "Nothing to change" is only believed of the row as it is now, not of the caller's copy.
                if (fromCaller)
                {
                    continue;
                }

                return current;
            }

            if (await TryReplaceAsync(current, updated, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            if (attempt == 10)
            {
                throw new InvalidOperationException($"Feed '{name}' kept changing under 10 attempts to update it.");
            }
        }
    }

    /// <summary>Deletes the feed row and its due row (never its articles). False when there was no such feed.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(PartitionOf(name), FeedPrefix + name), new ETag(current.RowETag!)) };
            if (current.Enabled)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(PartitionOf(name), DueKey(current)), ETag.All));
            }

            if (await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Feed '{name}' kept changing under 10 attempts to remove it.");
    }

    /// <summary>The due-index rows at or before <paramref name="now"/>, earliest first per partition: only due rows are read.</summary>
    public async IAsyncEnumerable<DueFeed> DueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var upper = DuePrefix + (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var count = 0;
        for (var p = 0; p < partitions && count < max; p++)
        {
            var partition = PartitionName(p);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {DuePrefix} and RowKey lt {upper}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, max), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new DueFeed(row.PartitionKey, row.RowKey, row.GetString(nameof(FeedRecord.Name)), row.GetString(nameof(FeedRecord.Host)) ?? "file",
                    new DateTimeOffset(long.Parse(row.RowKey.AsSpan(DuePrefix.Length, 19), CultureInfo.InvariantCulture), TimeSpan.Zero), row.GetString(nameof(FeedRecord.ClaimId)), row.ETag);
                if (++count >= max)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// Claims a due feed: one transaction that deletes its due row only if unchanged (ETag), adds a lease row at
    /// <paramref name="leaseUntil"/> and marks the feed row with the claim. Of two schedulers, exactly one succeeds.
    /// </summary>
    public async Task<bool> TryClaimAsync(DueFeed due, DateTimeOffset leaseUntil, string claimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(due.Partition, DueKey(due.Name, leaseUntil)) { [nameof(FeedRecord.Name)] = due.Name, [nameof(FeedRecord.Host)] = due.Host, [nameof(FeedRecord.ClaimId)] = claimId };
        var mark = new TableEntity(due.Partition, FeedPrefix + due.Name) { [FeedRow.NextCheckTicks] = leaseUntil.UtcTicks, [nameof(FeedRecord.ClaimId)] = claimId, [nameof(FeedRecord.ClaimedAt)] = now };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Delete, new TableEntity(due.Partition, due.RowKey), due.ETag),
            new(TableTransactionActionType.Add, lease),
            new(TableTransactionActionType.UpdateMerge, mark, ETag.All),
        ];
        return await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        // 412: a row changed since it was read; 404: a row to delete or merge is gone; 409: a row to add exists.
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    private string PartitionOf(string name) => PartitionName(partitions == 1 ? 0 : (int)(StableHash(name) % (uint)partitions));

    private static string PartitionName(int index) => "p" + index.ToString("D2", CultureInfo.InvariantCulture);

    // FNV-1a: string.GetHashCode differs per process, and a feed must stay in its partition.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string DueKey(FeedRecord feed) => DueKey(feed.Name, feed.NextCheckAt);

    private static string DueKey(string name, DateTimeOffset at) =>
        DuePrefix + Math.Max(0, at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + ":" + name;

    private TableEntity DueEntity(FeedRecord feed) => new(PartitionOf(feed.Name), DueKey(feed))
    {
        [nameof(FeedRecord.Name)] = feed.Name,
        [nameof(FeedRecord.Host)] = feed.Host,
        [nameof(FeedRecord.ClaimId)] = feed.ClaimId,
    };

    private TableEntity ToEntity(FeedRecord f) => FeedRow.ToEntity(f, PartitionOf(f.Name), FeedPrefix + f.Name);

    private static FeedRecord FromEntity(TableEntity e) => FeedRow.FromEntity(e);
}
