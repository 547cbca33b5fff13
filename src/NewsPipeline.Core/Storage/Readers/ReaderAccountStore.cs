using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Storage.Readers;

/// <summary>A reader account as stored: never the password, only its slow salted hash.</summary>
public sealed record ReaderAccountRecord(string Name, string PasswordHash, long UserId, DateTimeOffset Created);

/// <summary>A login token as stored: the token itself is never kept, only its SHA-256 (the row key).</summary>
public sealed record ReaderTokenRecord(string Account, DateTimeOffset Expires);

/// <summary>Failed logins counted for one account or one client address since <see cref="WindowStart"/>.</summary>
public sealed record LoginCounter(int Failures, DateTimeOffset WindowStart, ETag ETag);

/// <summary>
/// The readers table's account rows: <c>accounts</c> (one row per account), <c>tokens</c> (one row per login token,
/// keyed by its hash: a token check is one point read), <c>logins</c> (failed-login counters, kept in storage so a limit
/// holds across instances), and each account's <c>tok|</c> index rows in its own partition, so that revoking its
/// tokens reads only its rows.
/// </summary>
public sealed partial class ReaderAccountStore
{
    private const string AccountsPartition = "accounts";
    private const string TokensPartition = "tokens";
    private const string LoginsPartition = "logins";
    private const string TokenIndexPrefix = "tok|";

    private readonly TableClient table;
    private readonly CreateOnce created;

    public ReaderAccountStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        table = clients.Tables.GetTableClient(options.Value.ReadersTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    /// <summary>The partition that holds everything of one account but its account row.</summary>
    internal static string AccountPartition(string account) => "acct-" + TableKeys.Escape(account);

    public async Task<bool> TryAddAsync(ReaderAccountRecord account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ToEntity(account), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReaderAccountRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(AccountsPartition, TableKeys.Escape(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ReaderAccountRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var accounts = new List<ReaderAccountRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccountsPartition}"),
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            accounts.Add(FromEntity(row));
        }

        return accounts;
    }

    /// <summary>Replaces an account's password hash; false when there is no such account.</summary>
    public async Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(AccountsPartition, TableKeys.Escape(name)) { [nameof(ReaderAccountRecord.PasswordHash)] = passwordHash },
                ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Removes the account row, its tokens and its whole partition (subscriptions, read and starred state).</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await RevokeTokensAsync(name, cancellationToken).ConfigureAwait(false);
        var partition = AccountPartition(name);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"],
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)),
                cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await table.DeleteEntityAsync(AccountsPartition, TableKeys.Escape(name), ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ReaderAccountRecord account) => new(AccountsPartition, TableKeys.Escape(account.Name))
    {
        [nameof(ReaderAccountRecord.Name)] = account.Name,
        [nameof(ReaderAccountRecord.PasswordHash)] = account.PasswordHash,
        [nameof(ReaderAccountRecord.UserId)] = account.UserId,
        [nameof(ReaderAccountRecord.Created)] = account.Created,
    };

    private static ReaderAccountRecord FromEntity(TableEntity row) => new(
        row.GetString(nameof(ReaderAccountRecord.Name)) ?? TableKeys.Unescape(row.RowKey),
        row.GetString(nameof(ReaderAccountRecord.PasswordHash)) ?? string.Empty,
        row.GetInt64(nameof(ReaderAccountRecord.UserId)) ?? 0,
        row.GetDateTimeOffset(nameof(ReaderAccountRecord.Created)) ?? DateTimeOffset.UnixEpoch);
}
