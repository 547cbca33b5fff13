using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Articles;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>One measured pass of the import benchmark.</summary>
internal sealed record ImportPass(string Name, int Articles, TimeSpan Elapsed, int TableRequests, int BlobRequests, long PeakHeapBytes)
{
    public double PerSecond => Articles / Elapsed.TotalSeconds;
    public double TableRequestsPerArticle => (double)TableRequests / Articles;
    public double BlobRequestsPerArticle => (double)BlobRequests / Articles;
}

/// <summary>
/// Import and reindex at archive scale (issue 11): ARTICLES synthetic archived articles (five sources, a year of days,
/// about 2.3 KB each with 16 links, one of them to the article itself) are written to a temporary folder, then
/// imported, with every storage request recorded. The alternative in the same run is the per-article path import used
/// to take (parse, look the id up, create the blob, parse again and index it with single writes) on the first BASELINE
/// documents, in a container and table of its own. Then a reindex with nothing to do (rows current: skipped without a
/// download) and a reindex --all. The managed heap is sampled during every pass (every 1,000 steps reported, every 100
/// documents of the per-article path): flat means memory does not grow with the archive.
/// </summary>
internal static class ImportAtScale
{
    public static async Task<IReadOnlyList<ImportPass>> RunAsync(string connection, int articles, int baseline, IProgress<BatchProgress>? progress,
        CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "newsfeed-bench-import-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Write(folder, articles);
            var passes = new List<ImportPass>();
            await using (var old = Services(connection, "benchold"))
            {
                passes.Add(await MeasureAsync("per article (import before issue 11)", Math.Min(baseline, articles), old, async () =>
                {
                    var parser = old.Provider.GetRequiredService<ArticleMetadataParser>();
                    var index = old.Provider.GetRequiredService<ArticleIndexStore>();
                    var blobs = old.Provider.GetRequiredService<ArticleBlobStore>();
                    var parse = old.Provider.GetRequiredService<ParseService>();
                    var done = 0;
                    foreach (var file in ImportService.EnumerateDocuments([folder]).Take(baseline))
                    {
                        if (++done % 100 == 0)
                        {
                            SampleHeap(old);
                        }

                        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                        var article = parser.Parse(text);
                        var existing = await index.GetAsync(article.Id, cancellationToken).ConfigureAwait(false);
                        var name = existing?.BlobName ?? ArticleBlobName.For("archive", article.Published, article.Id);
                        await blobs.TryCreateAsync(name, text, cancellationToken).ConfigureAwait(false);
                        await parse.ParseAsync(name, text, cancellationToken).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false));
            }

            await using var run = Services(connection, "benchnew");
            var import = run.Provider.GetRequiredService<ImportService>();
            passes.Add(await MeasureAsync("streamed, batched import", articles, run, () =>
                import.ImportAsync(ImportService.EnumerateDocuments([folder]), articles, "archive", null, Sampling(run, progress), null, cancellationToken)).ConfigureAwait(false));
            var reindex = run.Provider.GetRequiredService<ReindexService>();
            passes.Add(await MeasureAsync("reindex, rows current (skipped)", articles, run, () =>
                reindex.ReindexAsync(new ReindexRequest(), Sampling(run, progress), null, cancellationToken)).ConfigureAwait(false));
            passes.Add(await MeasureAsync("reindex --all", articles, run, () =>
                reindex.ReindexAsync(new ReindexRequest(All: true), Sampling(run, progress), null, cancellationToken)).ConfigureAwait(false));
            return passes;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Run(ServiceProvider provider, TableRequestLog tables, TableRequestLog blobs) : IAsyncDisposable
    {
        public ServiceProvider Provider { get; } = provider;
        public TableRequestLog Tables { get; } = tables;
        public TableRequestLog Blobs { get; } = blobs;
        public long PeakHeap;

        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }

    private static Run Services(string connection, string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArticleStorage"] = connection,
            ["Storage:ArticlesContainer"] = name + suffix,
            ["Storage:ArticlesTable"] = name + suffix,
            ["Storage:FailuresTable"] = name + "failures" + suffix,
            ["Feeds"] = string.Empty,
        }).Build();
        var tables = new TableRequestLog();
        var blobs = new TableRequestLog();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsPipelineCore(configuration).AddLocalHosting();
        services.AddSingleton(RecordedStorage.Clients(connection, tables, blobs));
        return new Run(services.BuildServiceProvider(), tables, blobs);
    }

    // The heap after each reported step: the high-water mark of live data, not of garbage waiting for a collection.
    private static SyncProgress Sampling(Run run, IProgress<BatchProgress>? progress) => new SyncProgress(value =>
    {
        if (value.Done % 1000 == 0)
        {
            SampleHeap(run);
        }

        progress?.Report(value);
    });

    private static void SampleHeap(Run run) => InterlockedMax(ref run.PeakHeap, GC.GetTotalMemory(forceFullCollection: false));

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SyncProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }

    private static async Task<ImportPass> MeasureAsync(string name, int articles, Run run, Func<Task> work)
    {
        run.Tables.Clear();
        run.Blobs.Clear();
        GC.Collect();
        run.PeakHeap = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        clock.Stop();
        return new ImportPass(name, articles, clock.Elapsed, run.Tables.Requests.Count, run.Blobs.Requests.Count, run.PeakHeap);
    }

    private static void Write(string folder, int articles)
    {
        var newest = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var body = new StringBuilder();
        for (var i = 0; i < articles; i++)
        {
            var published = newest.AddMinutes(-5.0 * i);
            var source = SyntheticArticles.Sources[i % SyntheticArticles.Sources.Length];
            var sub = Path.Combine(folder, source, published.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);

            body.Clear();
            body.Append(CultureInfo.InvariantCulture, $"<!--{published.ToUnixTimeMilliseconds()}-->\n[{source} report {i}: council weighs the harbour plan](https://{source}.example/news/{i})\n------\n\n");
            body.Append(CultureInfo.InvariantCulture, $"<div><i>{published:R}</i></div>");
            for (var p = 0; p < 8; p++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p>Paragraph {p} of report {i}: the council met on the plan for the harbour, and residents asked about the <a href=\"https://{source}.example/topic/{(i + p) % 97}\">earlier decision</a> and the <a href=\"https://{source}.example/news/{i - p}\">related story</a> before the vote.</p>");
            }

            File.WriteAllText(Path.Combine(sub, i.ToString("D7", CultureInfo.InvariantCulture) + ".md"), body.ToString());
        }
    }
}
