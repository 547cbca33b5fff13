using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// The articles table, laid out on the log-tail pattern so that every read is a single-partition range query:
/// <list type="bullet">
/// <item><c>all-{yyyyMM}</c> / <c>src-{source}-{yyyyMM}</c>: one row per article per month bucket, RowKey =
/// inverted ticks + id, so a partition reads newest first. Buckets keep any one partition from taking every write forever.</item>
/// <item><c>buckets</c>: one row per non-empty bucket, newest first, so a reader visits only buckets that hold articles.</item>
/// <item><c>id-{xx}</c>: the by-id row (point read), which remembers where the article sits in the timelines.</item>
/// </list>
/// </summary>
public sealed partial class ArticleIndexStore
{
    private readonly TableClient table;

    private readonly CreateOnce created;

    // Registry rows this instance has written: each is written once per instance rather than with every article,
    // so the one `buckets` partition takes a few writes a month instead of every write.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> registered = new(StringComparer.Ordinal);

    private readonly TimeProvider clock;

    public ArticleIndexStore(StorageClients clients, IOptions<StorageOptions> options, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        table = clients.Tables.GetTableClient(options.Value.ArticlesTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    private async Task RegisterBucketsAsync(string[] scopes, string bucket, CancellationToken cancellationToken)
    {
        foreach (var scope in scopes)
        {
            var key = BucketRowKey(scope, bucket);
            if (registered.ContainsKey(key))
            {
                continue;
            }

            await table.UpsertEntityAsync(new TableEntity(BucketsPartition, key) { ["Bucket"] = bucket },
                TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            registered.TryAdd(key, true);
        }
    }

    /// <summary>
    /// Checks that the table answers: one single-row query on the bucket registry. Throws what storage throws.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var pages = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {BucketsPartition}"), maxPerPage: 1,
            select: ["RowKey"], cancellationToken: cancellationToken).AsPages();
        await foreach (var page in pages.ConfigureAwait(false))
        {
            break;
        }
    }

    /// <summary>
    /// The table, created if it was not: for test support (tests/NewsPipeline.Testing) that fills it in bulk with
    /// the rows this index writes, through the same client.
    /// </summary>
    internal async Task<TableClient> CreatedTableAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    private async IAsyncEnumerable<string> BucketsNewestFirstAsync(string scope, string newest, string oldest, int top,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Registry RowKeys run newest month first, so the window [oldest, newest] is one RowKey range. Its size is
        // the number of months in the window (a dozen a year), never the number of articles; and a page of N items
        // never needs more than N non-empty buckets, so $top is N too.
        var from = BucketRowKey(scope, newest);
        var to = BucketRowKey(scope, oldest);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BucketsPartition} and RowKey ge {from} and RowKey le {to}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: top, select: ["Bucket"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Bucket") is { } bucket)
            {
                yield return bucket;
            }
        }
    }

    private async Task DeleteIfExistsAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
