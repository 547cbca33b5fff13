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
            await table.UpsertEntityAsync(new TableEntity(BucketsPartition, BucketRowKey(scope, bucket)) { ["Bucket"] = bucket },
                TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(byId, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        // A re-parse that moves the article (a better date, another source) must not leave it twice in a timeline.
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

    /// <summary>The newest articles, overall or of one source, newest first.</summary>
    public async Task<IReadOnlyList<ArticleMetadata>> LatestAsync(int limit, string? source, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var scope = source is null ? "all" : SourceScope(source);
        var items = new List<ArticleMetadata>(limit);
        await foreach (var bucket in BucketsNewestFirstAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            var partition = source is null ? AllPartition(bucket) : SourcePartition(source, bucket);
            var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
                maxPerPage: limit - items.Count, cancellationToken: cancellationToken);
            await foreach (var row in query.ConfigureAwait(false))
            {
                items.Add(ArticleEntityMapper.FromEntity(row));
                if (items.Count == limit)
                {
                    return items;
                }
            }
        }

        return items;
    }

    private async IAsyncEnumerable<string> BucketsNewestFirstAsync(string scope,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = PrefixRange(scope + "|");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BucketsPartition} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Bucket"], cancellationToken: cancellationToken).ConfigureAwait(false))
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

    internal static string TimelineRowKey(DateTimeOffset published, string id) =>
        (DateTime.MaxValue.Ticks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;

    internal static string AllPartition(string bucket) => "all-" + bucket;

    internal static string SourcePartition(string source, string bucket) => SourceScope(source) + "-" + bucket;

    private static string SourceScope(string source) => "src-" + TableKeys.Escape(source);

    private static string IdPartition(string id) => "id-" + id[..2];

    // Newest bucket first: RowKey ascending is month descending.
    private static string BucketRowKey(string scope, string bucket) =>
        scope + "|" + (999999 - int.Parse(bucket, CultureInfo.InvariantCulture)).ToString("D6", CultureInfo.InvariantCulture);

    private static (string From, string To) PrefixRange(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
}
