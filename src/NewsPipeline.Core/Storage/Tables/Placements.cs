using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// Where an article's timeline rows are, kept on its by-id row (<c>Placements</c>: <c>partition|rowKey</c> entries,
/// space-separated), so that a re-parse finds and replaces its own rows and leaves the other feeds' alone. Rows written
/// before there were placements name one row key for all partitions (<c>TimelinePartitions</c>, <c>TimelineRowKey</c>).
/// </summary>
/// <remarks>
/// An article carried by many feeds has a placement per feed: the list is spread over up to <see cref="Columns"/>
/// columns of at most <see cref="MaxColumnLength"/> characters (a string property holds 32,768), and an article is
/// listed under at most <see cref="MaxPlacements"/> feeds' timelines, so its by-id row stays far under the 1 MiB an
/// entity may hold (about 600 KB of placements at most, beside the article's own columns).
/// </remarks>
internal static class Placements
{
    public const string Column = "Placements";
    public const int Columns = 10;
    public const int MaxColumnLength = 30_000;

    /// <summary>Timelines an article is listed in, at most: a feed past it does not list the article (the others do).</summary>
    public const int MaxPlacements = 2_500;

    /// <summary>The by-id row's columns that <see cref="Read"/> needs, for a <c>$select</c>.</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
        [.. Enumerable.Range(0, Columns).Select(NameOf), "TimelinePartitions", "TimelineRowKey"];

    public static List<(string Partition, string RowKey)> Read(TableEntity byId)
    {
        var entries = new List<(string, string)>();
        for (var i = 0; i < Columns; i++)
        {
            if (byId.GetString(NameOf(i)) is { Length: > 0 } placements)
            {
                entries.AddRange(placements.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('|', 2))
                    .Where(p => p.Length == 2)
                    .Select(p => (p[0], p[1])));
            }
        }

        if (entries.Count > 0)
        {
            return entries;
        }

        return byId.GetString("TimelinePartitions") is { } partitions && byId.GetString("TimelineRowKey") is { } rowKey
            ? partitions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (p, rowKey)).ToList()
            : [];
    }

    /// <summary>Writes the list over the columns; what would not fit in them all is left out (see <see cref="MaxPlacements"/>).</summary>
    public static void Write(TableEntity byId, IReadOnlyCollection<(string Partition, string RowKey)> placements)
    {
        var column = 0;
        var text = new StringBuilder();
        foreach (var (partition, rowKey) in placements.Take(MaxPlacements))
        {
            var entry = partition + "|" + rowKey;
            if (text.Length > 0 && text.Length + 1 + entry.Length > MaxColumnLength)
            {
                byId[NameOf(column++)] = text.ToString();
                text.Clear();
                if (column == Columns)
                {
                    break;
                }
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(entry);
        }

        if (column < Columns)
        {
            byId[NameOf(column++)] = text.ToString();
        }

        // Every column is written, the unused as null, so a merge leaves no stale entries of a longer list behind.
        for (; column < Columns; column++)
        {
            byId[NameOf(column)] = null;
        }

        // The old columns go: a row with both would be read by Placements alone, and they would go stale.
        byId["TimelinePartitions"] = null;
        byId["TimelineRowKey"] = null;
    }

    private static string NameOf(int column) => column == 0 ? Column : Column + column.ToString(CultureInfo.InvariantCulture);
}
