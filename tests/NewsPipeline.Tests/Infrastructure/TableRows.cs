using Azure.Data.Tables;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Reads a pipeline's article table whole (a test may scan; the product never does), to count rows per kind.</summary>
internal static class TableRows
{
    public static async Task<ArticleRowCounts> CountAsync(string connectionString, StorageOptions storage)
    {
        var table = new TableClient(connectionString, storage.ArticlesTable);
        var byKind = new Dictionary<string, List<string>>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Id"]))
        {
            var kind = row.PartitionKey.StartsWith("id-", StringComparison.Ordinal) ? "id"
                : row.PartitionKey.StartsWith("all-", StringComparison.Ordinal) ? "all"
                : row.PartitionKey.StartsWith("src-", StringComparison.Ordinal) ? "source"
                : row.PartitionKey.StartsWith("chg-", StringComparison.Ordinal) ? "changes" : row.PartitionKey;
            (byKind.TryGetValue(kind, out var ids) ? ids : byKind[kind] = []).Add(row.GetString("Id") ?? row.RowKey);
        }

        return new ArticleRowCounts(byKind.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value));
    }
}

internal sealed record ArticleRowCounts(IReadOnlyDictionary<string, IReadOnlyList<string>> IdsByKind)
{
    public IReadOnlyList<string> Ids(string kind) => IdsByKind.GetValueOrDefault(kind) ?? [];
}
