using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>What the pipeline knows about one feed: the validators for a conditional GET, and its health.</summary>
public sealed record FeedState
{
    public required string Name { get; init; }
    public required string Url { get; init; }
    public DateTimeOffset? LastAttempt { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public int? HttpStatus { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    public int ItemsSeen { get; init; }
    public int ItemsNew { get; init; }

    /// <summary>Set from a 429/503 Retry-After: the feed is not asked again before then.</summary>
    public DateTimeOffset? NextAttemptAfter { get; init; }
}

/// <summary>The feed-state table: one row per configured feed, in one partition (feed lists are hundreds, not millions).</summary>
public sealed class FeedStateStore
{
    private const string Partition = "feed";
    private readonly TableClient table;
    private readonly CreateOnce created;

    public FeedStateStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        table = clients.Tables.GetTableClient(options.Value.FeedStateTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    public async Task<FeedState?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(state.Name))
        {
            ["Name"] = state.Name,
            ["Url"] = state.Url,
            ["LastAttempt"] = state.LastAttempt,
            ["LastSuccess"] = state.LastSuccess,
            ["HttpStatus"] = state.HttpStatus,
            ["ETag"] = state.ETag,
            ["LastModified"] = state.LastModified,
            ["ConsecutiveFailures"] = state.ConsecutiveFailures,
            ["LastError"] = state.LastError is { Length: > 4000 } error ? error[..4000] : state.LastError,
            ["ItemsSeen"] = state.ItemsSeen,
            ["ItemsNew"] = state.ItemsNew,
            ["NextAttemptAfter"] = state.NextAttemptAfter,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var states = new List<FeedState>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            states.Add(FromEntity(row));
        }

        return states;
    }

    private static FeedState FromEntity(TableEntity e) => new()
    {
        Name = e.GetString("Name"),
        Url = e.GetString("Url") ?? string.Empty,
        LastAttempt = e.GetDateTimeOffset("LastAttempt"),
        LastSuccess = e.GetDateTimeOffset("LastSuccess"),
        HttpStatus = e.GetInt32("HttpStatus"),
        ETag = e.GetString("ETag"),
        LastModified = e.GetString("LastModified"),
        ConsecutiveFailures = e.GetInt32("ConsecutiveFailures") ?? 0,
        LastError = e.GetString("LastError"),
        ItemsSeen = e.GetInt32("ItemsSeen") ?? 0,
        ItemsNew = e.GetInt32("ItemsNew") ?? 0,
        NextAttemptAfter = e.GetDateTimeOffset("NextAttemptAfter"),
    };
}
