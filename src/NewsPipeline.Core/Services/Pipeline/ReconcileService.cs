using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>What a reconciliation pass found and did.</summary>
/// <param name="Checked">Blobs listed under the days checked.</param>
/// <param name="Missing">Of those, blobs with no row and no recorded failure, which were parsed.</param>
/// <param name="Replayed">Article blobs named by dead-lettered Event Grid events, parsed again.</param>
public sealed record ReconcileSummary(int Checked, int Missing, int Parsed, int Failed, int Replayed);

/// <summary>
/// Makes sure that every article blob ends as rows or as a recorded failure, without an operator: a parse that an
/// outage interrupted, an Event Grid delivery that gave up, a process stopped between writing a blob and parsing it.
/// It replays dead-lettered events, then lists the blobs filed under the last <see cref="ReconcileOptions.Days"/> days
/// (one listing per source and day, <c>{source}/{yyyy}/{MM}/{dd}/</c>) and checks them against one range query of the
/// source's timeline for that day; only blobs missing from it cost a point read or two (moved to another day by the
/// parser, or a recorded failure) and, if still missing, a parse. So a pass costs the blobs of the days it checks and
/// the number of sources, never the archive.
/// </summary>
public sealed partial class ReconcileService(
    ArticleBlobStore blobs,
    ArticleIndexStore index,
    ParseFailureStore failures,
    DeadLetterStore deadLetters,
    ParseService parse,
    IOptions<ReconcileOptions> options,
    TimeProvider clock,
    ILogger<ReconcileService> logger)
{
    private const int Parallelism = 4;

    /// <summary>One pass with the configured days and settle time.</summary>
    public Task<ReconcileSummary> RunAsync(CancellationToken cancellationToken) =>
        RunAsync(options.Value.Days, TimeSpan.FromMinutes(options.Value.SettleMinutes), null, cancellationToken);

    /// <param name="days">Days checked back from today (UTC), today included.</param>
    /// <param name="settle">Blobs written more recently than this are left to their own delivery.</param>
    public async Task<ReconcileSummary> RunAsync(int days, TimeSpan settle, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var now = clock.GetUtcNow();
        var replayed = await ReplayDeadLettersAsync(cancellationToken).ConfigureAwait(false);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var settledBefore = now - settle;
        var missing = new List<string>();
        var checkedCount = 0;
        await foreach (var source in blobs.ListSourcesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var back = 0; back < days; back++)
            {
                var day = today.AddDays(-back);
                var listed = await SettledAsync(ArticleBlobName.DayPrefix(source, day), settledBefore, null, cancellationToken).ConfigureAwait(false);
                checkedCount += listed.Count;
                if (listed.Count == 0)
                {
                    continue;
                }

                var indexed = await index.IndexedBlobsAsync(source, day, cancellationToken).ConfigureAwait(false);
                missing.AddRange(listed.Where(name => !indexed.ContainsKey(name)));
            }

            // Undated articles are filed by source alone; only those written within the days checked are looked at.
            var undated = await SettledAsync(ArticleBlobName.UndatedPrefix(source), settledBefore, now.AddDays(-days), cancellationToken).ConfigureAwait(false);
            checkedCount += undated.Count;
            missing.AddRange(undated);
        }

        int parsed = 0, failed = 0, unindexed = 0, done = 0;
        progress?.Report(new BatchProgress(0, missing.Count, 0, string.Empty));
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                if (!await IsAccountedForAsync(name, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref unindexed);
                    LogUnindexed(name);
                    var outcome = await parse.ParseBlobAsync(name, ct).ConfigureAwait(false);
                    if (outcome.Succeeded)
                    {
                        Interlocked.Increment(ref parsed);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }

                progress?.Report(new BatchProgress(Interlocked.Increment(ref done), missing.Count, Volatile.Read(ref failed), name));
            }).ConfigureAwait(false);

        var summary = new ReconcileSummary(checkedCount, unindexed, parsed, failed, replayed);
        LogReconciled(days, summary.Checked, summary.Missing, summary.Parsed, summary.Failed, summary.Replayed);
        return summary;
    }

    // A blob the day's range query did not list may still be indexed: the parser dated it to another day than its feed
    // did (its row is elsewhere), or it is another feed's article that this feed's delivery only joined. Or it failed.
    private async Task<bool> IsAccountedForAsync(string name, CancellationToken cancellationToken) =>
        (ArticleBlobName.IdOf(name) is { } id && ArticleBlobName.SourceOf(name) is { } source
            && await index.IsListedUnderAsync(id, source, cancellationToken).ConfigureAwait(false))
        || await failures.ExistsAsync(name, cancellationToken).ConfigureAwait(false);

    private async Task<List<string>> SettledAsync(string prefix, DateTimeOffset settledBefore, DateTimeOffset? writtenSince, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var (name, lastModified) in blobs.ListWithTimesAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (lastModified is not { } written || (written <= settledBefore && (writtenSince is null || written >= writtenSince)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private async Task<int> ReplayDeadLettersAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        await foreach (var batch in deadLetters.ReadAsync(options.Value.MaxDeadLetters, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Unreadable is { } reason)
            {
                // Kept where it is for an operator: removing it would lose the only trace of what was not delivered.
                LogDeadLetterUnreadable(deadLetters.ContainerName, batch.Name, reason);
                continue;
            }

            foreach (var blob in batch.ArticleBlobs)
            {
                try
                {
                    // A document that is not an article comes back as a recorded failure, which is an end too.
                    await parse.ParseBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                    replayed++;
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    LogDeadLetterBlobGone(blob, batch.Name);
                }
            }

            // Only once every event in it has been parsed: a storage failure above leaves it for the next pass.
            await deadLetters.DeleteAsync(batch.Name, cancellationToken).ConfigureAwait(false);
            LogDeadLetterReplayed(batch.Name, batch.ArticleBlobs.Count);
        }

        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob {BlobName} had no row and no recorded failure (its parse was lost: an outage, or a delivery that gave up); parsing it now")]
    private partial void LogUnindexed(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled the last {Days} days: {Checked} blobs checked, {Missing} without a row or failure ({Parsed} parsed, {Failed} recorded as failures), {Replayed} dead-lettered events replayed")]
    private partial void LogReconciled(int days, int @checked, int missing, int parsed, int failed, int replayed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed dead-lettered Event Grid batch {Name} ({Count} blobs) and removed it")]
    private partial void LogDeadLetterReplayed(string name, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-letter blob {Container}/{Name} is left in place: {Reason}. Look at it, then delete it by hand")]
    private partial void LogDeadLetterUnreadable(string container, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article blob {BlobName} named in dead-letter batch {Name} no longer exists; nothing to parse")]
    private partial void LogDeadLetterBlobGone(string blobName, string name);
}
