using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Cli.Commands;

internal static class FetchCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var feed = new Option<string[]>("--feed")
        {
            Description = "Fetch only this feed: a registry feed's name or URL, or any feed URL or file, fetched once without being added (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("fetch", """
            Fetch every enabled feed of the registry now, whatever its next check time, parse every article it
            wrote, and report per feed: fetched (with new and already-stored counts), unchanged (304), deferred
            (disabled, or Retry-After) or failed. An empty registry is first filled from the Feeds setting (the demo
            feed by default), and that is said. Exits 1 when any feed failed.

            Examples:
              newsfeed fetch
              newsfeed fetch --feed demo
              newsfeed fetch --feed https://feeds.bbci.co.uk/news/world/rss.xml
            """)
        {
            feed,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(feed) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, string[] only, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken);
        var fetch = services.Get<FetchService>();
        List<FeedSource>? feeds = null;
        if (only.Length == 0 && (await services.Get<FeedRegistryStore>().ListAsync(cancellationToken)).Count == 0)
        {
            feeds = [.. await fetch.RegistryFeedsAsync(cancellationToken)];
            Console.Error.WriteLine(feeds.Count == 0
                ? "The feed registry is empty, and so is the Feeds setting: add a feed with `newsfeed feeds add NAME URL`."
                : $"The feed registry was empty: added the Feeds setting's {feeds.Count} feed(s) ({string.Join(", ", feeds.Select(f => f.Name))}). " +
                  "From now on the registry is the list of feeds: `newsfeed feeds` shows it.");
        }
        else if (only.Length > 0)
        {
            feeds = [];
            foreach (var wanted in only)
            {
                feeds.Add(await fetch.ResolveAsync(wanted, cancellationToken) ?? throw await UnknownAsync(fetch, wanted, cancellationToken));
            }
        }

        var report = await fetch.RunAsync(feeds, cancellationToken);
        var parse = services.Get<ParseService>();
        var parseFailures = 0;
        foreach (var blob in report.ToParse)
        {
            parseFailures += (await parse.ParseBlobAsync(blob, cancellationToken)).Succeeded ? 0 : 1;
        }

        TextTable.Write(Console.Out, ["FEED", "RESULT", "ITEMS", "NEW", "STORED", "ERROR"], report.Feeds.Select(f => new[]
        {
            f.Feed.Name, f.Status.ToString().ToLowerInvariant(), f.Items.ToString(CultureInfo.InvariantCulture),
            f.New.ToString(CultureInfo.InvariantCulture), f.Existing.ToString(CultureInfo.InvariantCulture), f.Error,
        }));
        Console.WriteLine();
        Console.WriteLine($"{report.Feeds.Count} feeds: {report.Feeds.Count(f => f.Status == FeedFetchStatus.Fetched)} fetched, " +
            $"{report.Feeds.Count(f => f.Status == FeedFetchStatus.Unchanged)} unchanged, {report.Feeds.Count(f => f.Status == FeedFetchStatus.Deferred)} deferred, " +
            $"{report.Failed} failed; {report.New} new articles, {parseFailures} could not be parsed (see `newsfeed failures`).");
        return report.Failed > 0 ? 1 : 0;
    }

    // A name that is neither registered nor a feed address is a typo: say which names there are.
    private static async Task<FormatException> UnknownAsync(FetchService fetch, string wanted, CancellationToken cancellationToken)
    {
        var registered = await fetch.RegistryFeedsAsync(cancellationToken);
        var names = registered.Count == 0 ? "none" : string.Join(", ", registered.Select(f => f.Name).Take(20)) + (registered.Count > 20 ? ", …" : "");
        return new FormatException($"No feed is named '{wanted}' (registered: {names}), and it is no http(s) URL or existing file. " +
            "Give a registry feed's name (newsfeed feeds), a feed URL or a feed file.");
    }
}
