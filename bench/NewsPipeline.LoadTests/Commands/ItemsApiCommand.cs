using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Testing.Articles;
using NewsPipeline.Testing.Load;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.LoadTests.Commands;

/// <summary>
/// The load tests' root command, run when no command is named: the items API's load harness. Seeds a table per
/// archive size, serves the API over real HTTP on 127.0.0.1 as <c>newsfeed run</c> does, and reports latency
/// percentiles and the table requests per page.
/// </summary>
internal static class ItemsApiCommand
{
    public static RootCommand Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Archive sizes to seed and measure, comma-separated.", DefaultValueFactory = _ => "1000,10000,100000" };
        var requests = new Option<int>("--requests") { Description = "Timed requests per query and size.", DefaultValueFactory = _ => 200 };
        var connection = new Option<string?>("--connection")
        {
            Description = "A storage connection string to use instead of a private in-memory Azurite (started from node_modules).",
        };
        var command = new RootCommand("""
            NewsPipeline's load tests: the harnesses behind docs/performance/pipeline.md. Each runs on a private
            in-memory Azurite (from node_modules: run `npm ci` first) unless given --connection, and serves and
            fetches on loopback addresses only. Name a command for the other harnesses.

            With no command, measure the items API: seed 1,000, 10,000 and 100,000 invented articles (table batch
            transactions), then time GET /api/items?limit=20 and GET /api/items?limit=20&source=basin over HTTP, and
            count the table requests each page sends. Prints a Markdown table for docs/performance/pipeline.md.
            Azurite scans a whole table on every query, so its latency grows with the table whatever the design;
            the requests per page are what carry over to Azure Table Storage.

            Examples:
              dotnet run -c Release --project bench/NewsPipeline.LoadTests
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- --sizes 1000 --requests 50
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
        OptionRules.AtLeast(requests, 1);
        command.SetAction((result, cancellationToken) => RunAsync(Sizes(result.GetValue(sizes))!, result.GetValue(requests), result.GetValue(connection), cancellationToken));
        return command;
    }

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
        await using var azurite = connection is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
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
}
