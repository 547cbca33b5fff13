using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// Not a check, a bench: the screenshots of each view (phone and desktop, light and dark) in docs/screenshots/, and the
/// page's server time and bytes per view in docs/performance/page.md. Run by hand:
/// <c>NEWSPIPELINE_SCREENSHOTS=1 dotnet test tests/NewsPipeline.Tests --filter "FullyQualifiedName~ScreenshotsAndFigures"</c>.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class ScreenshotsAndFigures(ReadingPageHost host)
{
    private static bool Asked => Environment.GetEnvironmentVariable("NEWSPIPELINE_SCREENSHOTS") == "1";

    private async Task<(string Name, string Path)[]> ViewsAsync() =>
    [
        ("latest", "/"),
        ("feed", $"/feed/{host.Harbour}"),
        ("folder", "/folder?name=World"),
        ("article", "/article/" + (await host.ApiIdsAsync($"api/items?source={host.Harbour}"))[0]),
        ("article-zh", "/article/" + (await host.ApiIdsAsync($"api/items?source={host.Chinese}"))[0]),
        ("feeds", "/feeds"),
        ("login", "/login"),
    ];

    [SkippableFact]
    public async Task Screenshots_of_each_view_phone_and_desktop_light_and_dark()
    {
        Skip.IfNot(Asked, "A bench, not a check: set NEWSPIPELINE_SCREENSHOTS=1 to write docs/screenshots/.");
        var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (device, size) in new[] { ("phone", new ViewportSize { Width = 390, Height = 760 }), ("desktop", new ViewportSize { Width = 1100, Height = 760 }) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var tab = await host.OpenAsync(scheme, size);
                foreach (var (name, path) in await ViewsAsync())
                {
                    await tab.GoAsync(path);
                    await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{device}-{scheme.ToString().ToLowerInvariant()}.png") });
                }

                tab.AssertClean();
            }
        }
    }

    [SkippableFact]
    public async Task Server_time_and_bytes_per_view()
    {
        Skip.IfNot(Asked, "A bench, not a check: set NEWSPIPELINE_SCREENSHOTS=1 to write docs/performance/page.md.");
        var css = await host.Http.GetByteArrayAsync("page.css");
        var js = await host.Http.GetByteArrayAsync("page.js");
        var rows = new StringBuilder();
        foreach (var (name, path) in await ViewsAsync())
        {
            var storage = new List<double>();
            var render = new List<double>();
            var wall = new List<double>();
            long bytes = 0;
            for (var i = 0; i < 25; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await host.Http.GetAsync(path.TrimStart('/'));
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i < 5)
                {
                    continue; // warm-up
                }

                bytes = body.Length;
                wall.Add(elapsed);
                var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
                storage.Add(Duration(timing, "storage"));
                render.Add(Duration(timing, "render"));
            }

            rows.Append(CultureInfo.InvariantCulture, $"| {name} | {Median(storage):0.0} | {Median(render):0.0} | {Median(wall):0.0} | {bytes / 1024.0:0.0} | {(bytes + css.Length + js.Length) / 1024.0:0.0} |\n");
        }

        var text = $"""
            # Reading page: server time and bytes per view

            Measured {DateTime.UtcNow:yyyy-MM-dd} on the development machine (2 cores, 24 GiB), `newsfeed run` on the shared test Azurite
            over the browser tests' fixture feeds (46 items in 5 feeds), 20 requests
            per view after 5 warm-ups, medians. `storage` and `render` are the page's own `Server-Timing` header (time in
            table reads, and the rest: rendering and writing); `wall` is the client's time for the whole response on
            loopback. Bytes are the HTML, then the first view with the stylesheet ({css.Length / 1024.0:0.0} KB) and script
            ({js.Length / 1024.0:0.0} KB), uncompressed, before images. Reproduce:
            `NEWSPIPELINE_SCREENSHOTS=1 dotnet test tests/NewsPipeline.Tests --filter "FullyQualifiedName~ScreenshotsAndFigures"`.

            | view | storage ms | render ms | wall ms | HTML KB | first view KB (HTML + CSS + JS) |
            |---|---|---|---|---|---|
            {rows}
            Each timeline view is one timeline query (the same as `/api/items`, one per source for a feed or folder; a folder
            adds one registry read); the article view is one point read by id (its body is in the row: no blob read); the
            feeds view is one registry read. Azurite's table service scans whole tables, so its milliseconds say little about
            Azure Table Storage; the request counts are what carry over (docs/performance/README.md).
            """;
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "performance", "page.md"), text.Replace("\r", "", StringComparison.Ordinal));
    }

    private static double Duration(string timing, string name)
    {
        var part = timing.Split(',').Select(p => p.Trim()).First(p => p.StartsWith(name + ";dur=", StringComparison.Ordinal));
        return double.Parse(part[(name.Length + 5)..], CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
