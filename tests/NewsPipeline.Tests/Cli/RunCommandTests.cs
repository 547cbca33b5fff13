using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>`newsfeed run` as a user runs it: a real process, serving the demo feed's articles on a real port, stopped by Ctrl-C (SIGINT).</summary>
public sealed class RunCommandTests
{
    private static readonly string[] DemoTitlesNewestFirst =
    [
        "Ferry timetable changes for the winter season",
        "Library opens a repair café on Saturdays",
        "港口小镇举办第一届海鲜节",
        "School choir wins the regional competition",
        "New cycle lane along the seafront is finished",
        "Storm warning for the weekend",
    ];

    [Fact]
    public async Task Run_serves_the_demo_feed_newest_first_and_stops_on_SIGINT()
    {
        var port = AzuriteProcess.FreePort();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var process = StartNewsfeed(port, new Dictionary<string, string>
        {
            ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
            ["Storage__ArticlesContainer"] = "articles-" + suffix,
            ["Storage__ArticlesTable"] = "articles" + suffix,
            ["Storage__FailuresTable"] = "failures" + suffix,
            ["Storage__FetchQueue"] = "feedfetch" + suffix,
            ["Storage__FeedsTable"] = "feeds" + suffix,
        }, out var said);
        using var guard = new KillOnExit(process);

        var titles = await WaitForItemsAsync(port, process, DemoTitlesNewestFirst.Length);

        Assert.Equal(DemoTitlesNewestFirst, titles);
        // The banner counts the registry the pipeline runs, seeded from the Feeds setting (the demo feed).
        Assert.Contains(said, l => l.Contains("Feeds:  1 enabled of 1 in the registry", StringComparison.Ordinal));

        // The metrics the Functions app exports, shown locally: what this run wrote and parsed, and how long it took.
        using var http = new HttpClient();
        var metrics = (await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/api/metrics")).GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(6, metrics["newspipeline.articles.written"].GetProperty("total").GetDouble());
        Assert.Equal(6, metrics["newspipeline.articles.parsed"].GetProperty("total").GetDouble());
        Assert.Equal(6, metrics["newspipeline.ingest.index_lag"].GetProperty("total").GetDouble());
        Assert.True(metrics["newspipeline.ingest.index_lag"].GetProperty("max").GetDouble() < 600, "index lag above 10 minutes");
        var stats = await NewsfeedCli.RunAsync([], "stats", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("newspipeline.ingest.index_lag", stats.Output, StringComparison.Ordinal);
        Assert.Contains("newspipeline.feeds.fetched", stats.Output, StringComparison.Ordinal);

        await StopWithSigintAsync(process);
        Assert.Equal(0, process.ExitCode);
        var none = await NewsfeedCli.RunAsync([], "stats", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("No `newsfeed run` answered", none.Errors, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Run_with_development_storage_starts_Azurite_and_stops_it_on_SIGINT()
    {
        Skip.If(AzuriteProcess.IsListening(LocalStorage.BlobPort), "Something already listens on 127.0.0.1:10000, so `newsfeed run` would use it instead of starting Azurite.");
        var port = AzuriteProcess.FreePort();
        using var process = StartNewsfeed(port, new Dictionary<string, string> { ["ArticleStorage"] = "UseDevelopmentStorage=true" });
        using var guard = new KillOnExit(process);

        var titles = await WaitForItemsAsync(port, process, DemoTitlesNewestFirst.Length);
        Assert.True(AzuriteProcess.IsListening(LocalStorage.BlobPort));
        Assert.Equal(DemoTitlesNewestFirst, titles.Take(DemoTitlesNewestFirst.Length));

        await StopWithSigintAsync(process);
        Assert.Equal(0, process.ExitCode);
        Assert.False(AzuriteProcess.IsListening(LocalStorage.BlobPort), "Azurite is still running after newsfeed stopped.");
        Assert.False(AzuriteProcess.IsListening(port));
    }

    [SkippableFact]
    public async Task Run_says_so_when_the_Azurite_it_started_dies_and_what_to_do()
    {
        Skip.If(AzuriteProcess.IsListening(LocalStorage.BlobPort), "Something already listens on 127.0.0.1:10000, so `newsfeed run` would use it instead of starting Azurite.");
        var port = AzuriteProcess.FreePort();
        using var process = StartNewsfeed(port, new Dictionary<string, string> { ["ArticleStorage"] = "UseDevelopmentStorage=true" }, out var errors);
        using var guard = new KillOnExit(process);
        await WaitForItemsAsync(port, process, DemoTitlesNewestFirst.Length);

        var azurite = ChildrenOf(process.Id).Single(child => File.ReadAllText($"/proc/{child}/cmdline").Contains("azurite", StringComparison.Ordinal));
        using (var kill = Process.Start("kill", ["-KILL", azurite.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!errors.Any(l => l.Contains("has exited", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var said = Assert.Single(errors, l => l.Contains("has exited", StringComparison.Ordinal));
        Assert.Contains($"Azurite, which newsfeed run started (process {azurite}", said, StringComparison.Ordinal);
        Assert.Contains("start it again", said, StringComparison.Ordinal);
        await StopWithSigintAsync(process);
    }

    // The processes a process started: /proc lists each thread's children.
    private static List<int> ChildrenOf(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    // Standard output and error, line by line, as they come.
    private static Process StartNewsfeed(int port, Dictionary<string, string> environment, out System.Collections.Concurrent.ConcurrentQueue<string> lines)
    {
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        lines = said;
        var process = StartNewsfeed(port, environment, captureErrors: false);
        process.ErrorDataReceived += (_, e) => said.Enqueue(e.Data ?? string.Empty);
        process.OutputDataReceived += (_, e) => said.Enqueue(e.Data ?? string.Empty);
        return process;
    }

    private static Process StartNewsfeed(int port, Dictionary<string, string> environment, bool captureErrors = true) =>
        NewsfeedRun.Start(port, environment, captureErrors);

    private static Task<List<string>> WaitForItemsAsync(int port, Process process, int count) => NewsfeedRun.WaitForItemsAsync(port, process, count);

    private static async Task StopWithSigintAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>A failed assertion must not leave a newsfeed (and the Azurite it started) running after the test.</summary>
    private sealed class KillOnExit(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
