using Azure;
using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>The bulk import's fast path: rows of new articles in entity-group batches.</summary>
public sealed partial class ArticleIndexStore
{
    /// <summary>
    /// Indexes articles whose blobs were just created (an import) with entity-group transactions of up to 100 rows per
    /// partition instead of several requests per article. Nothing of another feed is ever replaced: the source's own
    /// timeline rows are upserted, but the all-timeline and by-id rows are inserts, and an article whose insert meets an
    /// existing row (another feed carries the same link, or an earlier run indexed it) is taken out of the fast path,
    /// what was inserted for it is taken back, and it is indexed by <see cref="UpsertAsync"/>, ETag-conditioned and
    /// placement-aware. Change rows come last, with the key each by-id row holds, as <see cref="UpsertAsync"/> does.
    /// </summary>
    public async Task AddNewAsync(IReadOnlyList<ArticleMetadata> articles, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var careful = new System.Collections.Concurrent.ConcurrentDictionary<string, ArticleMetadata>(StringComparer.Ordinal);
        var plans = new List<ImportPlan>(articles.Count);
        foreach (var article in articles)
        {
            if (plans.Any(p => p.Article.Id == article.Id) || !careful.IsEmpty && careful.ContainsKey(article.Id))
            {
                // The same link twice in one chunk: the first goes the fast way, the others join it afterwards.
                careful.TryAdd(article.Id + "#" + plans.Count + careful.Count, article);
                continue;
            }

            var bucket = BucketOf(article.Published);
            var rowKey = TimelineRowKey(article.Published, article.Id);
            var changeKey = ChangeRowKey(now, article.Id);
            var byId = ArticleEntityMapper.ToEntity(article, IdPartition(article.Id), article.Id, withLinks: true);
            byId["ChangeKey"] = changeKey;
            Placements.Write(byId, [(SourcePartition(article.Source, bucket), rowKey), (AllPartition(bucket), rowKey)]);
            plans.Add(new ImportPlan(article,
                ArticleEntityMapper.ToEntity(article, SourcePartition(article.Source, bucket), rowKey),
                ArticleEntityMapper.ToEntity(article, AllPartition(bucket), rowKey),
                byId,
                ArticleEntityMapper.ToEntity(article, ChangePartition(changeKey), changeKey)));
            await RegisterBucketsAsync(["all", SourceScope(article.Source)], bucket, cancellationToken).ConfigureAwait(false);
            await RegisterBucketsAsync([ChangesScope], ChangePartition(changeKey)[(ChangesScope.Length + 1)..], cancellationToken).ConfigureAwait(false);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        // The source's own timeline: its rows, whoever else carries the articles.
        await SubmitAsync(plans, p => p.SourceRow, TableTransactionActionType.UpsertReplace, _ => { }, parallel).ConfigureAwait(false);
        await SubmitAsync(plans, p => p.AllRow, TableTransactionActionType.Add, p => careful.TryAdd(p.Article.Id, p.Article), parallel).ConfigureAwait(false);
        var owners = plans.Where(p => !careful.ContainsKey(p.Article.Id)).ToList();
        await SubmitAsync(owners, p => p.ByIdRow, TableTransactionActionType.Add, p => careful.TryAdd(p.Article.Id, p.Article), parallel).ConfigureAwait(false);
        foreach (var plan in owners.Where(p => careful.ContainsKey(p.Article.Id)))
        {
            // Its all-timeline row went in as this source's, but the by-id row is another feed's: the row goes.
            await DeleteIfExistsAsync(plan.AllRow.PartitionKey, plan.AllRow.RowKey, cancellationToken).ConfigureAwait(false);
        }

        await SubmitAsync(owners.Where(p => !careful.ContainsKey(p.Article.Id)).ToList(), p => p.ChangeRow, TableTransactionActionType.UpsertReplace, _ => { }, parallel).ConfigureAwait(false);
        foreach (var article in careful.Values)
        {
            await UpsertAsync(article, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record ImportPlan(ArticleMetadata Article, TableEntity SourceRow, TableEntity AllRow, TableEntity ByIdRow, TableEntity ChangeRow);

    // Batches of up to 100 rows of one partition. An insert batch that meets an existing row is refused whole; its rows
    // are then tried one by one, and each refused one is reported.
    private async Task SubmitAsync(IReadOnlyList<ImportPlan> plans, Func<ImportPlan, TableEntity> row, TableTransactionActionType action,
        Action<ImportPlan> conflicted, ParallelOptions parallel)
    {
        var batches = plans.GroupBy(p => row(p).PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, parallel, async (batch, ct) =>
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(p => new TableTransactionAction(action, row(p))), ct).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && action == TableTransactionActionType.Add)
            {
            }

            foreach (var plan in batch)
            {
                try
                {
                    await table.AddEntityAsync(row(plan), ct).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    conflicted(plan);
                }
            }
        }).ConfigureAwait(false);
    }
}
