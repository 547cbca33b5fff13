using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Storage.Readers;

/// <summary>
/// One account's reading state, all in its own partition of the readers table (<c>acct-{name}</c>), so that every
/// write of a call is an entity-group batch and every read a range in one partition:
/// <list type="bullet">
/// <item><c>cfg|sub|{feed}</c> subscriptions and <c>cfg|sync</c> (how far the change feed has been turned into unread
/// rows): read together by one query at the start of a call.</item>
/// <item><c>u|{id}</c> while an item is unread, <c>r|{id}</c> once it was marked read, <c>m|{id}</c> for stars and item
/// labels — keyed by the 15-hex item id, so marking needs no article read: marking read is a batch of "delete u|, write
/// r|", two operations an item, fifty items a request. Listing unread reads the unread rows only, whatever the
/// account has read before.</item>
/// </list>
/// </summary>
public sealed partial class ReadingStateStore
{
    private const string ConfigPrefix = "cfg|";
    private const string SubscriptionPrefix = "cfg|sub|";
    private const string SyncKey = "cfg|sync";
    private const int BatchLimit = 100;

    // Two keys an item (u| and m|) in a filter of at most RowKeyFilter.MaxKeys.
    private const int ItemsPerStateQuery = RowKeyFilter.MaxKeys / 2;

    private readonly TableClient table;
    private readonly CreateOnce created;

