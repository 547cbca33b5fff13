using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Testing.Storage;

/// <summary>
/// Fills an article index fast, for load tests and tests at archive size: the same rows as
/// <see cref="ArticleIndexStore.UpsertAsync"/> (the index's own keys and entity mapper), sent as entity-group transactions
/// of up to 100 rows of one partition. It does not remove rows of an article that moved, so it is for articles not yet
/// in the index. Kept out of Core: the product never loads articles this way.
/// </summary>
internal static class ArticleBulkLoad
{
    public static async Task BulkLoadAsync(this ArticleIndexStore index, IEnumerable<ArticleMetadata> articles, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(articles);
        var table = await index.CreatedTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        void Add(TableEntity entity)
        {
            if (!rows.TryGetValue(entity.PartitionKey, out var list))
            {
                rows[entity.PartitionKey] = list = [];
            }

            list.Add(entity);
        }

        var buckets = new HashSet<(string Scope, string Bucket)>();
        foreach (var article in articles)
        {
            var bucket = ArticleIndexStore.BucketOf(article.Published);
            var rowKey = ArticleIndexStore.TimelineRowKey(article.Published, article.Id);
            var timelines = new[] { ArticleIndexStore.AllPartition(bucket), ArticleIndexStore.SourcePartition(article.Source, bucket) };
            Add(ArticleEntityMapper.ToEntity(article, timelines[0], rowKey));
            Add(ArticleEntityMapper.ToEntity(article, timelines[1], rowKey));
            var byId = ArticleEntityMapper.ToEntity(article, ArticleIndexStore.IdPartition(article.Id), article.Id, withLinks: true);
            Placements.Write(byId, timelines.Select(t => (t, rowKey)).ToList());
            Add(byId);
            buckets.Add(("all", bucket));
            buckets.Add((ArticleIndexStore.SourceScope(article.Source), bucket));
        }

        foreach (var (scope, bucket) in buckets)
        {
            Add(new TableEntity(ArticleIndexStore.BucketsPartition, ArticleIndexStore.BucketRowKey(scope, bucket)) { ["Bucket"] = bucket });
        }

        var batches = rows.Values.SelectMany(list => list.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
