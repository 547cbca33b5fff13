using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Articles;

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
public sealed class ArticleIndexStore
{
    internal const string BucketsPartition = "buckets";
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

    /// <summary>
    /// Writes or replaces the rows of an article as one feed (its <see cref="ArticleMetadata.Source"/>) published it.
    /// Idempotent: the same metadata twice leaves the same rows. An article (one link) carried by several feeds is
    /// kept under every one of them: each feed has its own row in its own timeline, written only by that feed's
    /// deliveries. The first feed that stored it owns the by-id resource and the row in the <c>all</c> timeline; a
    /// later feed that carries the same link adds its own timeline row and never changes what the owner published.
    /// The by-id row records every placement and is written conditioned on its ETag, so concurrent deliveries of
    /// several feeds never lose one another's placement.
    /// </summary>
    public async Task UpsertAsync(ArticleMetadata article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var bucket = BucketOf(article.Published);
        var rowKey = TimelineRowKey(article.Published, article.Id);
        var ownScope = SourceScope(article.Source);
        var written = new HashSet<(string Partition, string RowKey)>();

        for (var attempt = 1; ; attempt++)
        {
            var previous = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(article.Id), article.Id,
                // Azurite returns only the columns named in a $select, the keys included.
                ["PartitionKey", "RowKey", "Source", "ChangeKey", .. Placements.ColumnNames], cancellationToken).ConfigureAwait(false);
            var before = previous.HasValue ? Placements.Read(previous.Value!) : [];
            var owner = previous.HasValue ? previous.Value!.GetString("Source") ?? article.Source : article.Source;
            var isOwner = owner == article.Source;

            // An article already listed in as many timelines as its by-id row can name: a further feed does not list it
            // (the earlier feeds and the "all" timeline do), rather than failing the delivery on a row too big to save.
            if (!isOwner && before.Count >= Placements.MaxPlacements && !before.Any(p => Belongs(p.Partition, ownScope, isOwner)))
            {
                return;
            }

            // This feed's placements now; the other feeds' stay as they are.
            var mine = new List<(string Partition, string RowKey)> { (SourcePartition(article.Source, bucket), rowKey) };
            if (isOwner)
            {
                mine.Add((AllPartition(bucket), rowKey));
            }

            var after = before.Where(p => !Belongs(p.Partition, ownScope, isOwner)).Concat(mine).Distinct().ToList();
            foreach (var (partition, key) in mine)
            {
                await table.UpsertEntityAsync(ArticleEntityMapper.ToEntity(article, partition, key), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                written.Add((partition, key));
            }

            await RegisterBucketsAsync(isOwner ? ["all", ownScope] : [ownScope], bucket, cancellationToken).ConfigureAwait(false);

            // A re-parse that moves this feed's rows (a better date) must not leave them twice in a timeline. The old
            // rows go before the by-id row records the new place: if this is cut short, the retry still knows them.
            foreach (var stale in before.Where(p => Belongs(p.Partition, ownScope, isOwner) && !after.Contains(p)))
            {
                await DeleteIfExistsAsync(stale.Partition, stale.RowKey, cancellationToken).ConfigureAwait(false);
            }

            TableEntity byId;
            string? changeKey = null;
            if (isOwner)
            {
                byId = ArticleEntityMapper.ToEntity(article, IdPartition(article.Id), article.Id, withLinks: true);
                // The article's place in the change feed: the time it was first indexed, kept for good, so a re-parse
                // or a redelivery rewrites the same change row and a poller sees the article once.
                changeKey = (previous.HasValue ? previous.Value!.GetString("ChangeKey") : null) ?? ChangeRowKey(clock.GetUtcNow(), article.Id);
                byId["ChangeKey"] = changeKey;
            }
            else
            {
                // Another feed's article: only its list of placements changes, never what the owner published.
                byId = new TableEntity(IdPartition(article.Id), article.Id);
            }

            Placements.Write(byId, after);
            if (await TryWriteByIdAsync(byId, previous.HasValue ? previous.Value!.ETag : (ETag?)null, merge: !isOwner, cancellationToken).ConfigureAwait(false))
            {
                // Rows an earlier attempt wrote as the presumed owner, before another feed's delivery won the by-id row.
                foreach (var orphan in written.Where(w => !after.Contains(w)))
                {
                    await DeleteIfExistsAsync(orphan.Partition, orphan.RowKey, cancellationToken).ConfigureAwait(false);
                }

                if (changeKey is not null)
                {
                    // After the by-id row, which holds the key: if this is cut short, the redelivery writes the same row.
                    var changes = ChangePartition(changeKey);
                    await table.UpsertEntityAsync(ArticleEntityMapper.ToEntity(article, changes, changeKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    await RegisterBucketsAsync([ChangesScope], changes[(ChangesScope.Length + 1)..], cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Article {article.Id} kept changing under {MaxAttempts} attempts to index it as feed '{article.Source}' published it; the delivery is retried.");
            }

            // Many feeds' deliveries of one article at once: a short random pause spreads the next tries apart.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
        }
    }

    private const int MaxAttempts = 30;

    // This feed's placements: its own timeline, and the all-timeline row when it owns the article.
    private static bool Belongs(string partition, string ownScope, bool isOwner) =>
        partition.StartsWith(ownScope + "-", StringComparison.Ordinal) || (isOwner && partition.StartsWith("all-", StringComparison.Ordinal));

    private async Task<bool> TryWriteByIdAsync(TableEntity byId, ETag? etag, bool merge, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is null)
            {
                await table.AddEntityAsync(byId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpdateEntityAsync(byId, etag.Value, merge ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        // 409: another delivery added it first; 412: another changed it since it was read. Read again and redo.
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
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

        // An article carried by several of the asked feeds is in each of their timelines: listed once, where it comes first.
        var merged = perScope.SelectMany(rows => rows).OrderBy(e => e.Position.RowKey, StringComparer.Ordinal)
            .DistinctBy(e => e.Article.Id, StringComparer.Ordinal).Take(want).ToList();
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
                select: query.WithContentHtml ? ArticleEntityMapper.FeedListColumns : ArticleEntityMapper.ListColumns, cancellationToken: cancellationToken);
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
    /// The change feed: articles in the order they were first indexed, strictly after <paramref name="afterKey"/> and
    /// before <paramref name="horizon"/> (the caller keeps the last moments out, so that a write whose key was taken a
    /// little earlier is never passed over). One read of the bucket registry, then one range query per month with
    /// changes, oldest first, until the page is full: the cost is the page, not the archive.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> ChangesAsync(string? afterKey, DateTimeOffset horizon, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (afterKey is not null && !IsChangeKey(afterKey))
        {
            throw new ArgumentException($"'{afterKey}' is not a change key (19 digits of ticks within DateTime's range, '-', a 40-digit hex id).", nameof(afterKey));
        }

        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var after = afterKey ?? string.Empty;
        var before = ChangeRowKey(horizon, string.Empty);
        var oldest = afterKey is null ? "000101" : ChangePartition(afterKey)[(ChangesScope.Length + 1)..];
        var months = new List<string>();
        await foreach (var bucket in BucketsNewestFirstAsync(ChangesScope, BucketOf(horizon), oldest, 1000, cancellationToken).ConfigureAwait(false))
        {
            months.Add(bucket);
        }

        var rows = new List<TimelineEntry>(limit);
        foreach (var month in Enumerable.Reverse(months))
        {
            var partition = ChangesScope + "-" + month;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {before}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit - rows.Count, select: ArticleEntityMapper.ListColumns,
                               cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new TimelineEntry(ArticleEntityMapper.FromEntity(row), new TimelinePosition(month, row.RowKey), row.Timestamp));
                if (rows.Count == limit)
                {
                    return rows;
                }
            }
        }

        return rows;
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

    private const string ChangesScope = "chg";

    /// <summary>A change row's key: ticks of the first indexing (ascending: oldest first), then the id.</summary>
    internal static string ChangeRowKey(DateTimeOffset indexed, string id) => indexed.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + id;

    /// <summary>
    /// Whether <paramref name="key"/> has the shape of a change row's key (<see cref="ChangeRowKey"/>): 19 digits of
    /// ticks that a <see cref="DateTime"/> can hold, '-', a 40-digit lower-case hex id. A cursor a client sends back
    /// must pass this before it reaches a query: 9999999999999999999 overflows a long, 3155378976000000000 is past
    /// DateTime.MaxValue.
    /// </summary>
    public static bool IsChangeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length == 19 + 1 + 40
               && key[19] == '-'
               && long.TryParse(key.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks <= DateTime.MaxValue.Ticks
               && key.AsSpan(20).IndexOfAnyExcept(LowerHex) < 0;
    }

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static string ChangePartition(string changeKey) =>
        ChangesScope + "-" + BucketOf(new DateTimeOffset(long.Parse(changeKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero));

    internal static string SourcePartition(string source, string bucket) => SourceScope(source) + "-" + bucket;

    internal static string SourceScope(string source) => "src-" + TableKeys.Escape(source);

    internal static string IdPartition(string id) => "id-" + id[..2];

    // Newest bucket first: RowKey ascending is month descending.
    internal static string BucketRowKey(string scope, string bucket) =>
        scope + "|" + (999999 - int.Parse(bucket, CultureInfo.InvariantCulture)).ToString("D6", CultureInfo.InvariantCulture);

}
