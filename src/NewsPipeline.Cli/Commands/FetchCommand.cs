using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class FetchCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var feed = new Option<string[]>("--feed")
        {
            Description = "Fetch only this feed: a configured feed's name, or any feed URL or file (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("fetch", """
            Run one fetch pass now, as the FetchArticles timer does, parse every article it wrote, and report per
            feed: fetched (with new and already-stored counts), unchanged (304), deferred (Retry-After) or failed.
            Exits 1 when any feed failed.

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
        var feeds = only.Length == 0 ? null : only.Select(f => Choose(fetch.ConfiguredFeeds, f)).ToList();

        var report = await fetch.RunAsync(feeds, cancellationToken);
        var parse = services.Get<ParseService>();
        var parseFailures = 0;
        foreach (var blob in report.WrittenBlobs)
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

    // A name that is neither configured nor a feed address is a typo: fetched as a file path, it failed and left a
    // lasting "(removed)" feed behind in the feed state.
    private static FeedSource Choose(IReadOnlyList<FeedSource> configured, string wanted)
    {
        if (configured.FirstOrDefault(c => c.Name == wanted || c.Location == wanted) is { } feed)
        {
            return feed;
        }

        var isUrl = Uri.TryCreate(wanted, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        if (!isUrl && !File.Exists(wanted))
        {
            throw new FormatException($"No feed is named '{wanted}' (configured: {(configured.Count == 0 ? "none" : string.Join(", ", configured.Select(c => c.Name)))}), " +
                "and it is no http(s) URL or existing file. Give a configured name, a feed URL or a feed file.");
        }

        return new FeedSource(FeedSource.NameFor(wanted), wanted);
    }
}
