using System.CommandLine;
using System.Globalization;
using NewsPipeline.Testing.Load;

namespace NewsPipeline.LoadTests.Commands;

/// <summary><c>formats</c>: the items API as JSON, RSS and JSON Feed under concurrent clients (<see cref="FeedFormatsUnderLoad"/>).</summary>
internal static class FeedFormatsCommand
{
    public static Command Create()
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
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- formats
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- formats --articles 300 --requests 200
            """)
        {
            articles,
            clients,
            requests,
            connection,
        };
        OptionRules.AtLeast(articles, 1);
        OptionRules.AtLeast(clients, 1);
        OptionRules.AtLeast(requests, 1);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
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
}
