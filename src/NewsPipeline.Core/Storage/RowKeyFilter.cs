using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage;

/// <summary>
/// A filter for some rows of one partition by key: one query instead of a point read each. Table Storage allows 15
/// comparisons in a filter, so callers pass at most 14 keys.
/// </summary>
internal static class RowKeyFilter
{
    public const int MaxKeys = 14;

    public static string In(string partition, IReadOnlyCollection<string> rowKeys)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowKeys.Count, MaxKeys);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and ("
               + string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
    }
}
