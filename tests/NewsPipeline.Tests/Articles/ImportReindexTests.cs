using Azure.Data.Tables;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>Import a folder of archived documents into Azurite, then reindex after a parser upgrade: same rows, new version.</summary>
public sealed class ImportReindexTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "newsfeed-import-" + Guid.NewGuid().ToString("N")[..8]);

    public ImportReindexTests()
    {
        // The golden catalogue in nested folders, plus what an archive folder also holds: a note that is not an
        // article (refused with its reason) and files of other kinds (ignored).
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Fixture("articles")).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var sub = Path.Combine(folder, Path.GetExtension(file).TrimStart('.'), Path.GetFileName(file)[..2]);
            Directory.CreateDirectory(sub);
            File.Copy(file, Path.Combine(sub, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, "notes.md"), "Things to check before the import:\n- the dates\n");
        File.WriteAllText(Path.Combine(folder, "index.json"), "{}");
    }

    private static int GoldenDocuments => Directory.EnumerateFiles(RepositoryPaths.Fixture("articles")).Count(f => !f.EndsWith(".json", StringComparison.Ordinal));

    [Fact]
    public async Task Import_is_idempotent_and_reindex_after_a_version_bump_replaces_rows_without_duplicating_them()
    {
        await using var first = await TestPipeline.CreateAsync(feeds: string.Empty);
        var files = ImportService.FindDocuments([folder]);
        Assert.Equal(GoldenDocuments + 1, files.Count);

        var imported = await first.Get<ImportService>().ImportAsync(files, null, null, CancellationToken.None);

        Assert.Equal((GoldenDocuments, 0), (imported.Imported, imported.Skipped));
        var failure = Assert.Single(imported.Failures);
        Assert.EndsWith("notes.md", failure.Path, StringComparison.Ordinal);
        Assert.Contains("No '------' line", failure.Reason, StringComparison.Ordinal);
        var blobs = await first.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(GoldenDocuments, blobs.Count);
        Assert.Contains("harbourtimes.example/2026/11/24/", blobs.First(b => b.EndsWith(".html", StringComparison.Ordinal) && b.StartsWith("harbourtimes", StringComparison.Ordinal)), StringComparison.Ordinal);
        var rowsAfterImport = await RowCountsAsync(first);
        Assert.Equal(GoldenDocuments, rowsAfterImport["id"]);
        Assert.Equal(GoldenDocuments, rowsAfterImport["all"]);
        Assert.Equal(GoldenDocuments, rowsAfterImport["src"]);
        // Each article once in the change feed; a re-import or a reindex (below) adds none.
        Assert.Equal(GoldenDocuments, rowsAfterImport["chg"]);
        Assert.All(await ArticleRowsAsync(first), row => Assert.Equal(ArticleMetadataParser.Version, row.GetInt32("ParserVersion")));

        var again = await first.Get<ImportService>().ImportAsync(files, null, null, CancellationToken.None);

        Assert.Equal((0, GoldenDocuments, 1), (again.Imported, again.Skipped, again.Failed));
        Assert.Equal(rowsAfterImport, await RowCountsAsync(first));

        // The same storage, parsed by the next parser version (as after an upgrade), configured rather than recompiled.
        var bumped = ArticleMetadataParser.Version + 1;
        await using var upgraded = await TestPipeline.CreateAsync(feeds: string.Empty, settings: SameStorage(first.Storage, bumped));
        var progress = new List<BatchProgress>();

        var reindexed = await upgraded.Get<ReindexService>().ReindexAsync(null, null, new SynchronousProgress(progress), CancellationToken.None);

        Assert.Equal(new ReindexSummary(GoldenDocuments, GoldenDocuments, 0), reindexed);
        Assert.Equal(GoldenDocuments, progress.Max(p => p.Done));
        Assert.Equal(rowsAfterImport, await RowCountsAsync(upgraded));
        Assert.All(await ArticleRowsAsync(upgraded), row => Assert.Equal(bumped, row.GetInt32("ParserVersion")));
    }

    [Fact]
    public async Task Reindex_by_source_and_day_touches_only_those_blobs()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);
        var files = ImportService.FindDocuments([RepositoryPaths.Fixture("articles")]);
        await pipeline.Get<ImportService>().ImportAsync(files, null, null, CancellationToken.None);
        var blobs = await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync();

        var bySource = await pipeline.Get<ReindexService>().ReindexAsync("gangkou.example", null, null, CancellationToken.None);
        var bySourceSinceLater = await pipeline.Get<ReindexService>().ReindexAsync("gangkou.example", new DateOnly(2026, 11, 25), null, CancellationToken.None);

        Assert.Equal(blobs.Count(b => b.StartsWith("gangkou.example/", StringComparison.Ordinal)), bySource.Total);
        Assert.InRange(bySource.Total, 5, blobs.Count - 1);
        Assert.Equal(blobs.Count(b => b.StartsWith("gangkou.example/", StringComparison.Ordinal) && string.CompareOrdinal(b, "gangkou.example/2026/11/25/") >= 0), bySourceSinceLater.Total);
        Assert.True(bySourceSinceLater.Total < bySource.Total);
    }

    [Fact]
    public async Task An_import_under_a_source_that_is_not_a_slug_is_refused_before_anything_is_written()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            pipeline.Get<ImportService>().ImportAsync(ImportService.FindDocuments([folder]), "Not A Slug/", null, CancellationToken.None));

        Assert.Contains("not a lower-case slug", error.Message, StringComparison.Ordinal);
        Assert.Empty(await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public void A_path_that_does_not_exist_is_named_in_the_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ImportService.FindDocuments([folder, "/no/such/archive"]));

        Assert.Contains("/no/such/archive", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, string?> SameStorage(StorageOptions storage, int parserVersion) => new()
    {
        ["Storage:ArticlesContainer"] = storage.ArticlesContainer,
        ["Storage:ArticlesTable"] = storage.ArticlesTable,
        ["Storage:FailuresTable"] = storage.FailuresTable,
        ["Storage:StoriesTable"] = storage.StoriesTable,
        ["Storage:FeedsTable"] = storage.FeedsTable,
        ["Parser:Version"] = parserVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static TableClient ArticlesTable(TestPipeline pipeline) =>
        pipeline.Get<StorageClients>().Tables.GetTableClient(pipeline.Storage.ArticlesTable);

    /// <summary>Rows per kind of partition: by-id rows, the overall and per-source timelines, the change feed, the bucket list.</summary>
    private static async Task<Dictionary<string, int>> RowCountsAsync(TestPipeline pipeline)
    {
        var counts = new Dictionary<string, int> { ["id"] = 0, ["all"] = 0, ["src"] = 0, ["chg"] = 0, ["buckets"] = 0 };
        await foreach (var row in ArticlesTable(pipeline).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            counts[row.PartitionKey.Split('-')[0]]++;
        }

        return counts;
    }

    private static async Task<List<TableEntity>> ArticleRowsAsync(TestPipeline pipeline) =>
        await ArticlesTable(pipeline).QueryAsync<TableEntity>(filter: "PartitionKey ne 'buckets'").ToListAsync();

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants every report, in order.</summary>
    private sealed class SynchronousProgress(List<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
