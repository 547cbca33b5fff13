using Azure.Data.Tables;
using NewsPipeline.Core.Model.Readers;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>Articles by the 64-bit ids reader apps use (<see cref="ReaderItemId"/>).</summary>
public sealed partial class ArticleIndexStore
{
    // A filter holds at most 15 comparisons: the partition, then seven ranges of two.
    private const int RangesPerQuery = 7;
    private const int ParallelQueries = 8;

    /// <summary>
    /// The articles whose ids start with these items' 15 hex digits, from their by-id rows: the ids in one
    /// <c>id-{xx}</c> partition are asked seven to a query, so a batch of 150 ids costs about 115 requests, never more
    /// than one per id. Ids no article has are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IndexedArticle>> FindByItemIdsAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var queries = itemIds.Distinct()
            .Select(ReaderItemId.ArticlePrefix)
            .GroupBy(prefix => IdPartition(prefix))
            .SelectMany(partition => partition.Chunk(RangesPerQuery).Select(chunk => (Partition: partition.Key, Prefixes: chunk)))
            .ToList();
        var found = new System.Collections.Concurrent.ConcurrentDictionary<long, IndexedArticle>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = cancellationToken }, async (query, ct) =>
        {
            var ranges = query.Prefixes.Select(p => "(" + TableClient.CreateQueryFilter($"RowKey ge {p} and RowKey lt {p + "~"}") + ")");
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {query.Partition}") + " and (" + string.Join(" or ", ranges) + ")";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                var article = ArticleEntityMapper.FromEntity(row);
                found.TryAdd(ReaderItemId.FromArticleId(article.Id), new IndexedArticle(article, row.Timestamp));
            }
        }).ConfigureAwait(false);
        return found;
    }
}
