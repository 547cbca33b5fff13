using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Storage.Blobs;

namespace NewsPipeline.Core.Pipeline;

/// <summary>What a reindex did.</summary>
public sealed record ReindexSummary(int Total, int Parsed, int Failed);

/// <summary>
/// Re-parses stored blobs: after a parser upgrade (rows of an older parser version are replaced in place, since
/// the article id and so the row keys do not change), or for blobs whose Event Grid event never came (blobs that
/// existed before the subscription, or deliveries that gave up).
/// </summary>
public sealed partial class ReindexService(ArticleBlobStore blobs, ParseService parse, ILogger<ReindexService> logger)
{
    /// <summary>Blobs parsed at once: parsing is CPU-bound and storage round-trips are short, so a few suffice.</summary>
    private const int Parallelism = 4;

    /// <param name="source">Only this source's blobs (the first segment of the blob name).</param>
    /// <param name="since">Only blobs filed on or after this day (the <c>yyyy/MM/dd</c> of the blob name).</param>
    public async Task<ReindexSummary> ReindexAsync(string? source, DateOnly? since, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(source is null ? null : source.Trim('/') + "/", cancellationToken).ConfigureAwait(false))
        {
            if (since is null || ArticleBlobStore.FiledOn(name) is not { } day || day >= since)
            {
                names.Add(name);
            }
        }

        int done = 0, failed = 0;
        progress?.Report(new BatchProgress(0, names.Count, 0, string.Empty));
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                // Failures are recorded by ParseService; storage errors propagate and stop the run, which can simply be repeated.
                var outcome = await parse.ParseBlobAsync(name, reparse: true, ct).ConfigureAwait(false);
                var failedNow = outcome.Succeeded ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                progress?.Report(new BatchProgress(Interlocked.Increment(ref done), names.Count, failedNow, name));
            }).ConfigureAwait(false);

        LogReindexed(names.Count, names.Count - failed, failed);
        return new ReindexSummary(names.Count, names.Count - failed, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex finished: {Total} blobs, {Parsed} parsed, {Failed} recorded as failures (see `newsfeed failures`)")]
    private partial void LogReindexed(int total, int parsed, int failed);
}
