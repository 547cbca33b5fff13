using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Cli.Commands;

/// <summary><c>newsfeed stats</c>: the metrics a running <c>newsfeed run</c> has recorded, as the Functions app exports them.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The port `newsfeed run` serves on.", DefaultValueFactory = _ => 7071 };
        var command = new Command("stats", """
            Print the pipeline's metrics from a running `newsfeed run` (GET /api/metrics on its port): articles
            written, parsed and failed; feeds fetched, unchanged and failed; fetch duration; and the ingest lag —
            fetch lag (item date → blob written), index lag (blob written → row queryable) and the whole lag (item
            date → row). These are the instruments the Functions app exports to Application Insights (meter
            "NewsPipeline"), counted since `newsfeed run` started.

            Examples:
              newsfeed stats
              newsfeed stats --port 8080
            """)
        {
            port,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var url = new Uri($"http://127.0.0.1:{result.GetValue(port).ToString(CultureInfo.InvariantCulture)}/api/metrics");
            JsonElement body;
            try
            {
                body = await http.GetFromJsonAsync<JsonElement>(url, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"No `newsfeed run` answered at {url} ({e.Message}). Start it first, or pass the --port it serves on.", e);
            }

            Console.WriteLine($"Since {body.GetProperty("since").GetString()}:");
            var rows = body.GetProperty("metrics").EnumerateArray().Select(m =>
            {
                // Durations read as durations ("24 d 15 h", "1.2 s"), not as millions of seconds; counts stay numbers.
                var unit = m.GetProperty("unit").GetString() ?? "";
                var seconds = unit is "s" ? 1.0 : unit is "ms" ? 0.001 : (double?)null;
                string Cell(string name) => seconds is { } scale && m.GetProperty(name) is { ValueKind: JsonValueKind.Number } value
                    ? Duration(value.GetDouble() * scale)
                    : Number(m, name);
                return new[]
                {
                    m.GetProperty("name").GetString()!,
                    seconds is null ? Number(m, "total") : Number(m, "total") + " (count)",
                    Cell("mean"),
                    Cell("p50"),
                    Cell("p95"),
                    Cell("max"),
                    seconds is null ? unit : "",
                };
            });
            TextTable.Write(Console.Out, ["METRIC", "TOTAL / COUNT", "MEAN", "P50", "P95", "MAX", "UNIT"], rows);
            return 0;
        });
        return command;
    }

    /// <summary>A duration in the two largest units that matter: "850 ms", "12.5 s", "3 min 20 s", "5 h 2 min", "24 d 15 h".</summary>
    internal static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Abs(seconds));
        var sign = seconds < 0 ? "-" : "";
        return sign + (span.TotalSeconds < 1 ? $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : span.TotalMinutes < 1 ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
            : span.TotalHours < 1 ? $"{span.Minutes} min {span.Seconds} s"
            : span.TotalDays < 1 ? $"{span.Hours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h");
    }

    private static string Number(JsonElement metric, string name) =>
        metric.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble().ToString("#,0.##", CultureInfo.InvariantCulture) : "-";
}
