using System.CommandLine;
using System.Globalization;
using NewsPipeline.Testing.Load;

namespace NewsPipeline.LoadTests.Commands;

/// <summary><c>ingest</c>: one fetch pass and its parses over a local site while clients query the items API (<see cref="IngestUnderLoad"/>).</summary>
internal static class IngestUnderLoadCommand
{
    public static Command Create()
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
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- ingest
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- ingest --feeds 10 --items 50
            """)
        {
            feeds,
            items,
            workers,
            connection,
        };
        OptionRules.AtLeast(feeds, 1);
        OptionRules.AtLeast(items, 1);
        OptionRules.AtLeast(workers, 0);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
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
}
