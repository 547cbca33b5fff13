using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Testing.Load;

namespace NewsPipeline.LoadTests.Commands;

/// <summary><c>fetch</c>: the registry, scheduler, queue and workers over thousands of feeds on loopback hosts (<see cref="FetchAtScale"/>).</summary>
internal static class FetchAtScaleCommand
{
    public static Command Create()
    {
        var feeds = new Option<int>("--feeds") { Description = "Feeds in the registry.", DefaultValueFactory = _ => 10_000 };
        var hosts = new Option<int>("--hosts") { Description = "Loopback addresses (127.77.x.y) the feeds are spread over: one site each.", DefaultValueFactory = _ => 500 };
        var items = new Option<int>("--items") { Description = "Items per feed.", DefaultValueFactory = _ => 5 };
        var changed = new Option<int>("--changed-percent") { Description = "Feeds with one new item in the third pass, in percent.", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "Fetch messages worked at once (each is one host's feeds, fetched in order).", DefaultValueFactory = _ => 32 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("fetch", """
            Feeds at scale: FEEDS feeds on HOSTS sites (loopback addresses 127.77.x.y, one Kestrel), kept in the feed
            registry, fetched as Azure fetches them: the scheduler claims the due feeds and sends one feed-fetch queue
            message per host to Azurite, and WORKERS in-process queue workers fetch them (the Functions queue trigger's
            job). Four passes, each with every feed due: a first fetch that stores every item, a pass with every feed
            unchanged (a conditional GET answered 304), a pass with CHANGED-PERCENT of the feeds carrying one new item,
            and the same again with Fetch__SkipKnownItems=false (every item of a changed feed offered to the store, the
            alternative to remembering recent item ids). Reports per pass: time, feed requests, storage requests (table,
            blob, queue; counted by the clients, after retries), fetch messages, the most requests any one host
            answered at once (politeness: must be 1), and the queue depth over time. Prints Markdown for
            docs/performance/pipeline.md; exits 1 if a host was asked twice at once or a feed was not fetched.

            Examples:
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- fetch
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- fetch --feeds 200 --hosts 20
            """)
        {
            feeds,
            hosts,
            items,
            changed,
            workers,
            connection,
        };
        OptionRules.InRange(feeds, 1, 1_000_000);
        OptionRules.InRange(hosts, 1, 62_500, "(127.77.1.1 to 127.77.250.250)");
        OptionRules.InRange(items, 1, 200);
        OptionRules.InRange(changed, 0, 100);
        OptionRules.InRange(workers, 1, 256);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
            var progress = new ProgressLine("Filling the feeds table");
            var passes = await FetchAtScale.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(feeds), result.GetValue(hosts), result.GetValue(items),
                result.GetValue(changed) / 100.0, result.GetValue(workers), progress, pass =>
                {
                    progress.Finish();
                    Console.Error.WriteLine($"Pass done: {pass}");
                }, cancellationToken).ConfigureAwait(false);
            Write(Console.Out, passes, result.GetValue(hosts), result.GetValue(workers));
            return passes.All(p => p.MostAtOnceOnOneHost <= 1 && p.FeedsFetched == p.Feeds) ? 0 : 1;
        });
        return command;
    }

    private static void Write(TextWriter output, IReadOnlyList<FetchPassResult> passes, int hosts, int workers)
    {
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {hosts} hosts, {workers} workers, one process");
        output.WriteLine();
        output.WriteLine("| pass | feeds | time (s) | feeds/s | feed requests per feed | 304 | blobs written | storage requests (table / blob / queue) | storage requests per feed | messages | most at once on one host | queue depth peak |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in passes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Pass} | {p.FeedsFetched:N0} | {p.Elapsed.TotalSeconds:0.0} | {p.FeedsFetched / p.Elapsed.TotalSeconds:0} | {(double)p.FeedRequests / p.Feeds:0.00} | {p.NotModified:N0} | {p.BlobsWritten:N0} | {p.StorageRequests:N0} ({p.TableRequests:N0} / {p.BlobRequests:N0} / {p.QueueRequests:N0}) | {(double)p.StorageRequests / p.Feeds:0.00} | {p.Messages:N0} | {p.MostAtOnceOnOneHost} | {(p.QueueDepth.Count == 0 ? 0 : p.QueueDepth.Max(d => d.Depth))} |"));
        }

        output.WriteLine();
        output.WriteLine("Queue depth over time (s: messages):");
        foreach (var p in passes)
        {
            var step = Math.Max(1, p.QueueDepth.Count / 12);
            output.WriteLine($"- {p.Pass}: " + string.Join(", ", p.QueueDepth.Where((_, i) => i % step == 0).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Seconds:0}: {d.Depth}"))));
        }
    }
}
