using Azure;
using Azure.Data.Tables;

namespace NewsPipeline.Core.Storage.Readers;

/// <summary>Login tokens: stored by hash, checked by one point read, revoked all at once per account.</summary>
public sealed partial class ReaderAccountStore
{
    /// <summary>Stores a token's hash for <paramref name="account"/>, with its index row in the account's partition.</summary>
    public async Task AddTokenAsync(string tokenHash, ReaderTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        // The index row first: a token whose index row is missing could never be revoked.
        await table.UpsertEntityAsync(new TableEntity(AccountPartition(token.Account), TokenIndexPrefix + tokenHash)
        {
            [nameof(ReaderTokenRecord.Expires)] = token.Expires,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(TokensPartition, tokenHash)
        {
            [nameof(ReaderTokenRecord.Account)] = token.Account,
            [nameof(ReaderTokenRecord.Expires)] = token.Expires,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The token stored under this hash, or null: one point read.</summary>
    public async Task<ReaderTokenRecord?> GetTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TokensPartition, tokenHash, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value!.GetString(nameof(ReaderTokenRecord.Account)) is not { } account)
        {
            return null;
        }

        return new ReaderTokenRecord(account, row.Value.GetDateTimeOffset(nameof(ReaderTokenRecord.Expires)) ?? DateTimeOffset.MinValue);
    }

    /// <summary>Deletes every token of the account (a new password, a removed account); returns how many.</summary>
    public async Task<int> RevokeTokensAsync(string account, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = AccountPartition(account);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TokenIndexPrefix} and RowKey lt {"tok}"}");
        var hashes = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            hashes.Add(row.RowKey[TokenIndexPrefix.Length..]);
        }

        foreach (var chunk in hashes.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(h => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(TokensPartition, h), ETag.All)),
                cancellationToken).ConfigureAwait(false);
            await table.SubmitTransactionAsync(chunk.Select(h => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, TokenIndexPrefix + h), ETag.All)),
                cancellationToken).ConfigureAwait(false);
        }

        return hashes.Count;
    }

    /// <summary>Forgets one token (an expired one found at a check).</summary>
    public async Task RemoveTokenAsync(string tokenHash, string account, CancellationToken cancellationToken)
    {
        foreach (var (partition, key) in new[] { (TokensPartition, tokenHash), (AccountPartition(account), TokenIndexPrefix + tokenHash) })
        {
            try
            {
                await table.DeleteEntityAsync(partition, key, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
    }
}
