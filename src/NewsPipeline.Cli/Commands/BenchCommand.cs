using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Cli.Bench;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// <c>newsfeed bench</c>: the items API's load harness. Seeds a table per archive size, serves the API over real
/// HTTP on 127.0.0.1 as <c>newsfeed run</c> does, and reports latency percentiles and the table requests per page.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Archive sizes to seed and measure, comma-separated.", DefaultValueFactory = _ => "1000,10000,100000" };
        var requests = new Option<int>("--requests") { Description = "Timed requests per query and size.", DefaultValueFactory = _ => 200 };
        var connection = new Option<string?>("--connection")
        {
            Description = "A storage connection string to use instead of a private in-memory Azurite (started from node_modules).",
        };
        var command = new Command("bench", """
            Measure the items API: seed 1,000, 10,000 and 100,000 invented articles (table batch transactions), then
            time GET /api/items?limit=20 and GET /api/items?limit=20&source=basin over HTTP, and count the table
            requests each page sends. Prints a Markdown table for the README.
            Azurite scans a whole table on every query, so its latency grows with the table whatever the design;
            the requests per page are what carry over to Azure Table Storage.

            Examples:
              newsfeed bench
              newsfeed bench --sizes 1000 --requests 50
            """)
        {
            sizes,
            requests,
            connection,
        };
        sizes.Validators.Add(result =>
        {
            if (Sizes(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--sizes takes article counts above 0, comma-separated (for example --sizes 1000,10000); got '{result.GetValueOrDefault<string>()}'.");
            }
        });
        AtLeast(requests, 1);
        command.Subcommands.Add(CreateIngest());
        command.Subcommands.Add(CreateFormats());
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(BenchFetchCommand.Create(StartAzuriteAsync));
        command.SetAction((result, cancellationToken) => RunAsync(Sizes(result.GetValue(sizes))!, result.GetValue(requests), result.GetValue(connection), cancellationToken));
        return command;
    }

    private static Command CreateIngest()
    {
        var feeds = new Option<int>("--feeds") { Description = "Feeds on the local site.", DefaultValueFactory = _ => 50 };
        var items = new Option<int>("--items") { Description = "Items per feed.", DefaultValueFactory = _ => 200 };
        var workers = new Option<int>("--query-workers") { Description = "Concurrent clients querying GET /api/items during the ingest.", DefaultValueFactory = _ => 2 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("ingest", """
            Ingest under load: a local site on 127.0.0.1 offers FEEDS feeds of ITEMS items; one fetch pass writes them
            and every new blob is parsed with 8 at a time (as Event Grid fans out), while QUERY-WORKERS clients query
            GET /api/items?limit=20 without pause. Reports articles/s ingested, query p50/p99 during the ingest, and
            errors (any answer but 200/304, or a failed feed or parse).

            Examples:
              newsfeed bench ingest
              newsfeed bench ingest --feeds 10 --items 50
            """)
        {
            feeds,
            items,
            workers,
            connection,
        };
        AtLeast(feeds, 1);
        AtLeast(items, 1);
        AtLeast(workers, 0);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await StartAzuriteAsync(cancellationToken).ConfigureAwait(false) : null;
            var run = await IngestUnderLoad.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(feeds), result.GetValue(items), result.GetValue(workers), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine("| feeds × items | articles written / parsed | ingest (s) | articles/s | queries during ingest | query p50 / p99 (ms) | errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Feeds} × {run.ItemsPerFeed} | {run.BlobsWritten:N0} / {run.Parsed:N0} | {run.Elapsed.TotalSeconds:0.0} | {run.ArticlesPerSecond:0} | {run.Queries:N0} | {run.QueryP50Milliseconds:0.0} / {run.QueryP99Milliseconds:0.0} | {run.QueryErrors + run.FetchFailures + run.ParseFailures} |"));
            return run.QueryErrors + run.FetchFailures + run.ParseFailures == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command CreateImport()
    {
        var articles = new Option<int>("--articles") { Description = "Synthetic archived articles to import.", DefaultValueFactory = _ => 100_000 };
        var baseline = new Option<int>("--baseline") { Description = "Of those, how many the per-article path (import before issue 11) imports, for the ratio.", DefaultValueFactory = _ => 2_000 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("import", """
            Import and reindex at archive scale: ARTICLES synthetic archived articles (five sources, ~2.3 KB, 16
            links each) are written to a temporary folder and imported; the per-article path import used to take runs
            on the first BASELINE of them in the same run, for the ratio; then a reindex with every row current and a
            reindex --all. Reports articles/s, table and blob requests per article, and the peak managed heap.

            Examples:
              newsfeed bench import
              newsfeed bench import --articles 5000 --baseline 500
            """)
        {
            articles,
            baseline,
            connection,
        };
        AtLeast(articles, 1);
        AtLeast(baseline, 1);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await StartAzuriteAsync(cancellationToken).ConfigureAwait(false) : null;
            var progress = new ProgressLine("Working");
            var passes = await ImportAtScale.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(articles), result.GetValue(baseline), progress, cancellationToken).ConfigureAwait(false);
            progress.Finish();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
            Console.WriteLine();
            Console.WriteLine("| pass | articles | time (s) | articles/s | ratio to per-article | table requests / article | blob requests / article | peak managed heap (MiB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            var before = passes[0].PerSecond;
            foreach (var pass in passes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pass.Name} | {pass.Articles:N0} | {pass.Elapsed.TotalSeconds:0.0} | {pass.PerSecond:N0} | {pass.PerSecond / before:0.0}× | {pass.TableRequestsPerArticle:0.00} | {pass.BlobRequestsPerArticle:0.00} | {pass.PeakHeapBytes / (1024.0 * 1024):0} |"));
            }

            return 0;
        });
        return command;
    }

    private static Command CreateFormats()
    {
        var articles = new Option<int>("--articles") { Description = "Articles to write, parse and store.", DefaultValueFactory = _ => 1200 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 16 };
        var requests = new Option<int>("--requests") { Description = "Timed requests per format and row version.", DefaultValueFactory = _ => 2000 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("formats", """
            The feed formats under load: ARTICLES invented articles are written as blobs and parsed as the parse stage
            parses them, then CLIENTS concurrent clients send REQUESTS requests each to GET /api/items?limit=20 as
            JSON, RSS and JSON Feed. Measured twice over the same blobs: rows as parser version 2 wrote them (each feed
            page reads and sanitizes its 20 blobs) and as version 3 writes them (the sanitized HTML in the row).
            Reports p50/p99, the ratio to JSON, and the table and blob requests of one page.

            Examples:
              newsfeed bench formats
              newsfeed bench formats --articles 300 --requests 200
            """)
        {
            articles,
            clients,
            requests,
            connection,
        };
        AtLeast(articles, 1);
        AtLeast(clients, 1);
        AtLeast(requests, 1);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await StartAzuriteAsync(cancellationToken).ConfigureAwait(false) : null;
            var runs = await FeedFormatsUnderLoad.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(articles), result.GetValue(clients),
                result.GetValue(requests), Console.Error, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine("| rows | format | p50 / p99 (ms) | p50 ÷ JSON p50 | storage requests per page (table / blob) |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var run in runs)
            {
                var json = runs.First(r => r.Rows == run.Rows && r.Format == "JSON");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {run.Rows} | {run.Format} | {run.P50:0.0} / {run.P99:0.0} | {run.P50 / json.P50:0.00} | {run.TableRequests} / {run.BlobRequests} |"));
            }

            return 0;
        });
        return command;
    }

    // Checked when the command line is read, before Azurite starts: a zero or a typo would otherwise surface minutes
    // later as an index out of range or a dictionary miss.
    private static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be {minimum} or more; got {result.GetValueOrDefault<int>()}.");
        }
    });

    private static List<int>? Sizes(string? text)
    {
        var sizes = new List<int>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
            {
                return null;
            }

            sizes.Add(size);
        }

        return sizes.Count == 0 ? null : sizes;
    }

    private static async Task<int> RunAsync(IReadOnlyList<int> sizes, int requests, string? connection, CancellationToken cancellationToken)
    {
        await using var azurite = connection is null ? await StartAzuriteAsync(cancellationToken).ConfigureAwait(false) : null;
        connection ??= azurite!.ConnectionString;

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| articles | seed (s) | latest 20: p50 / p99 (ms) | source=basin: p50 / p99 (ms) | table requests per page (first / next) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var row = await MeasureAsync(size, requests, connection, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(row);
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(int size, int requests, string connection, CancellationToken cancellationToken)
    {
        var log = new TableRequestLog();
        await using var api = await BenchApi.StartAsync(connection, "bench" + size.ToString(CultureInfo.InvariantCulture), log, cancellationToken).ConfigureAwait(false);

        var seed = Stopwatch.StartNew();
        await ProgressiveLoad.LoadAsync(api.Index, [.. SyntheticArticles.Generate(size)], $"Seeding {size:N0} articles", cancellationToken).ConfigureAwait(false);
        seed.Stop();

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var latest = await TimeAsync(http, "api/items?limit=20", requests, cancellationToken).ConfigureAwait(false);
        var source = await TimeAsync(http, "api/items?limit=20&source=basin", requests, cancellationToken).ConfigureAwait(false);

        log.Clear();
        using var first = await http.GetAsync(new Uri("api/items?limit=20", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var firstRequests = log.Requests.Count;
        var next = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("next").GetString();
        log.Clear();
        using var second = await http.GetAsync(new Uri(next!), cancellationToken).ConfigureAwait(false);
        var nextRequests = log.Requests.Count;

        await api.DeleteTableAsync(cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {seed.Elapsed.TotalSeconds:0.0} | {latest.P50:0.0} / {latest.P99:0.0} | {source.P50:0.0} / {source.P99:0.0} | {firstRequests} / {nextRequests} |");
    }

    private static async Task<(double P50, double P99)> TimeAsync(HttpClient http, string path, int requests, CancellationToken cancellationToken)
    {
        var uri = new Uri(path, UriKind.Relative);
        for (var i = 0; i < 10; i++)
        {
            using var warm = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            warm.EnsureSuccessStatusCode();
        }

        var timings = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            timings[i] = watch.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();
        }

        Array.Sort(timings);
        return (Percentile(timings, 0.50), Percentile(timings, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<AzuriteProcess> StartAzuriteAsync(CancellationToken cancellationToken)
    {
        var executable = AzuriteProcess.FindExecutable(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root, or pass --connection.");
        var location = Path.Combine(Path.GetTempPath(), "newspipeline-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = AzuriteProcess.FreePorts(3);
        return await AzuriteProcess.StartAsync(executable, location, ports[0], ports[1], ports[2],
            cancellationToken, inMemory: true).ConfigureAwait(false);
    }
}
