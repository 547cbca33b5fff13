using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>One document that could not be imported, and why; the file on disk is all there is, so nothing was uploaded.</summary>
public sealed record ImportFailure(string Path, string Reason);

/// <summary>What an import did: new articles, articles already there, and documents refused.</summary>
public sealed record ImportSummary(int Imported, int Skipped, IReadOnlyList<ImportFailure> Failures)
{
    public int Failed => Failures.Count;
}

/// <summary>Where an import stopped: how many documents (in <see cref="ImportService.EnumerateDocuments"/> order) were done, and the last one.</summary>
public sealed record ImportCheckpoint(long Done, string LastDone);

/// <summary>
/// Brings articles other archivers wrote into the pipeline: each document is uploaded to the articles container
/// under the name the fetcher would have given it and parsed as the blob trigger would. Idempotent: the id comes
/// from the article URL, so a second run finds every article in place and skips it.
/// It is a stream: documents are read from disk in chunks of <see cref="ChunkSize"/> (memory holds one chunk, at any
/// archive size), parsed in parallel, uploaded with a conditional create each, and indexed with entity-group
/// transactions per partition (<see cref="ArticleIndexStore.AddNewAsync"/>) instead of several requests per article.
/// After each chunk it reports a checkpoint a later run resumes from.
/// </summary>
public sealed partial class ImportService(
    ArticleBlobStore blobs,
    ArticleIndexStore index,
    ParseService parse,
    ArticleMetadataParser parser,
    StoryClusterer stories,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<ImportService> logger)
{
    private static readonly string[] Extensions = [".md", ".html", ".htm"];

    /// <summary>Documents parsed, uploaded and indexed together: big enough that the 256 by-id partitions batch, small enough to hold.</summary>
    public const int ChunkSize = 1000;

    private const int UploadParallelism = 16;

    /// <summary>The documents under the given files and folders (recursively: .md, .html, .htm), in a stable order.</summary>
    /// <exception cref="FileNotFoundException">A path that is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> FindDocuments(IEnumerable<string> paths) => EnumerateDocuments(paths).ToList();

    /// <summary>
    /// The documents under the given files and folders, lazily, in a stable order (each folder's files by name, then
    /// its subfolders by name), without listing the whole tree first. Paths are checked before the first is returned.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path that is neither a file nor a folder.</exception>
    public static IEnumerable<string> EnumerateDocuments(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var roots = paths.ToList();
        foreach (var path in roots.Where(p => !Directory.Exists(p) && !File.Exists(p)))
        {
            throw new FileNotFoundException($"'{path}' is neither a file nor a folder; nothing was imported.", path);
        }

        return Walk(roots);

        static IEnumerable<string> Walk(List<string> roots)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var root in roots)
            {
                foreach (var file in File.Exists(root) ? [root] : Folder(root))
                {
                    if (seen.Add(Path.GetFullPath(file)))
                    {
                        yield return file;
                    }
                }
            }
        }

        static IEnumerable<string> Folder(string folder)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.TryPop(out var current))
            {
                foreach (var file in Directory.EnumerateFiles(current).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }

                foreach (var sub in Directory.EnumerateDirectories(current).OrderDescending(StringComparer.Ordinal))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    /// <param name="source">The source to file the articles under; by default one named after each article's site.</param>
    public Task<ImportSummary> ImportAsync(IReadOnlyList<string> files, string? source, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return ImportAsync(files, files.Count, source, null, progress, null, cancellationToken);
    }

    /// <param name="files">The documents, in a stable order (<see cref="EnumerateDocuments"/>), read lazily.</param>
    /// <param name="total">How many there are, for progress.</param>
    /// <param name="resumeFrom">Skip the documents an earlier run of the same import finished.</param>
    /// <param name="checkpoint">Called after each chunk with where a later run may resume.</param>
    /// <param name="chunkSize">Documents per chunk (tests use small ones to see several).</param>
    /// <param name="findStories">
    /// Give each new article its story as the parse stage would (about 18 table requests an article, one article at a
    /// time, in order of publication within each chunk), so rows carry it from the start. Off, the rows have no story
    /// until <c>newsfeed reindex --all</c>: a bulk import stays a fraction of a request an article.
    /// </param>
    public async Task<ImportSummary> ImportAsync(IEnumerable<string> files, long total, string? source, ImportCheckpoint? resumeFrom,
        IProgress<BatchProgress>? progress, Func<ImportCheckpoint, CancellationToken, Task>? checkpoint, CancellationToken cancellationToken,
        int chunkSize = ChunkSize, bool findStories = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentNullException.ThrowIfNull(files);
        // One rule for every source name, whether it comes from the Feeds setting or from --source.
        if (source is not null && !FeedSource.IsValidName(source))
        {
            throw new ArgumentException($"The source '{source}' is not a lower-case slug (a-z, 0-9, '-', '_', '.', at most 63 characters, starting with a letter or digit), the rule feed names in the Feeds setting follow.", nameof(source));
        }

        var remaining = files;
        long done = 0;
        if (resumeFrom is not null)
        {
            var skipped = files.Take(checked((int)resumeFrom.Done)).ToList();
            if (skipped.Count != resumeFrom.Done || skipped[^1] != resumeFrom.LastDone)
            {
                throw new ArgumentException($"The checkpoint says {resumeFrom.Done:N0} documents were done, the last {resumeFrom.LastDone}, but the folder no longer lists them so; start without --resume.", nameof(resumeFrom));
            }

            remaining = files.Skip(skipped.Count);
            done = resumeFrom.Done;
        }

        int imported = 0, skippedExisting = 0;
        var failures = new List<ImportFailure>();
        progress?.Report(new BatchProgress(ToInt(done), ToInt(total), 0, string.Empty));
        foreach (var chunk in remaining.Chunk(chunkSize))
        {
            // The chunk a resume starts with may be the one an interrupted run was writing: its stored articles are
            // re-indexed the careful way rather than skipped, so no half-written rows stay behind.
            var outcomes = await ImportChunkAsync(chunk, source, redo: resumeFrom is not null && done == resumeFrom.Done, findStories, cancellationToken).ConfigureAwait(false);
            foreach (var (file, outcome) in chunk.Zip(outcomes))
            {
                switch (outcome)
                {
                    case { Failure: { } reason }:
                        failures.Add(new ImportFailure(file, reason));
                        LogImportFailed(file, ReasonText.WithoutFinalPeriod(reason));
                        break;
                    case { Skipped: true }:
                        skippedExisting++;
                        break;
                    default:
                        imported++;
                        break;
                }
            }

            done += chunk.Length;
            progress?.Report(new BatchProgress(ToInt(done), ToInt(total), failures.Count, chunk[^1]));
            if (checkpoint is not null)
            {
                await checkpoint(new ImportCheckpoint(done, chunk[^1]), cancellationToken).ConfigureAwait(false);
            }
        }

        LogImported(imported, skippedExisting, failures.Count);
        return new ImportSummary(imported, skippedExisting, failures);
    }

    private static int ToInt(long value) => (int)Math.Min(value, int.MaxValue);

    private sealed record Prepared(string Text, ArticleMetadata Article);

    private async Task<(bool Skipped, string? Failure)[]> ImportChunkAsync(string[] chunk, string? source, bool redo, bool findStories, CancellationToken cancellationToken)
    {
        var results = new (bool Skipped, string? Failure)[chunk.Length];
        var prepared = new Prepared?[chunk.Length];

        // Read and parse: CPU-bound, one document per core at a time.
        await Parallel.ForAsync(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (document, failure) = await ReadAndParseAsync(chunk[i], ct).ConfigureAwait(false);
                if (failure is not null)
                {
                    results[i] = (false, failure);
                }
                else
                {
                    prepared[i] = await NameAsync(document!.Value.Text, document.Value.Article, source, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        // Upload: each a conditional create, so an article already stored is never overwritten.
        var created = new bool[chunk.Length];
        await Parallel.ForAsync(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = UploadParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (prepared[i] is { } p)
                {
                    created[i] = await blobs.TryCreateAsync(p.Article.BlobName!, p.Text, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        var fresh = Enumerable.Range(0, chunk.Length).Where(i => created[i]).ToList();
        if (findStories && stories.Settings.Enabled)
        {
            // One at a time, earliest first: an article's story depends on the reports indexed before it.
            foreach (var i in fresh.OrderBy(i => prepared[i]!.Article.Published).ThenBy(i => prepared[i]!.Article.Id, StringComparer.Ordinal))
            {
                var article = prepared[i]!.Article;
                var decision = await stories.AssignAsync(StoryInput.From(article, clock.GetUtcNow(), stories.Settings.LeadChars), cancellationToken).ConfigureAwait(false);
                prepared[i] = prepared[i]! with { Article = article with { Story = decision.Story } };
            }
        }

        try
        {
            await index.AddNewAsync(fresh.Select(i => prepared[i]!.Article).ToList(), UploadParallelism, cancellationToken).ConfigureAwait(false);
            foreach (var _ in fresh)
            {
                metrics.ArticleParsed();
            }
        }
        // The table refused a batch (a row it will not take): the chunk's new articles go the careful way, one at a
        // time, where a refused row is that article's recorded failure and the others are indexed.
        catch (Azure.RequestFailedException e) when (e.Status == 400)
        {
            foreach (var i in fresh)
            {
                var outcome = await parse.ParseAsync(prepared[i]!.Article.BlobName!, prepared[i]!.Text, cancellationToken).ConfigureAwait(false);
                results[i] = (false, outcome.Succeeded ? null : outcome.FailureReason);
            }
        }

        // Already stored: skipped when indexed by the current parser; a blob that was never indexed is parsed as stored.
        await Parallel.ForAsync(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = UploadParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (prepared[i] is not { } p || created[i])
                {
                    return;
                }

                var existing = await index.GetAsync(p.Article.Id, ct).ConfigureAwait(false);
                if (!redo && existing is not null && existing.ParserVersion >= parser.ParserVersion)
                {
                    results[i] = (true, null);
                    return;
                }

                var outcome = await parse.ParseBlobAsync(p.Article.BlobName!, reparse: true, ct).ConfigureAwait(false);
                results[i] = (false, outcome.Succeeded ? null : outcome.FailureReason);
            }).ConfigureAwait(false);

        return results;
    }

    private async Task<((string Text, ArticleMetadata Article)? Document, string? Failure)> ReadAndParseAsync(string file, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (new FileInfo(file).Length > ParseService.MaxDocumentChars * 4L)
            {
                return (null, $"The file is larger than the {ParseService.MaxDocumentChars:N0} characters the parser reads.");
            }

            text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "The file could not be read: " + e.Message);
        }

        try
        {
            if (text.Length > ParseService.MaxDocumentChars)
            {
                return (null, $"The document is {text.Length:N0} characters, over the {ParseService.MaxDocumentChars:N0} the parser reads.");
            }

            return ((text, parser.Parse(text)), null);
        }
        catch (ArticleFormatException e)
        {
            return (null, e.Message);
        }
    }

    // The blob the fetcher would have written. An article dated by a fallback (no date of its own: the import day) may
    // have been imported on another day under another name: the by-id row, read for those only, keeps its first blob.
    private async Task<Prepared> NameAsync(string text, ArticleMetadata article, string? source, CancellationToken cancellationToken)
    {
        var filedAs = source ?? SourceFor(article);
        var existing = article.PublishedOrigin == PublishedOrigin.Fallback ? await index.GetAsync(article.Id, cancellationToken).ConfigureAwait(false) : null;
        var extension = HtmlPageReader.IsHtmlPage(text) ? ".html" : ".md";
        var blobName = existing?.BlobName ?? Path.ChangeExtension(ArticleBlobName.For(filedAs, article.Published, article.Id), extension);
        // A fallback date depends on the blob's name (its day): parsed again under it, as a reindex would (rare).
        var named = article.PublishedOrigin == PublishedOrigin.Fallback
            ? parser.Parse(text, blobName)
            : article with { BlobName = blobName, Source = ArticleBlobName.SourceOf(blobName) ?? filedAs };
        return new Prepared(text, named);
    }

    /// <summary>The source an article is filed under by its site: "www.voachinese.com" files under "voachinese.com" (<see cref="SourceName"/>).</summary>
    internal static string SourceFor(ArticleMetadata article) => SourceName.FromHost(article.Site) ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not import {Path}: {Reason}. Nothing was uploaded; fix the file and import it again.")]
    private partial void LogImportFailed(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import finished: {Imported} imported, {Skipped} already there, {Failed} failed")]
    private partial void LogImported(int imported, int skipped, int failed);
}
