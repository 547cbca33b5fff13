using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Core.Pipeline;

/// <summary>One document that could not be imported, and why; the file on disk is all there is, so nothing was uploaded.</summary>
public sealed record ImportFailure(string Path, string Reason);

/// <summary>What an import did: new articles, articles already there, and documents refused.</summary>
public sealed record ImportSummary(int Imported, int Skipped, IReadOnlyList<ImportFailure> Failures)
{
    public int Failed => Failures.Count;
}

/// <summary>
/// Brings articles other archivers wrote into the pipeline: each document is uploaded to the articles container
/// under the name the fetcher would have given it, then parsed as the blob trigger would. Idempotent: the id
/// comes from the article URL, so a second run finds every article in place and skips it.
/// </summary>
public sealed partial class ImportService(
    ArticleBlobStore blobs,
    ArticleIndex index,
    ParseService parse,
    ArticleMetadataParser parser,
    ILogger<ImportService> logger)
{
    private static readonly string[] Extensions = [".md", ".html", ".htm"];

    /// <summary>The documents under the given files and folders (recursively: .md, .html, .htm), in a stable order.</summary>
    /// <exception cref="FileNotFoundException">A path that is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> FindDocuments(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder; nothing was imported.", path);
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <param name="source">The source to file the articles under; by default one named after each article's site.</param>
    public async Task<ImportSummary> ImportAsync(IReadOnlyList<string> files, string? source, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        // One rule for every source name, whether it comes from the Feeds setting or from --source.
        if (source is not null && !FeedSource.IsValidName(source))
        {
            throw new ArgumentException($"The source '{source}' is not a lower-case slug (a-z, 0-9, '-', '_', '.', at most 63 characters, starting with a letter or digit), the rule feed names in the Feeds setting follow.", nameof(source));
        }

        int imported = 0, skipped = 0, done = 0;
        var failures = new List<ImportFailure>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new BatchProgress(done, files.Count, failures.Count, file));
            var outcome = await ImportOneAsync(file, source, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case { Failure: { } reason }:
                    failures.Add(new ImportFailure(file, reason));
                    LogImportFailed(file, ReasonText.WithoutFinalPeriod(reason));
                    break;
                case { Skipped: true }:
                    skipped++;
                    break;
                default:
                    imported++;
                    break;
            }

            progress?.Report(new BatchProgress(++done, files.Count, failures.Count, file));
        }

        LogImported(imported, skipped, failures.Count);
        return new ImportSummary(imported, skipped, failures);
    }

    private async Task<(bool Skipped, string? Failure)> ImportOneAsync(string file, string? source, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (new FileInfo(file).Length > ParseService.MaxDocumentChars * 4L)
            {
                return (false, $"The file is larger than the {ParseService.MaxDocumentChars:N0} characters the parser reads.");
            }

            text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, "The file could not be read: " + e.Message);
        }

        ArticleMetadata article;
        try
        {
            if (text.Length > ParseService.MaxDocumentChars)
            {
                return (false, $"The document is {text.Length:N0} characters, over the {ParseService.MaxDocumentChars:N0} the parser reads.");
            }

            article = parser.Parse(text);
        }
        catch (ArticleFormatException e)
        {
            return (false, e.Message);
        }

        // An article already indexed keeps its blob (its day may have been a fallback on the first import).
        var existing = await index.GetAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var extension = HtmlPageReader.IsHtmlPage(text) ? ".html" : ".md";
        var blobName = existing?.BlobName
            ?? Path.ChangeExtension(ArticleBlobStore.BlobNameFor(source ?? SourceFor(article), article.Published, article.Id), extension);

        var created = await blobs.TryCreateAsync(blobName, text, cancellationToken).ConfigureAwait(false);
        if (!created && existing is not null && existing.ParserVersion >= parser.ParserVersion)
        {
            return (true, null);
        }

        // A blob that was there but not indexed (a parse that never ran) is parsed as stored: blobs are never overwritten.
        var outcome = created
            ? await parse.ParseAsync(blobName, text, cancellationToken).ConfigureAwait(false)
            : await parse.ParseBlobAsync(blobName, reparse: true, cancellationToken).ConfigureAwait(false);
        return (false, outcome.Succeeded ? null : outcome.FailureReason);
    }

    /// <summary>A source slug from the article's site: "www.voachinese.com" files under "voachinese-com".</summary>
    internal static string SourceFor(ArticleMetadata article)
    {
        var host = article.Site ?? "unknown";
        host = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
        var slug = NotSlug().Replace(host.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "unknown" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not import {Path}: {Reason}. Nothing was uploaded; fix the file and import it again.")]
    private partial void LogImportFailed(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import finished: {Imported} imported, {Skipped} already there, {Failed} failed")]
    private partial void LogImported(int imported, int skipped, int failed);
}
