using System.Globalization;
using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>The change feed: each article once, by the time it was first indexed.</summary>
public sealed partial class ArticleIndexStore
{
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
}
