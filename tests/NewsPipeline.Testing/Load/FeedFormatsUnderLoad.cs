using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Testing.Articles;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>One format's latency under concurrent load and what one of its pages costs in storage requests.</summary>
internal sealed record FormatRun(string Rows, string Format, double P50, double P99, int TableRequests, int BlobRequests);

/// <summary>
/// The items API's three formats under concurrent clients, over articles that went through the real parser: blobs
/// written as the fetcher writes them, parsed (and sanitized) as the parse stage does. Measured twice over the same
/// blobs: with rows as parser version 2 wrote them (no stored HTML: every feed page reads and sanitizes its blobs),
/// and with rows as version 3 writes them (the sanitized HTML in the row).
/// </summary>
internal static class FeedFormatsUnderLoad
{
    private static readonly (string Name, string Query)[] Formats = [("JSON", ""), ("RSS", "&format=rss"), ("JSON Feed", "&format=jsonfeed")];

    public static async Task<IReadOnlyList<FormatRun>> RunAsync(string connection, int articles, int clients, int requests, TextWriter progress, CancellationToken cancellationToken)
    {
        var tableLog = new TableRequestLog();
        var blobLog = new TableRequestLog();
        await using var api = await BenchApi.StartAsync(connection, "formats" + Guid.NewGuid().ToString("N")[..8], tableLog, cancellationToken, blobLog: blobLog).ConfigureAwait(false);

        var parsed = await SeedAsync(api, articles, cancellationToken).ConfigureAwait(false);
        var runs = new List<FormatRun>();
        foreach (var (rows, seeded) in new[] { ("v2 rows (HTML from blobs)", parsed.Select(a => a with { ContentHtml = null })), ("v3 rows (HTML in the row)", parsed) })
        {
            await ProgressiveLoad.LoadAsync(api.Index, [.. seeded], $"Loading {rows}", cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = api.BaseAddress };
            foreach (var (format, query) in Formats)
            {
                progress.WriteLine($"{rows}, {format}: {requests:N0} requests from {clients} clients…");
                var path = "api/items?limit=20" + query;
                var (p50, p99) = await TimeAsync(http, path, clients, requests, cancellationToken).ConfigureAwait(false);
                tableLog.Clear();
                blobLog.Clear();
                using (var page = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false))
                {
                    page.EnsureSuccessStatusCode();
                }

                runs.Add(new FormatRun(rows, format, p50, p99, tableLog.Requests.Count, blobLog.Requests.Count));
            }
        }

        await api.DeleteTableAsync(cancellationToken).ConfigureAwait(false);
        return runs;
    }

    private static async Task<List<ArticleMetadata>> SeedAsync(BenchApi api, int count, CancellationToken cancellationToken)
    {
        var blobs = api.Get<ArticleBlobStore>();
        var parser = new ArticleMetadataParser(TimeProvider.System);
        var parsed = new ArticleMetadata[count];
        var invented = SyntheticArticles.Generate(count).ToArray();
        var progress = new ProgressLine($"Writing and parsing {count:N0} articles");
        var done = 0;
        progress.Report(new BatchProgress(0, count, 0, string.Empty));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var article = invented[i];
            var text = ArticleDocumentWriter.Write(article.Published, article.Title, article.Url, Body(i));
            var name = ArticleBlobName.For(article.Source, article.Published, article.Id);
            await blobs.TryCreateAsync(name, text, ct).ConfigureAwait(false);
            parsed[i] = parser.Parse(text, name) with { Published = article.Published, Language = article.Language };
            progress.Report(new BatchProgress(Interlocked.Increment(ref done), count, 0, name));
        }).ConfigureAwait(false);
        progress.Finish();
        return [.. parsed];
    }

    // About 3 KB of article, as feeds carry it: paragraphs with links, a photo, and the markup a sanitizer removes.
    private static string Body(int i) => string.Create(CultureInfo.InvariantCulture,
        $"<img src=\"/photos/{i}.jpg\" onerror=\"track()\"><div><small>Photo {i}.</small></div>") + string.Concat(Enumerable.Range(0, 8).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"<p style=\"margin:0\">Paragraph {p} of story {i}: the ferry left the <a href=\"/topics/harbour\">north pier</a> at dawn, and the harbour master said the new timetable would hold through the winter season.</p>")))
        + "<script>window.ads = [];</script>";

    private static async Task<(double P50, double P99)> TimeAsync(HttpClient http, string path, int clients, int requests, CancellationToken cancellationToken)
    {
        var uri = new Uri(path, UriKind.Relative);
        for (var i = 0; i < clients; i++)
        {
            using var warm = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            warm.EnsureSuccessStatusCode();
        }

        var timings = new System.Collections.Concurrent.ConcurrentBag<double>();
        var remaining = requests;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                timings.Add(watch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
            }
        })).ConfigureAwait(false);

        var sorted = timings.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
