using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>Point reads of one article, and the question reconciliation asks of one source-day.</summary>
public sealed partial class ArticleIndexStore
{
    public async Task<ArticleMetadata?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (id.Length < 2)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(id), id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? ArticleEntityMapper.FromEntity(row.Value!) : null;
    }

    /// <summary>An article by id with the time its row was written (a point read), or null.</summary>
    public async Task<IndexedArticle?> GetEntryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (id.Length < 2)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(id), id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new IndexedArticle(ArticleEntityMapper.FromEntity(row.Value!), row.Value!.Timestamp) : null;
    }

    /// <summary>
    /// The blobs a source's timeline holds rows for among the articles published on one day (UTC), each with the parser
    /// version that wrote its row: one range query on the source's month partition, keys, blob name and version only.
    /// Blobs are filed under the day their feed dated them, so this is what a day's blob listing is checked against.
    /// </summary>
    public async Task<Dictionary<string, int>> IndexedBlobsAsync(string source, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var partition = SourcePartition(source, BucketOf(start));
        // Newest first: the day's last tick has the smallest inverted key, its first tick the largest.
        var from = InvertedTicks(start.AddDays(1).AddTicks(-1));
        var to = InvertedTicks(start) + "~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var blobs = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "BlobName", "ParserVersion"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("BlobName") is { } name)
            {
                blobs[name] = row.GetInt32("ParserVersion") ?? 0;
            }
        }

        return blobs;
    }

    /// <summary>Whether the article has a row in the source's timeline, by its by-id row's placements (one point read).</summary>
    public async Task<bool> IsListedUnderAsync(string id, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (id.Length < 2)
        {
            return false;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(id), id,
            ["PartitionKey", "RowKey", .. Placements.ColumnNames], cancellationToken).ConfigureAwait(false);
        var scope = SourceScope(source) + "-";
        return row.HasValue && Placements.Read(row.Value!).Any(p => p.Partition.StartsWith(scope, StringComparison.Ordinal));
    }
}
