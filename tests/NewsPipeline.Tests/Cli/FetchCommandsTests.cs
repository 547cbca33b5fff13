using System.Text.Json;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>`newsfeed feed`, `fetch` and `feeds` as an operator runs them: real processes, a real feed server and Azurite.</summary>
public sealed class FetchCommandsTests
{
    [Fact]
    public async Task Feed_json_prints_each_item_with_its_id_and_whether_its_date_was_read_without_storage()
    {
        var file = RepositoryPaths.Fixture("feeds", "corpus", "rss20-bad-dates.xml");

        // No storage reachable at all: the command must not need it.
        var (exitCode, output, errors) = await NewsfeedCli.RunAsync(new Dictionary<string, string> { ["ArticleStorage"] = "not a connection string" }, "feed", file, "--json");

        Assert.True(exitCode == 0, errors);
        var items = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Garbage date", "Impossible date", "No date at all"], items.Select(i => i.GetProperty("title").GetString()!));
        Assert.All(items, i => Assert.False(i.GetProperty("dateRead").GetBoolean()));
        Assert.Equal("sometime last week", items[0].GetProperty("unreadDate").GetString());
        Assert.All(items, i => Assert.Matches("^[0-9a-f]{40}$", i.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Feed_of_something_that_is_not_a_feed_says_why_and_exits_1()
    {
        var (exitCode, _, errors) = await NewsfeedCli.RunAsync(new Dictionary<string, string>(), "feed", RepositoryPaths.Fixture("feeds", "billion-laughs.xml"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Not well-formed XML", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_reports_each_feed_and_exits_1_when_one_failed_and_feeds_shows_the_state()
    {
        await using var server = await FeedServer.StartAsync();
        var good = server.ServeFixture("rss2-basic.xml", "good.xml");
        var missing = server.Url("missing.xml");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
            ["Storage__ArticlesContainer"] = "articles-" + suffix,
            ["Storage__ArticlesTable"] = "articles" + suffix,
            ["Storage__FailuresTable"] = "failures" + suffix,
            ["Storage__FetchQueue"] = "feedfetch" + suffix,
            ["Storage__FeedsTable"] = "feeds" + suffix,
            ["Feeds"] = $"good={good};missing={missing}",
            ["Fetch__Retries"] = "0",
        };

        var first = await NewsfeedCli.RunAsync(environment, "fetch");
        var second = await NewsfeedCli.RunAsync(environment, "fetch", "--feed", "good");
        var feeds = await NewsfeedCli.RunAsync(environment, "feeds");

        Assert.Equal(1, first.ExitCode);
        Assert.Matches(@"good\s+fetched\s+3\s+3\s+0", first.Output);
        Assert.Matches(@"missing\s+failed\s+0\s+0\s+0\s+.*answered 404", first.Output);
        Assert.Contains("2 feeds: 1 fetched, 0 unchanged, 0 deferred, 1 failed; 3 new articles", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"good\s+unchanged", second.Output);
        Assert.Equal(0, feeds.ExitCode);
        // State, next check, interval, last success, status, failures, seen, new, last error / URL.
        Assert.Matches(@"missing\s+enabled\s+\d{4}-\d{2}-\d{2} [\d:]+Z\s+-\s+never\s+404\s+1\s+0\s+0\s+.*answered 404", feeds.Output);
        Assert.Matches(@"good\s+enabled\s+\d{4}-\d{2}-\d{2} [\d:]+Z\s+\d+ min\s+\d{4}-\d{2}-\d{2} [\d:]+Z\s+304\s+0\s+3", feeds.Output);
    }

    [Fact]
    public async Task Fetch_of_an_unknown_feed_name_says_which_feeds_exist_and_leaves_no_feed_state_behind()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
            ["Storage__ArticlesContainer"] = "articles-" + suffix,
            ["Storage__ArticlesTable"] = "articles" + suffix,
            ["Storage__FailuresTable"] = "failures" + suffix,
            ["Storage__FetchQueue"] = "feedfetch" + suffix,
            ["Storage__FeedsTable"] = "feeds" + suffix,
            ["Feeds"] = "world=https://127.0.0.1:1/world.xml",
        };

        var fetch = await NewsfeedCli.RunAsync(environment, "fetch", "--feed", "nosuchname");
        var feeds = await NewsfeedCli.RunAsync(environment, "feeds");

        Assert.Equal(1, fetch.ExitCode);
        Assert.Contains("No feed is named 'nosuchname' (registered: world)", fetch.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("nosuchname", feeds.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_of_a_folder_says_it_is_a_folder_not_that_access_is_denied()
    {
        var folder = RepositoryPaths.Fixture("articles");

        var (exitCode, _, errors) = await NewsfeedCli.RunAsync([], "parse", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("is a folder", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", errors, StringComparison.OrdinalIgnoreCase);
    }
}
