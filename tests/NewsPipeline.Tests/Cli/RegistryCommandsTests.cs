using System.Xml.Linq;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>
/// The CLI and the registry agree: the registry is the list of feeds every command works on, the Feeds setting only
/// seeds an empty one (or the running pipeline), and a URL means that URL. Real processes against Azurite and a loopback
/// feed server, one registry table per test.
/// </summary>
public sealed class RegistryCommandsTests
{
    [Fact]
    public async Task Fetch_reads_every_enabled_registry_feed_and_seeds_only_an_empty_registry_from_the_setting()
    {
        await using var server = await FeedServer.StartAsync();
        var seeded = server.Serve("seeded.xml", Rss("seeded", 1));
        var added = server.Serve("added.xml", Rss("added", 2));
        var environment = await EnvironmentAsync($"seeded={seeded}");

        var first = await NewsfeedCli.RunAsync(environment, "fetch");
        var add = await NewsfeedCli.RunAsync(environment, "feeds", "add", "added", added);
        var second = await NewsfeedCli.RunAsync(environment, "fetch");
        // Another environment's setting is not a change to the registry: neither added nor disabling anything.
        var other = await NewsfeedCli.RunAsync(new(environment) { ["Feeds"] = "garbage=https://127.0.0.1:1/garbage.xml" }, "fetch");
        var list = await NewsfeedCli.RunAsync(environment, "feeds");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("The feed registry was empty: added the Feeds setting's 1 feed(s) (seeded)", first.Errors, StringComparison.Ordinal);
        Assert.Matches(@"seeded\s+fetched\s+1\s+1", first.Output);
        Assert.Equal(0, add.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("was empty", second.Errors, StringComparison.Ordinal);
        Assert.Matches(@"added\s+fetched\s+2\s+2", second.Output);
        Assert.Matches(@"seeded\s+(fetched\s+1\s+0|unchanged)", second.Output);
        Assert.Equal(0, other.ExitCode);
        Assert.DoesNotContain("garbage", other.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage", list.Output, StringComparison.Ordinal);
        Assert.Matches(@"seeded\s+enabled", list.Output);
        Assert.Equal(2, server.RequestsTo("added.xml"));
    }

    [Fact]
    public async Task Fetch_feed_takes_any_registry_name_and_matches_a_url_by_url_never_by_a_name_derived_from_its_host()
    {
        await using var server = await FeedServer.StartAsync();
        var one = server.Serve("one.xml", Rss("one", 1));
        var two = server.Serve("two.xml", Rss("two", 3));
        var environment = await EnvironmentAsync("");
        await NewsfeedCli.RunAsync(environment, "feeds", "add", "one", one);
        await NewsfeedCli.RunAsync(environment, "feeds", "add", "two", two);

        var byName = await NewsfeedCli.RunAsync(environment, "fetch", "--feed", "two");
        var byUrl = await NewsfeedCli.RunAsync(environment, "fetch", "--feed", one);

        Assert.Equal(0, byName.ExitCode);
        Assert.Matches(@"two\s+fetched\s+3\s+3", byName.Output);
        Assert.DoesNotContain("one", byName.Output, StringComparison.Ordinal);
        Assert.Equal(0, byUrl.ExitCode);
        Assert.Matches(@"one\s+fetched\s+1\s+1", byUrl.Output);
        Assert.Equal(1, server.RequestsTo("two.xml"));
        Assert.Equal(1, server.RequestsTo("one.xml"));
    }

    [Fact]
    public async Task Enable_makes_an_enabled_but_failing_feed_due_now_and_forgets_its_failures()
    {
        await using var server = await FeedServer.StartAsync();
        var environment = await EnvironmentAsync("");
        await NewsfeedCli.RunAsync(environment, "feeds", "add", "down", server.Url("missing.xml"));

        var failed = await NewsfeedCli.RunAsync(environment, "fetch");
        var before = await NewsfeedCli.RunAsync(environment, "feeds");
        var enable = await NewsfeedCli.RunAsync(environment, "feeds", "enable", "down");
        var after = await NewsfeedCli.RunAsync(environment, "feeds");

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("1", Cell(before.Output, "down", "FAILS"));
        var retryAt = DateTimeOffset.Parse(Cell(before.Output, "down", "NEXT CHECK"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retryAt > DateTimeOffset.UtcNow, "A failed feed waits for its backoff.");
        Assert.Equal(0, enable.ExitCode);
        Assert.Contains("Enabled down: due now.", enable.Output, StringComparison.Ordinal);
        Assert.Equal("0", Cell(after.Output, "down", "FAILS"));
        Assert.True(DateTimeOffset.Parse(Cell(after.Output, "down", "NEXT CHECK"), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);
    }

    // A cell of `newsfeed feeds`' table: the columns start where their headers do.
    private static string Cell(string table, string feed, string column)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var start = header.IndexOf(column, StringComparison.Ordinal);
        var row = lines.Single(l => l.StartsWith(feed + " ", StringComparison.Ordinal));
        var end = header.IndexOf("  ", start + column.Length, StringComparison.Ordinal) is var gap and > 0
            ? header.Length - header[gap..].TrimStart().Length
            : row.Length;
        return row[start..Math.Min(end, row.Length)].Trim();
    }

    [Fact]
    public async Task Adding_a_url_the_registry_has_says_under_which_name_and_adds_nothing()
    {
        var environment = await EnvironmentAsync("");
        await NewsfeedCli.RunAsync(environment, "feeds", "add", "world", "https://world.example/rss.xml");

        var again = await NewsfeedCli.RunAsync(environment, "feeds", "add", "world-again", "https://world.example/rss.xml");
        var list = await NewsfeedCli.RunAsync(environment, "feeds");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("The registry has this URL already, as 'world'", again.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("world-again", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_keeps_the_nested_folders_it_imported_and_ends_with_a_newline()
    {
        var environment = await EnvironmentAsync("");
        await NewsfeedCli.RunAsync(environment, "feeds", "import", RepositoryPaths.Fixture("opml", "reader-export.opml"));

        var export = await NewsfeedCli.RunAsync(environment, "feeds", "export");

        Assert.Equal(0, export.ExitCode);
        Assert.EndsWith("\n", export.Output, StringComparison.Ordinal);
        var body = XDocument.Parse(export.Output).Root!.Element("body")!;
        var news = Assert.Single(body.Elements("outline"), o => (string?)o.Attribute("text") == "News");
        var world = Assert.Single(news.Elements("outline"), o => (string?)o.Attribute("text") == "World");
        Assert.Contains(world.Elements("outline"), o => o.Attribute("xmlUrl") is not null);
        Assert.DoesNotContain(body.Descendants("outline"), o => ((string?)o.Attribute("text"))?.Contains(" / ", StringComparison.Ordinal) == true);
    }

    private static Task<Dictionary<string, string>> EnvironmentAsync(string feeds) => NewsfeedCli.IsolatedEnvironmentAsync(feeds);

    private static string Rss(string name, int items) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><link>https://news.example/</link>""" +
        string.Concat(Enumerable.Range(0, items).Select(i =>
            $"<item><title>{name} story {i}</title><link>https://news.example/{name}/{i}</link><pubDate>Tue, 01 Dec 2026 0{i}:00:00 GMT</pubDate></item>")) +
        "</channel></rss>";
}
