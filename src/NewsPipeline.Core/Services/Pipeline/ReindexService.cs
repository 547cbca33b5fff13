using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>What a reindex did.</summary>
/// <param name="Current">Blobs left alone because their rows are already at the current parser version.</param>
public sealed record ReindexSummary(int Total, int Parsed, int Failed, int Current = 0);

/// <summary>Where a reindex stopped: the listing page it was in and the last blob of it that was done, and everything before it.</summary>
public sealed record ReindexCheckpoint(string? PageToken, string LastDone);

/// <summary>Which blobs a reindex looks at.</summary>
/// <param name="Source">Only this source's blobs (the first segment of the blob name).</param>
/// <param name="Since">Only blobs filed on or after this day (the <c>yyyy/MM/dd</c> of the blob name).</param>
/// <param name="All">Re-parse rows already at the current parser version too.</param>
/// <param name="ResumeFrom">Skip what an earlier, interrupted run with the same request finished.</param>
public sealed record ReindexRequest(string? Source = null, DateOnly? Since = null, bool All = false, ReindexCheckpoint? ResumeFrom = null);

/// <summary>
/// Re-parses stored blobs as a stream: after a parser upgrade (rows of an older parser version are replaced in place,
/// since the article id and so the row keys do not change), or for blobs whose Event Grid event never came. The blob
/// listing is read a page at a time and never held whole; the blobs of one source and day are checked against one range
/// query of that day's rows, so rows already at the current parser version cost no download unless asked
/// (<see cref="ReindexRequest.All"/>). After each source-day it reports a checkpoint a later run resumes from.
/// </summary>
public sealed partial class ReindexService(ArticleBlobStore blobs, ArticleIndexStore index, ParseService parse, ArticleMetadataParser parser, ILogger<ReindexService> logger)
{
    /// <summary>Blobs parsed at once: parsing is CPU-bound and storage round-trips are short, so a few per core suffice.</summary>
    private static readonly int Parallelism = Math.Max(4, 2 * Environment.ProcessorCount);

    public Task<ReindexSummary> ReindexAsync(string? source, DateOnly? since, IProgress<BatchProgress>? progress, CancellationToken cancellationToken) =>
        ReindexAsync(new ReindexRequest(source, since, All: true), progress, null, cancellationToken);

    /// <param name="checkpoint">Called after each source-day is done, with where a later run may resume.</param>
    public async Task<ReindexSummary> ReindexAsync(ReindexRequest request, IProgress<BatchProgress>? progress,
        Func<ReindexCheckpoint, CancellationToken, Task>? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefix = request.Source is null ? null : request.Source.Trim('/') + "/";
        // A first pass counts, for the progress bar's total and ETA: one listing request per 5,000 blobs, no names kept.
        var total = 0;
        await foreach (var (names, _) in blobs.ListPagesAsync(prefix, request.ResumeFrom?.PageToken, cancellationToken).ConfigureAwait(false))
        {
            total += names.Count(name => Wanted(name, request));
        }

        int done = 0, parsed = 0, failed = 0, current = 0;
        progress?.Report(new BatchProgress(0, total, 0, string.Empty));
        await foreach (var (names, token) in blobs.ListPagesAsync(prefix, request.ResumeFrom?.PageToken, cancellationToken).ConfigureAwait(false))
        {
            // Blob names run {source}/{yyyy}/{MM}/{dd}/{id}: a page splits into source-days in order.
            foreach (var group in names.Where(name => Wanted(name, request)).GroupBy(Folder, StringComparer.Ordinal))
            {
                var stale = await StaleAsync(group.ToList(), request.All, cancellationToken).ConfigureAwait(false);
                current += group.Count() - stale.Count;
                done += group.Count() - stale.Count;
                await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (name, ct) =>
                    {
                        // Failures are recorded by ParseService; storage errors propagate and stop the run, which resumes.
                        var outcome = await parse.ParseBlobAsync(name, reparse: true, ct).ConfigureAwait(false);
                        if (outcome.Succeeded)
                        {
                            Interlocked.Increment(ref parsed);
                        }
                        else
                        {
                            Interlocked.Increment(ref failed);
                        }

                        progress?.Report(new BatchProgress(Interlocked.Increment(ref done), total, Volatile.Read(ref failed), name));
                    }).ConfigureAwait(false);

                progress?.Report(new BatchProgress(done, total, failed, group.Last()));
                if (checkpoint is not null)
                {
                    await checkpoint(new ReindexCheckpoint(token, group.Last()), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        LogReindexed(total, parsed, failed, current);
        return new ReindexSummary(total, parsed, failed, current);
    }

    private static bool Wanted(string name, ReindexRequest request) =>
        (request.ResumeFrom is null || string.CompareOrdinal(name, request.ResumeFrom.LastDone) > 0)
        && (request.Since is null || ArticleBlobName.FiledOn(name) is not { } day || day >= request.Since);

    private static string Folder(string name) => name[..(name.LastIndexOf('/') + 1)];

    // The blobs of one folder whose rows are missing or older than this parser: one range query for a dated day.
    private async Task<List<string>> StaleAsync(List<string> names, bool all, CancellationToken cancellationToken)
    {
        if (all || ArticleBlobName.FiledOn(names[0]) is not { } day || ArticleBlobName.SourceOf(names[0]) is not { } source)
        {
            return names;
        }

        var indexed = await index.IndexedBlobsAsync(source, day, cancellationToken).ConfigureAwait(false);
        return names.Where(name => !indexed.TryGetValue(name, out var version) || version < parser.ParserVersion).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex finished: {Total} blobs, {Parsed} parsed, {Failed} recorded as failures (see `newsfeed failures`), {Current} already at the current parser version")]
    private partial void LogReindexed(int total, int parsed, int failed, int current);
}
