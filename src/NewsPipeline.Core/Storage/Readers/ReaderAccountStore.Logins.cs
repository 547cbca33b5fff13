using Azure;
using Azure.Data.Tables;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Storage.Readers;

/// <summary>Failed-login counters, one row per account and per client address, written under their ETag.</summary>
public sealed partial class ReaderAccountStore
{
    public static string AccountCounterKey(string account) => "a|" + TableKeys.Escape(account);

    public static string AddressCounterKey(string address) => "ip|" + TableKeys.Escape(address);

    /// <summary>The counters under these keys (absent ones are not returned): one query.</summary>
    public async Task<IReadOnlyDictionary<string, LoginCounter>> GetCountersAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var counters = new Dictionary<string, LoginCounter>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return counters;
        }

        await foreach (var row in table.QueryAsync<TableEntity>(RowKeyFilter.In(LoginsPartition, keys), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            counters[row.RowKey] = new LoginCounter(row.GetInt32("Failures") ?? 0, row.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue, row.ETag);
        }

        return counters;
    }

    /// <summary>
    /// Counts one more failure under <paramref name="key"/>, starting a new window when the last one is over. Written
    /// under the row's ETag and retried on a race, so two instances counting at once lose no failure.
    /// </summary>
    public async Task RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(LoginsPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!row.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(LoginsPartition, key) { ["Failures"] = 1, ["WindowStart"] = now }, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var current = row.Value!;
                var start = current.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue;
                var fresh = now - start >= window;
                current["Failures"] = fresh ? 1 : (current.GetInt32("Failures") ?? 0) + 1;
                current["WindowStart"] = fresh ? now : start;
                await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted at the same moment: read again and count on top of it.
            }
        }
    }

    /// <summary>Clears a counter (a successful login clears its account's).</summary>
    public async Task ResetCounterAsync(string key, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(LoginsPartition, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
