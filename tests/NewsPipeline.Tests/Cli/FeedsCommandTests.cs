using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary><c>newsfeed feeds …</c> as an operator runs it: real processes against Azurite, one registry table of its own.</summary>
public sealed class FeedsCommandTests
{
    [Fact]
    public async Task Feeds_are_added_imported_listed_disabled_exported_and_removed_from_the_command_line()
    {
        var environment = await EnvironmentAsync();
        var export = Path.Combine(Path.GetTempPath(), $"feeds-{Guid.NewGuid():N}.opml");

        var add = await NewsfeedCli.RunAsync(environment, "feeds", "add", "world", "https://world.example/rss.xml", "--max-interval", "60");
        var duplicate = await NewsfeedCli.RunAsync(environment, "feeds", "add", "world", "https://other.example/rss.xml");
        var import = await NewsfeedCli.RunAsync(environment, "feeds", "import", RepositoryPaths.Fixture("opml", "reader-export.opml"));
        var broken = await NewsfeedCli.RunAsync(environment, "feeds", "import", RepositoryPaths.Fixture("opml", "truncated.opml"));
        var disable = await NewsfeedCli.RunAsync(environment, "feeds", "disable", "ridge-daily");
        var list = await NewsfeedCli.RunAsync(environment, "feeds");
        var written = await NewsfeedCli.RunAsync(environment, "feeds", "export", export);
        var remove = await NewsfeedCli.RunAsync(environment, "feeds", "remove", "world");
        var removeAgain = await NewsfeedCli.RunAsync(environment, "feeds", "remove", "world");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("Added world", add.Output, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already in the registry", duplicate.Errors, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("6 added, 0 already in the registry, 1 duplicates, 3 invalid.", import.Output, StringComparison.Ordinal);
        Assert.Matches(@"21\s+invalid\s+-\s+Broken, no address\s+it has no xmlUrl", import.Output);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("not well-formed OPML", broken.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Errors, StringComparison.Ordinal);
        Assert.Equal(0, disable.ExitCode);
        Assert.Matches(@"ridge-daily\s+disabled: disabled by an operator", list.Output);
        Assert.Matches(@"world\s+enabled\s+\d{4}-\d\d-\d\d", list.Output);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(await File.ReadAllTextAsync(export), "xmlUrl="));
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("its articles are kept", remove.Output, StringComparison.Ordinal);
        Assert.Equal(1, removeAgain.ExitCode);
        Assert.Contains("no feed named 'world'", removeAgain.Errors, StringComparison.Ordinal);
        File.Delete(export);
    }

    [Fact]
    public async Task The_feeds_help_teaches_the_subcommands_with_examples()
    {
        var help = await NewsfeedCli.RunAsync([], "feeds", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var word in new[] { "add", "remove", "enable", "disable", "import", "export", "newsfeed feeds import subscriptions.opml" })
        {
            Assert.Contains(word, help.Output, StringComparison.Ordinal);
        }
    }

    private static Task<Dictionary<string, string>> EnvironmentAsync() => NewsfeedCli.IsolatedEnvironmentAsync("");
}
