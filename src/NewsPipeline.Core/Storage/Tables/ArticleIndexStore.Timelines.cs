using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>Reading the timelines newest first, a page at a time: one range query per partition visited.</summary>
public sealed partial class ArticleIndexStore
{
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
}