    public ReadingStateStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        table = clients.Tables.GetTableClient(options.Value.ReadersTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    internal static string Prefix(StateRowKind kind) => kind switch
    {
        StateRowKind.Unread => "u|",
        StateRowKind.Read => "r|",
        _ => "m|",
    };

    internal static string RowKey(StateRowKind kind, long itemId) => Prefix(kind) + ReaderItemId.ArticlePrefix(itemId);

    private static string Partition(string account) => ReaderAccountStore.AccountPartition(account);

    /// <summary>The account's subscriptions and sync position: one range query.</summary>
    public async Task<ReaderConfig> ReadConfigAsync(string account, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ConfigPrefix} and RowKey lt {"cfg}"}");
        var subscriptions = new List<SubscriptionRecord>();
        string? syncKey = null;
        ETag? syncETag = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == SyncKey)
            {
                syncKey = row.GetString("ChangeKey");
                syncETag = row.ETag;
            }
            else if (row.RowKey.StartsWith(SubscriptionPrefix, StringComparison.Ordinal))
            {
                subscriptions.Add(new SubscriptionRecord(
                    TableKeys.Unescape(row.RowKey[SubscriptionPrefix.Length..]),
                    row.GetString("Title"),
                    SplitLabels(row.GetString("Labels")),
                    row.GetDateTimeOffset("Added") ?? DateTimeOffset.UnixEpoch));
            }
        }

        return new ReaderConfig(subscriptions, syncKey, syncETag);
    }

    /// <summary>Writes (replaces) subscriptions, a hundred to a request.</summary>
    public async Task SaveSubscriptionsAsync(string account, IEnumerable<SubscriptionRecord> subscriptions, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        var entities = subscriptions.Select(s => new TableEntity(partition, SubscriptionPrefix + TableKeys.Escape(s.Feed))
        {
            ["Title"] = s.Title,
            ["Labels"] = JoinLabels(s.Labels),
            ["Added"] = s.Added,
        });
        foreach (var chunk in entities.Chunk(BatchLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a subscription; false when the account had none for that feed.</summary>
    public async Task<bool> RemoveSubscriptionAsync(string account, string feed, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(Partition(account), SubscriptionPrefix + TableKeys.Escape(feed), ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves the sync position to <paramref name="changeKey"/>, under the ETag the caller read (null: the row must not
    /// exist yet). Returns the row's new ETag, or null when another call moved it first: that call made the same unread rows.
    /// </summary>
    public async Task<ETag?> TryAdvanceSyncAsync(string account, string changeKey, ETag? readETag, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Partition(account), SyncKey) { ["ChangeKey"] = changeKey };
        try
        {
            var response = readETag is { } etag
                ? await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes unread rows for new items, a hundred to a request.</summary>
    public async Task AddUnreadAsync(string account, IEnumerable<StateItem> items, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        foreach (var chunk in items.DistinctBy(i => i.ItemId).Chunk(BatchLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                ItemEntity(partition, StateRowKind.Unread, i))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every row of one kind, optionally only an item source's: one range query, a thousand rows a request. The
    /// unread rows are what is unread, so listing them costs what the app asks for, not what the account has read.
    /// </summary>
    public async Task<IReadOnlyList<ItemMarks>> ListAsync(string account, StateRowKind kind, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        var prefix = Prefix(kind);
        var end = prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<ItemMarks>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(MarksOf(row, prefix.Length));
        }

        return rows;
    }

    /// <summary>
    /// The state of some items (unread? starred? labels?): one query per seven items, whatever the account holds.
    /// Items without rows are read and unmarked.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ItemState>> StatesOfAsync(string account, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        var unread = new HashSet<long>();
        var marks = new Dictionary<long, ItemMarks>();
        var queries = itemIds.Distinct().Chunk(ItemsPerStateQuery).Select(async chunk =>
        {
            var filter = RowKeyFilter.In(partition, chunk.SelectMany(id => new[] { RowKey(StateRowKind.Unread, id), RowKey(StateRowKind.Marks, id) }).ToList());
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            return rows;
        });
        foreach (var row in (await Task.WhenAll(queries).ConfigureAwait(false)).SelectMany(r => r))
        {
            var id = long.Parse(row.RowKey.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (row.RowKey.StartsWith(Prefix(StateRowKind.Unread), StringComparison.Ordinal))
            {
                unread.Add(id);
            }
            else
            {
                marks[id] = MarksOf(row, 2);
            }
        }

        return itemIds.Distinct().ToDictionary(id => id, id => new ItemState(
            unread.Contains(id),
            marks.TryGetValue(id, out var m) && m.Starred,
            marks.TryGetValue(id, out var l) ? l.Labels : []));
    }

    /// <summary>Writes (merges) items' marks: starred or not, item labels.</summary>
    public async Task SaveMarksAsync(string account, IEnumerable<ItemMarks> marks, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        foreach (var chunk in marks.DistinctBy(m => m.Item.ItemId).Chunk(BatchLimit))
        {
            await table.SubmitTransactionAsync(chunk.Select(m =>
            {
                var entity = ItemEntity(partition, StateRowKind.Marks, m.Item);
                entity["Starred"] = m.Starred;
                entity["StarredAt"] = m.StarredAt;
                entity["Labels"] = JoinLabels(m.Labels);
                return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
            }), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes rows of one kind (unread rows of a feed unsubscribed from).</summary>
    public async Task DeleteAsync(string account, StateRowKind kind, IEnumerable<long> itemIds, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        foreach (var chunk in itemIds.Distinct().Chunk(BatchLimit))
        {
            await SubmitDroppingMissingAsync(partition, chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Delete,
                new TableEntity(partition, RowKey(kind, id)), ETag.All)).ToList(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableEntity ItemEntity(string partition, StateRowKind kind, StateItem item) => new(partition, RowKey(kind, item.ItemId))
    {
        ["Source"] = item.Source,
        ["Published"] = item.Published,
        ["Indexed"] = item.Indexed,
    };

    private static ItemMarks MarksOf(TableEntity row, int prefixLength) => new(
        new StateItem(
            long.Parse(row.RowKey.AsSpan(prefixLength), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            row.GetString("Source") ?? string.Empty,
            row.GetDateTimeOffset("Published") ?? row.GetDateTimeOffset("ReadAt") ?? DateTimeOffset.UnixEpoch,
            row.GetDateTimeOffset("Indexed") ?? row.GetDateTimeOffset("ReadAt") ?? DateTimeOffset.UnixEpoch),
        row.GetBoolean("Starred") ?? false,
        row.GetDateTimeOffset("StarredAt"),
        SplitLabels(row.GetString("Labels")));

    private static string? JoinLabels(IReadOnlyList<string> labels) => labels.Count == 0 ? null : string.Join('\n', labels);

    private static string[] SplitLabels(string? labels) =>
        string.IsNullOrEmpty(labels) ? [] : labels.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
