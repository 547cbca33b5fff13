using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Articles.Parsing;

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
public sealed class ArticleIndex
{
    private const string BucketsPartition = "buckets";
    private readonly TableClient table;
    private readonly CreateOnce created;

    // Registry rows this instance has written: each is written once per instance rather than with every article,
    // so the one `buckets` partition takes a few writes a month instead of every write.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> registered = new(StringComparer.Ordinal);

    public ArticleIndex(StorageClients clients, IOptions<StorageOptions> options)
    {
        table = clients.Tables.GetTableClient(options.Value.ArticlesTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    /// <summary>Writes or replaces an article's rows. Idempotent: the same metadata twice leaves the same rows.</summary>
    public async Task UpsertAsync(ArticleMetadata article, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var bucket = BucketOf(article.Published);
        var rowKey = TimelineRowKey(article.Published, article.Id);
        var timelines = new[] { AllPartition(bucket), SourcePartition(article.Source, bucket) };

        var previous = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(article.Id), article.Id,
            ["TimelinePartitions", "TimelineRowKey"], cancellationToken).ConfigureAwait(false);

        var byId = ArticleEntityMapper.ToEntity(article, IdPartition(article.Id), article.Id);
        byId["TimelinePartitions"] = string.Join(' ', timelines);
        byId["TimelineRowKey"] = rowKey;

        foreach (var partition in timelines)
        {
            await table.UpsertEntityAsync(ArticleEntityMapper.ToEntity(article, partition, rowKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        foreach (var scope in new[] { "all", SourceScope(article.Source) })
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

        // A re-parse that moves the article (a better date, another source) must not leave it twice in a timeline.
        // The old rows go before the by-id row records the new place: if this is cut short, the retry still knows them.
        if (previous.HasValue && previous.Value!.GetString("TimelinePartitions") is { } oldPartitions
            && previous.Value.GetString("TimelineRowKey") is { } oldRowKey)
        {
            foreach (var partition in oldPartitions.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (oldRowKey != rowKey || !timelines.Contains(partition))
                {
                    await DeleteIfExistsAsync(partition, oldRowKey, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await table.UpsertEntityAsync(byId, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

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

    /// <summary>The newest articles, overall or of one source, newest first.</summary>
    public async Task<IReadOnlyList<ArticleMetadata>> LatestAsync(int limit, string? source, CancellationToken cancellationToken)
    {
        var page = await PageAsync(new TimelineQuery(limit, source is null ? [] : [source]), cancellationToken).ConfigureAwait(false);
        return page.Items.Select(e => e.Article).ToList();
    }

    /// <summary>
    /// One page of the timeline. Per scope (all, or each source) it reads the bucket registry once — one partition,
    /// a RowKey range bounded by the window and the cursor — then walks the non-empty buckets newest first, each a
    /// single-partition RowKey range with <c>$top</c> = what the page still needs (+1 to know whether a next page
    /// exists), and stops as soon as the page is full. Several sources are a k-way merge of their own timelines by
    /// RowKey, which is globally ordered (inverted ticks, then id).
    /// </summary>
    public async Task<TimelinePage> PageAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var scopes = query.Sources.Count == 0 ? ["all"] : query.Sources.Distinct(StringComparer.Ordinal).Select(SourceScope).ToArray();
        var want = query.Limit + 1;
        var perScope = await Task.WhenAll(scopes.Select(scope => ScopePageAsync(scope, query, want, cancellationToken))).ConfigureAwait(false);

        // An article has one source, so the merged timelines never hold it twice.
        var merged = perScope.SelectMany(rows => rows).OrderBy(e => e.Position.RowKey, StringComparer.Ordinal).Take(want).ToList();
        var hasMore = merged.Count > query.Limit;
        var items = hasMore ? merged[..query.Limit] : merged;
        return new TimelinePage(items, hasMore ? items[^1].Position : null);
    }

    private async Task<List<TimelineEntry>> ScopePageAsync(string scope, TimelineQuery query, int want, CancellationToken cancellationToken)
    {
        var range = TimelineRange.For(query);
        var rows = new List<TimelineEntry>(want);
        await foreach (var bucket in BucketsNewestFirstAsync(scope, range.NewestBucket, range.OldestBucket, want, cancellationToken).ConfigureAwait(false))
        {
            var partition = scope + "-" + bucket;
            var filter = query.Language is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {range.After} and RowKey lt {range.Before}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {range.After} and RowKey lt {range.Before} and Language eq {query.Language}");
            var results = table.QueryAsync<TableEntity>(filter, maxPerPage: want - rows.Count,
                select: query.WithContentHtml ? null : ArticleEntityMapper.ColumnsWithoutContentHtml, cancellationToken: cancellationToken);
            await foreach (var row in results.ConfigureAwait(false))
            {
                rows.Add(new TimelineEntry(ArticleEntityMapper.FromEntity(row), new TimelinePosition(bucket, row.RowKey), row.Timestamp));
                if (rows.Count == want)
                {
                    return rows;
                }
            }
        }

        return rows;
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
    /// Loads many articles at once for benchmarks and bulk imports: the same rows as <see cref="UpsertAsync"/>, sent
    /// as entity-group transactions of up to 100 rows of one partition. It does not remove rows of an article that
    /// moved, so it is for articles not yet in the index.
    /// </summary>
    public async Task BulkLoadAsync(IEnumerable<ArticleMetadata> articles, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
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
            var bucket = BucketOf(article.Published);
            var rowKey = TimelineRowKey(article.Published, article.Id);
            var timelines = new[] { AllPartition(bucket), SourcePartition(article.Source, bucket) };
            Add(ArticleEntityMapper.ToEntity(article, timelines[0], rowKey));
            Add(ArticleEntityMapper.ToEntity(article, timelines[1], rowKey));
            var byId = ArticleEntityMapper.ToEntity(article, IdPartition(article.Id), article.Id);
            byId["TimelinePartitions"] = string.Join(' ', timelines);
            byId["TimelineRowKey"] = rowKey;
            Add(byId);
            buckets.Add(("all", bucket));
            buckets.Add((SourceScope(article.Source), bucket));
        }

        foreach (var (scope, bucket) in buckets)
        {
            Add(new TableEntity(BucketsPartition, BucketRowKey(scope, bucket)) { ["Bucket"] = bucket });
        }

        var batches = rows.Values.SelectMany(list => list.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false)).ConfigureAwait(false);
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

    internal static string BucketOf(DateTimeOffset published) => published.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    internal static string TimelineRowKey(DateTimeOffset published, string id) => InvertedTicks(published) + "-" + id;

    internal static string InvertedTicks(DateTimeOffset time) =>
        (DateTime.MaxValue.Ticks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    internal static string AllPartition(string bucket) => "all-" + bucket;

    internal static string SourcePartition(string source, string bucket) => SourceScope(source) + "-" + bucket;

    internal static string SourceScope(string source) => "src-" + TableKeys.Escape(source);

    private static string IdPartition(string id) => "id-" + id[..2];

    // Newest bucket first: RowKey ascending is month descending.
    private static string BucketRowKey(string scope, string bucket) =>
        scope + "|" + (999999 - int.Parse(bucket, CultureInfo.InvariantCulture)).ToString("D6", CultureInfo.InvariantCulture);

}
