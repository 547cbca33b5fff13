using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Pipeline;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Cli.Commands;

internal static class PreviewCommand
{
    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(Option<FileInfo?> settings)
    {
        var location = new Argument<string>("FILE|URL") { Description = "A feed file or an http(s) feed URL." };
        var json = new Option<bool>("--json") { Description = "One JSON object per item per line, for scripts." };
        var command = new Command("preview", """
            Read one feed and print its items as the pipeline would store them — article id, title, link, date, and
            whether the date was read from the feed or fell back to the fetch time — without touching storage.
            Use it to check a new feed before adding it to the registry (newsfeed feeds add). Its old name,
            `newsfeed feed`, still works in this release (it read too much like `newsfeed feeds`).

            Examples:
              newsfeed preview tests/NewsPipeline.Tests/Fixtures/feeds/rss2-basic.xml
              newsfeed preview https://feeds.bbci.co.uk/news/world/rss.xml --json | jq .title
            """)
        {
            location,
            json,
        };
        // The old spelling, kept for one release so scripts that call it go on working.
        command.Aliases.Add("feed");
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = result.GetValue(location)!;
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken, needsStorage: false);
            var feed = new FeedSource(FeedSource.NameFor(target), target);
            ParsedFeed parsed;
            FeedResponse response;
            try
            {
                response = await services.Get<FeedFetcher>().FetchAsync(feed, null, cancellationToken);
                parsed = FeedReader.Read(response.Content, response.BaseUri, response.Charset);
            }
            catch (Exception e) when (e is FeedFetchException or FeedFormatException)
            {
                await Console.Error.WriteLineAsync($"Cannot read {target}: {e.Message}");
                return 1;
            }

            var drafts = FeedItemDocuments.From(feed, parsed, response.BaseUri, TimeProvider.System.GetUtcNow());
            if (result.GetValue(json))
            {
                foreach (var d in drafts)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { id = d.Id, title = TitleOf(d), link = d.Url, published = d.Published, dateRead = d.DateWasRead, unreadDate = d.UnreadDate, blobName = d.BlobName }, JsonLines));
                }

                return 0;
            }

            Console.WriteLine($"{parsed.Title ?? target} ({parsed.Format}, {parsed.Items.Count} items)");
            TextTable.Write(Console.Out, ["ID", "PUBLISHED", "DATE", "TITLE", "LINK"], drafts.Select(d => new[]
            {
                d.Id[..12], d.Published.ToString("u", CultureInfo.InvariantCulture), d.DateWasRead ? "read" : "fallback", TitleOf(d), d.Url,
            }));
            return 0;
        });
        return command;
    }

    private static string TitleOf(ArticleDraft draft) => NewsPipeline.Core.Reading.Articles.Document.ArticleDocumentReader.Read(draft.Text).Title;
}
