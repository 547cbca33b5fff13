using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// Where an article's timeline rows are, kept on its by-id row (<c>Placements</c>: <c>partition|rowKey</c> entries,
/// space-separated), so that a re-parse finds and replaces its own rows and leaves the other feeds' alone. Rows written
/// before there were placements name one row key for all partitions (<c>TimelinePartitions</c>, <c>TimelineRowKey</c>).
/// </summary>
internal static class Placements
{
    public static List<(string Partition, string RowKey)> Read(TableEntity byId)
    {
        if (byId.GetString("Placements") is { Length: > 0 } placements)
        {
            return placements.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('|', 2))
                .Where(p => p.Length == 2)
                .Select(p => (p[0], p[1]))
                .ToList();
        }

        return byId.GetString("TimelinePartitions") is { } partitions && byId.GetString("TimelineRowKey") is { } rowKey
            ? partitions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (p, rowKey)).ToList()
            : [];
    }

    public static void Write(TableEntity byId, IReadOnlyCollection<(string Partition, string RowKey)> placements)
    {
        byId["Placements"] = string.Join(' ', placements.Select(p => p.Partition + "|" + p.RowKey));
        // The old columns go: a row with both would be read by Placements alone, and they would go stale.
        byId["TimelinePartitions"] = null;
        byId["TimelineRowKey"] = null;
    }
}
