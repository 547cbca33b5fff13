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
            var rows = body.GetProperty("metrics").EnumerateArray().Select(m => new[]
            {
                m.GetProperty("name").GetString()!,
                Number(m, "total"),
                Number(m, "mean"),
                Number(m, "p50"),
                Number(m, "p95"),
                Number(m, "max"),
                m.GetProperty("unit").GetString() ?? "",
            });
            TextTable.Write(Console.Out, ["METRIC", "TOTAL / COUNT", "MEAN", "P50", "P95", "MAX", "UNIT"], rows);
            return 0;
        });
        return command;
    }

    private static string Number(JsonElement metric, string name) =>
        metric.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble().ToString("#,0.##", CultureInfo.InvariantCulture) : "-";
}
