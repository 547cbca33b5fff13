using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;
using NewsPipeline.Tests.Reliability;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// Issue 11: import and reindex as streams. Import indexes in entity-group transactions (a fraction of a table request
/// per article), never takes over another feed's article, and resumes from its checkpoint; reindex skips rows at the
/// current parser version unless asked, and resumes from its checkpoint without parsing again what was done.
/// </summary>
public sealed class StreamedImportReindexTests : IDisposable
{
    private const int Documents = 240;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "newsfeed-stream-" + Guid.NewGuid().ToString("N")[..8]);

    public StreamedImportReindexTests()
    {
        var day = new DateOnly(2026, 11, 20);
        for (var i = 0; i < Documents; i++)
        {
            // Several days and folders, as an archive is laid out.
            var sub = Path.Combine(folder, $"d{i % 4}");
            Directory.CreateDirectory(sub);
            File.WriteAllText(Path.Combine(sub, $"{i:D4}.md"), ReconcileTests.Document(i, day.AddDays(i % 4)));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Import_batches_its_table_writes_and_leaves_another_feeds_article_as_that_feed_published_it()
    {
        var tables = new TableRequestLog();
        var blobRequests = new TableRequestLog();
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty, configure: services => services.AddSingleton(provider =>
            RecordedStorage.Clients(provider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ArticleStorage"]!, tables: tables, blobs: blobRequests)));
        // A feed already carries story 5, under its own title: the import's copy (same link) must not change it.
        var feedCopy = ReconcileTests.Document(5, new DateOnly(2026, 11, 21)).Replace("[Story 5]", "[The wire's own headline]", StringComparison.Ordinal);
        var feedBlob = ArticleBlobName.For("wire", new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), ArticleId.FromUrl("https://wire.example/story/5"));
        await pipeline.Get<ArticleBlobStore>().TryCreateAsync(feedBlob, feedCopy, CancellationToken.None);
        Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(feedBlob, CancellationToken.None)).Succeeded);
        tables.Clear();
        blobRequests.Clear();

        var files = ImportService.EnumerateDocuments([folder]);
        var summary = await pipeline.Get<ImportService>().ImportAsync(files, Documents, "archive", null, null, null, CancellationToken.None, chunkSize: 100);

        Assert.Equal((Documents, 0, 0), (summary.Imported, summary.Skipped, summary.Failed));
        // One conditional create per article; the rows of 100 articles go in a few dozen transactions.
        Assert.Equal(Documents, blobRequests.Requests.Count(r => r.Method == "PUT"));
        var perArticle = (double)tables.Requests.Count / Documents;
        Assert.True(perArticle < 1.5, $"{perArticle:F2} table requests per article");
        var shared = await pipeline.Get<ArticleIndexStore>().GetAsync(ArticleId.FromUrl("https://wire.example/story/5"), CancellationToken.None);
        Assert.Equal(("wire", "The wire's own headline"), (shared?.Source, shared?.Title));
        // … and the import's source lists it too, once.
        var archive = await pipeline.Get<ArticleIndexStore>().PageAsync(new TimelineQuery(Documents + 10, ["archive"]), CancellationToken.None);
        Assert.Equal(Documents, archive.Items.Select(i => i.Article.Id).Distinct().Count());
        var all = await pipeline.Get<ArticleIndexStore>().PageAsync(new TimelineQuery(Documents + 10, []), CancellationToken.None);
        Assert.Equal(Documents, all.Items.Count);

        var again = await pipeline.Get<ImportService>().ImportAsync(ImportService.EnumerateDocuments([folder]), Documents, "archive", null, null, null, CancellationToken.None, chunkSize: 100);
        Assert.Equal((0, Documents, 0), (again.Imported, again.Skipped, again.Failed));
    }

    [Fact]
    public async Task An_interrupted_import_resumes_after_its_last_chunk_and_imports_each_document_once()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty);
        var import = pipeline.Get<ImportService>();
        ImportCheckpoint? saved = null;
        using var stop = new CancellationTokenSource();

        var interrupted = await Record.ExceptionAsync(() => import.ImportAsync(ImportService.EnumerateDocuments([folder]), Documents, "archive", null, null,
            (checkpoint, _) =>
            {
                saved = checkpoint;
                // Ctrl-C after the second chunk.
                if (checkpoint.Done >= 100)
                {
                    stop.Cancel();
                }

                return Task.CompletedTask;
            }, stop.Token, chunkSize: 50));

        Assert.IsAssignableFrom<OperationCanceledException>(interrupted);
        Assert.Equal(100, saved!.Done);
        var resumed = await import.ImportAsync(ImportService.EnumerateDocuments([folder]), Documents, "archive", saved, null, null, CancellationToken.None, chunkSize: 50);

        // The first 100 are not looked at again (not even counted as skipped); the rest are imported.
        Assert.Equal((Documents - 100, 0, 0), (resumed.Imported, resumed.Skipped, resumed.Failed));
        var rows = await TableRows.CountAsync(await AzuriteServer.ConnectionStringAsync(), pipeline.Storage);
        Assert.Equal(Documents, rows.Ids("id").Count);
        Assert.Equal(Documents, rows.Ids("all").Distinct().Count());
    }

    [Fact]
    public async Task Reindex_skips_current_rows_unless_all_and_resumes_from_its_checkpoint()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty);
        await pipeline.Get<ImportService>().ImportAsync(ImportService.EnumerateDocuments([folder]), Documents, "archive", null, null, null, CancellationToken.None);
        var reindex = pipeline.Get<ReindexService>();

        var current = await reindex.ReindexAsync(new ReindexRequest(), null, null, CancellationToken.None);
        Assert.Equal(new ReindexSummary(Documents, 0, 0, Documents), current);

        // --all, stopped after the first source-day (a quarter of the blobs), then resumed.
        ReindexCheckpoint? saved = null;
        using var stop = new CancellationTokenSource();
        var interrupted = await Record.ExceptionAsync(() => reindex.ReindexAsync(new ReindexRequest(All: true), null, (checkpoint, _) =>
        {
            saved = checkpoint;
            stop.Cancel();
            return Task.CompletedTask;
        }, stop.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(interrupted);
        Assert.NotNull(saved);

        var resumed = await reindex.ReindexAsync(new ReindexRequest(All: true, ResumeFrom: saved), null, null, CancellationToken.None);

        Assert.Equal(new ReindexSummary(Documents * 3 / 4, Documents * 3 / 4, 0, 0), resumed);
        var rows = await TableRows.CountAsync(await AzuriteServer.ConnectionStringAsync(), pipeline.Storage);
        Assert.Equal(Documents, rows.Ids("id").Count);
        Assert.Equal(Documents, rows.Ids("source").Count);
    }
}
