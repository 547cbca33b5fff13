using Azure;
using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage.Readers;

/// <summary>Marking read and unread: "delete the one row, write the other", fifty items to an entity-group batch.</summary>
public sealed partial class ReadingStateStore
{
    // Two operations an item in a batch of at most 100.
    private const int ItemsPerMarkBatch = BatchLimit / 2;

    // After this many rows found missing in one batch, ask which exist instead of retrying one by one.
    private const int RetriesBeforeLookup = 3;

    /// <summary>
    /// Marks items read: their unread rows go, read rows (with the time) come. An item that was not unread (read
    /// already, or older than the account) just gets its read row.
    /// </summary>
    public Task MarkReadAsync(string account, IReadOnlyList<long> itemIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        MoveAsync(account, itemIds.Distinct().Select(id => (Delete: RowKey(StateRowKind.Unread, id), Write: ReadRow(account, id, now))).ToList(), cancellationToken);

    /// <summary>Marks items unread: their read rows go, unread rows (with what orders and filters them) come.</summary>
    public Task MarkUnreadAsync(string account, IReadOnlyList<StateItem> items, CancellationToken cancellationToken) =>
        MoveAsync(account, items.DistinctBy(i => i.ItemId)
            .Select(i => (Delete: RowKey(StateRowKind.Read, i.ItemId), Write: ItemEntity(Partition(account), StateRowKind.Unread, i))).ToList(), cancellationToken);

    private static TableEntity ReadRow(string account, long id, DateTimeOffset now) => new(Partition(account), RowKey(StateRowKind.Read, id)) { ["ReadAt"] = now };

    private async Task MoveAsync(string account, IReadOnlyList<(string Delete, TableEntity Write)> moves, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(account);
        foreach (var chunk in moves.Chunk(ItemsPerMarkBatch))
        {
            var actions = chunk.SelectMany(m => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, m.Delete), ETag.All),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, m.Write),
            }).ToList();
            await SubmitDroppingMissingAsync(partition, actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Submits a batch whose deletes may name rows that do not exist (an entity-group batch fails whole on one): a
    /// missing row's delete is dropped and the rest sent again. Past a few misses, one query per seven rows asks which
    /// exist, so a batch of already-read items costs a handful of requests, not one per item.
    /// </summary>
    private async Task SubmitDroppingMissingAsync(string partition, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var misses = 0;
        while (actions.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex is { } index
                                                            && actions[index].ActionType == TableTransactionActionType.Delete)
            {
                actions.RemoveAt(index);
                if (++misses == RetriesBeforeLookup)
                {
                    actions = await WithoutMissingDeletesAsync(partition, actions, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<List<TableTransactionAction>> WithoutMissingDeletesAsync(string partition, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var deletes = actions.Where(a => a.ActionType == TableTransactionActionType.Delete).Select(a => a.Entity.RowKey).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in deletes.Chunk(RowKeyFilter.MaxKeys))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(RowKeyFilter.In(partition, chunk), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                existing.Add(row.RowKey);
            }
        }

        return actions.Where(a => a.ActionType != TableTransactionActionType.Delete || existing.Contains(a.Entity.RowKey)).ToList();
    }
}
