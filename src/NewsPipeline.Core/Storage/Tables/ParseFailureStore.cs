using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>A recorded parse failure: the blob is left as it was; <c>newsfeed reindex</c> retries it.</summary>
public sealed record ParseFailure(string BlobName, string Reason, int Attempts, DateTimeOffset LastAttempt, int ParserVersion);

/// <summary>The failures table: one row per blob that could not be parsed, so poison input is recorded once, not retried forever.</summary>
public sealed class ParseFailureStore
{
    private const string Partition = "failure";
    private readonly TableClient table;
    private readonly CreateOnce created;

    public ParseFailureStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        table = clients.Tables.GetTableClient(options.Value.FailuresTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    public async Task<ParseFailure> RecordAsync(string blobName, string reason, int parserVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var key = TableKeys.Escape(blobName);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, ["Attempts"], cancellationToken).ConfigureAwait(false);
        var attempts = (existing.HasValue ? existing.Value!.GetInt32("Attempts") ?? 0 : 0) + 1;
        var failure = new ParseFailure(blobName, reason, attempts, at, parserVersion);
        await table.UpsertEntityAsync(new TableEntity(Partition, key)
        {
            ["BlobName"] = blobName,
            ["Reason"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["Attempts"] = attempts,
            ["LastAttempt"] = at,
            ["ParserVersion"] = parserVersion,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return failure;
    }

    /// <summary>Whether a failure is on record for the blob (one point read).</summary>
    public async Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(blobName), ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    public async Task ClearAsync(string blobName, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(Partition, TableKeys.Escape(blobName), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async IAsyncEnumerable<ParseFailure> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                           select: ["PartitionKey", "RowKey", "BlobName", "Reason", "Attempts", "LastAttempt", "ParserVersion"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ParseFailure(row.GetString("BlobName"), row.GetString("Reason") ?? string.Empty,
                row.GetInt32("Attempts") ?? 0, row.GetDateTimeOffset("LastAttempt") ?? default, row.GetInt32("ParserVersion") ?? 0);
        }
    }
}
