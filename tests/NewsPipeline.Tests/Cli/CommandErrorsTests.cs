using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>
/// A mistake in a setting or an argument gets the message and what to do, exit code 1, and no stack trace unless
/// --verbose asks for it. Each case runs the real `newsfeed` process.
/// </summary>
public sealed class CommandErrorsTests
{
    public static TheoryData<string, string, string, string> Mistakes => new()
    {
        // environment variable, its value, command line, what stderr must say
        { "Fetch__TimeoutSeconds", "abc", "feed https://127.0.0.1:1/x.xml", "Fetch:TimeoutSeconds" },
        { "Feeds", "a=ftp://127.0.0.1/x.xml", "fetch", "'ftp:' addresses are not fetched" },
        { "Feeds", "=http://127.0.0.1/x.xml", "fetch", "has nothing before '='" },
        { "Feeds", "[{\"name\": \"a\", ", "fetch", "not a JSON array of feeds" },
        { "Feeds", "Bad Name=http://127.0.0.1/x.xml", "fetch", "is not a lower-case slug" },
        { "FetchSchedule", "0 0 0 31 2 *", "run --port 1", "FetchSchedule setting '0 0 0 31 2 *' is refused: it never fires" },
        { "FetchSchedule", "every minute", "run --port 1", "FetchSchedule setting 'every minute' is refused" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_setting_prints_its_message_and_exits_1_without_a_stack_trace(string name, string value, string command, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            [name] = value,
            // Never reached: the setting is refused first. If it were, no Azurite is started for this address.
            ["ArticleStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        };

        var (exit, output, errors) = await NewsfeedCli.RunAsync(environment, command.Split(' '));

        Assert.True(exit == 1, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.StartsWith("newsfeed: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_settings_file_says_so_and_verbose_adds_the_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), "newspipeline-no-such-" + Guid.NewGuid().ToString("N")[..8] + ".json");

        var (exit, _, errors) = await NewsfeedCli.RunAsync([], "feeds", "--settings", missing);
        var (verboseExit, _, verboseErrors) = await NewsfeedCli.RunAsync([], "feeds", "--settings", missing, "--verbose");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Equal(1, verboseExit);
        Assert.Contains("   at ", verboseErrors, StringComparison.Ordinal);
    }
}

/// <summary>A source name is valid by one rule, whether the Feeds setting or `import --source` gives it.</summary>
public sealed class SourceNameRuleTests
{
    [Theory]
    [InlineData("bbc.world")]
    [InlineData("news_2")]
    [InlineData("voachinese")]
    public async Task Import_takes_every_name_the_Feeds_setting_takes(string name)
    {
        Assert.True(NewsPipeline.Core.Feeds.FeedSource.IsValidName(name));
        await using var pipeline = await TestPipeline.CreateAsync($"{name}=https://127.0.0.1:1/x.xml");
        Assert.Equal(name, Assert.Single(pipeline.Get<NewsPipeline.Core.Pipeline.FetchService>().ConfiguredFeeds).Name);

        var summary = await pipeline.Get<NewsPipeline.Core.Pipeline.ImportService>().ImportAsync([], name, null, CancellationToken.None);
        Assert.NotNull(summary);
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("-leading")]
    public async Task Import_refuses_what_the_Feeds_setting_refuses(string name)
    {
        Assert.False(NewsPipeline.Core.Feeds.FeedSource.IsValidName(name));
        await using var pipeline = await TestPipeline.CreateAsync("");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => pipeline.Get<NewsPipeline.Core.Pipeline.ImportService>().ImportAsync([], name, null, CancellationToken.None));
        Assert.Contains("the rule feed names in the Feeds setting follow", error.Message, StringComparison.Ordinal);
    }
}
