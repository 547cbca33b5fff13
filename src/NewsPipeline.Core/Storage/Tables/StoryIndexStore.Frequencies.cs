using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NewsPipeline.Core.Reading.Stories;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// The window's document frequencies, one row a day. A process reads the days it needs at most once every
/// <see cref="FrequencyRefresh"/>, counts its own articles into that view at once, and writes what it counted to the
/// day's row at most that often (and when the host stops). Frequencies over two days move little in half a minute;
/// reading and rewriting the day's 64 KiB row for every article would cost two requests an article and make every
/// parallel parse contend for one row. Counts of a process that dies before it writes are lost: they are statistics.
/// </summary>
public sealed partial class StoryIndexStore
{
    internal static readonly TimeSpan FrequencyRefresh = TimeSpan.FromSeconds(30);

    private const string FrequencyPartition = "df";

    // Days read and not yet stale are kept; beyond this many, the stale ones are dropped (a reindex walks old days).
    private const int MaxCachedDays = 64;

    private readonly Lock frequencyLock = new();
    private readonly Dictionary<DateOnly, (FrequencySketch Counts, DateTimeOffset ReadAt)> readDays = [];
    private readonly Dictionary<DateOnly, FrequencySketch> unwritten = [];
    private readonly SemaphoreSlim writing = new(1, 1);
    private DateTimeOffset unwrittenSince;
    private int disposed;

    public async Task<FrequencySketch> ReadFrequenciesAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await WriteFrequenciesIfDueAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        List<DateOnly> stale;
        lock (frequencyLock)
        {
            stale = Days(first, last).Where(d => !readDays.TryGetValue(d, out var known) || now - known.ReadAt >= FrequencyRefresh).ToList();
        }

        if (stale.Count > 0)
        {
            // One range query over the stale days; a day without a row has no articles counted yet.
            await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
            var stored = new Dictionary<DateOnly, FrequencySketch>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FrequencyPartition} and RowKey ge {DayKey(stale[0])} and RowKey le {DayKey(stale[^1])}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Sketch", "Sketch2"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (CountsOf(row) is { } counts)
                {
                    stored[DateOnly.ParseExact(row.RowKey, "yyyyMMdd", CultureInfo.InvariantCulture)] = counts;
                }
            }

            lock (frequencyLock)
            {
                if (readDays.Count > MaxCachedDays)
                {
                    foreach (var old in readDays.Where(d => now - d.Value.ReadAt >= FrequencyRefresh).Select(d => d.Key).ToList())
                    {
                        readDays.Remove(old);
                    }
                }

                foreach (var day in stale)
                {
                    // What the row holds, plus what this process counted and has not written yet. (A write of this
                    // process's counts that lands between the query and here leaves them out of its view until the next
                    // refresh: half a minute of its own counts, which other processes do not see sooner either.)
                    var counts = stored.GetValueOrDefault(day) ?? new FrequencySketch();
                    if (unwritten.TryGetValue(day, out var own))
                    {
                        counts.Include(own);
                    }

                    readDays[day] = (counts, now);
                }
            }
        }

        lock (frequencyLock)
        {
            var sum = new FrequencySketch();
            foreach (var day in Days(first, last))
            {
                sum.Include(readDays[day].Counts);
            }

            return sum;
        }
    }

    public async Task AddFrequenciesAsync(DateOnly day, IReadOnlyCollection<ulong> terms, CancellationToken cancellationToken)
    {
        lock (frequencyLock)
        {
            if (unwritten.Count == 0)
            {
                unwrittenSince = clock.GetUtcNow();
            }

            if (!unwritten.TryGetValue(day, out var own))
            {
                unwritten[day] = own = new FrequencySketch();
            }

            own.Add(terms);
            if (readDays.TryGetValue(day, out var known))
            {
                known.Counts.Add(terms);
            }
        }

        await WriteFrequenciesIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the counts this process has not written yet: each day's row read, added to and written under its ETag.</summary>
    public async Task WriteFrequenciesAsync(CancellationToken cancellationToken)
    {
        // One writer at a time; a caller that finds a write under way leaves the counts to it or the next.
        if (!await writing.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            Dictionary<DateOnly, FrequencySketch> batch;
            lock (frequencyLock)
            {
                batch = new Dictionary<DateOnly, FrequencySketch>(unwritten);
                unwritten.Clear();
            }

            try
            {
                foreach (var (day, counts) in batch.OrderBy(d => d.Key).ToList())
                {
                    await AddToDayRowAsync(day, counts, cancellationToken).ConfigureAwait(false);
                    batch.Remove(day);
                }
            }
            finally
            {
                // Days not written go back, to be written with the next counts.
                lock (frequencyLock)
                {
                    foreach (var (day, counts) in batch)
                    {
                        if (unwritten.TryGetValue(day, out var newer))
                        {
                            counts.Include(newer);
                        }

                        unwritten[day] = counts;
                    }
                }
            }
        }
        finally
        {
            writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await WriteFrequenciesAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Stopping with storage unreachable: the last half-minute's counts are lost, which only statistics miss.
        }

        writing.Dispose();
    }

    internal static TableEntity FrequencyRow(DateOnly day, FrequencySketch counts)
    {
        // 64 KiB and its header: more than one binary property holds, so the row keeps it in two halves.
        var bytes = counts.ToBytes();
        var half = bytes.Length / 2;
        return new TableEntity(FrequencyPartition, DayKey(day)) { ["Sketch"] = bytes[..half], ["Sketch2"] = bytes[half..] };
    }

    private static FrequencySketch? CountsOf(TableEntity row) =>
        row.GetBinary("Sketch") is { } first && row.GetBinary("Sketch2") is { } second ? FrequencySketch.FromBytes([.. first, .. second]) : null;

    private Task WriteFrequenciesIfDueAsync(CancellationToken cancellationToken)
    {
        lock (frequencyLock)
        {
            if (unwritten.Count == 0 || clock.GetUtcNow() - unwrittenSince < FrequencyRefresh)
            {
                return Task.CompletedTask;
            }
        }

        return WriteFrequenciesAsync(cancellationToken);
    }

    private async Task AddToDayRowAsync(DateOnly day, FrequencySketch counts, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var key = DayKey(day);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(FrequencyPartition, key, ["PartitionKey", "RowKey", "Sketch", "Sketch2"], cancellationToken).ConfigureAwait(false);
            var total = (row.HasValue ? CountsOf(row.Value!) : null) ?? new FrequencySketch();
            total.Include(counts);
            var entity = FrequencyRow(day, total);
            try
            {
                _ = row.HasValue
                    ? await table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                    : await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 30)
            {
                // Another process wrote the day between: read it again and add to that.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
