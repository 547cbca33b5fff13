using System.Text.RegularExpressions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>The `newsfeed` a user installs holds the user's commands; the load tests are a project of their own under bench/.</summary>
public sealed class RootHelpTests
{
    [Fact]
    public async Task The_help_lists_the_users_commands_and_no_load_test()
    {
        var help = await NewsfeedCli.RunAsync([], "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "run", "fetch", "preview", "feeds", "import", "reindex", "stats" })
        {
            Assert.Matches(new Regex($@"^\s+([a-z]+, )?{command}\b", RegexOptions.Multiline), help.Output);
        }

        Assert.DoesNotMatch(new Regex(@"^\s+bench\b", RegexOptions.Multiline), help.Output);
    }

    [Fact]
    public async Task Bench_is_not_a_newsfeed_command()
    {
        var (exit, output, errors) = await NewsfeedCli.RunAsync([], "bench");

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("Machine:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Seeding", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_reads_a_feed_and_its_old_name_feed_still_does_the_same()
    {
        var file = RepositoryPaths.Fixture("feeds", "rss2-basic.xml");

        var preview = await NewsfeedCli.RunAsync([], "preview", file, "--json");
        var old = await NewsfeedCli.RunAsync([], "feed", file, "--json");

        Assert.Equal(0, preview.ExitCode);
        Assert.NotEmpty(preview.Output.Trim());
        Assert.Equal(preview.Output, old.Output);
    }
}
