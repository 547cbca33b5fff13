using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds;

/// <summary>What a feed may be: http(s) everywhere, local files only where `newsfeed` runs, and never a device or a pipe.</summary>
public sealed class FeedLocationTests
{
    [Theory]
    [InlineData("garbage", "is not an http(s) URL")]
    [InlineData("a=/srv/feeds/world.xml", "is not an http(s) URL")]
    [InlineData("a=ftp://127.0.0.1/x.xml", "'ftp:' addresses are not fetched")]
    [InlineData("=http://127.0.0.1/x.xml", "has nothing before '='")]
    public void The_Functions_app_reads_http_feeds_only(string setting, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FeedSource.ParseList(setting, allowLocalFiles: false));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newsfeed_takes_local_files_and_still_refuses_other_schemes()
    {
        Assert.Equal("/srv/feeds/world.xml", FeedSource.ParseList("a=/srv/feeds/world.xml", allowLocalFiles: true).Single().Location);
        Assert.Throws<FormatException>(() => FeedSource.ParseList("a=gopher://127.0.0.1/x", allowLocalFiles: true));
        Assert.Equal("https://news.example/feed?a=b", FeedSource.ParseList("https://news.example/feed?a=b", allowLocalFiles: false).Single().Location);
    }

    [Fact]
    public async Task A_device_stops_at_the_size_cap_and_a_pipe_at_the_time_budget()
    {
        var fifo = Path.Combine(Path.GetTempPath(), "newspipeline-fifo-" + Guid.NewGuid().ToString("N")[..8]);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        try
        {
            await using var pipeline = await TestPipeline.CreateAsync(
                $$"""[{"name": "zero", "url": "/dev/zero", "maxFeedBytes": 1048576}, {"name": "pipe", "url": "{{fifo}}", "timeoutSeconds": 1}]""");
            var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

            var errors = report.Feeds.ToDictionary(f => f.Feed.Name, f => f.Error);
            Assert.Equal(2, report.Failed);
            Assert.Contains("larger than the 1,048,576-byte limit", errors["zero"], StringComparison.Ordinal);
            Assert.Contains("not a regular file", errors["pipe"], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Theory]
    [InlineData("0 0 0 31 2 *", "it never fires")]
    [InlineData("0 */15 * *", "it has 4 fields")]
    [InlineData("0 61 * * * *", "is refused")]
    public async Task A_bad_FetchSchedule_is_refused_when_a_host_starts(string schedule, string expected)
    {
        await using var pipeline = await TestPipeline.CreateAsync("", new Dictionary<string, string?> { ["FetchSchedule"] = schedule });

        // What both hosts run at start (ValidateOnStart): the Functions worker and `newsfeed run`.
        var error = Assert.Throws<OptionsValidationException>(() => pipeline.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("FetchSchedule", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 */15 * * * *")]
    [InlineData("*/5 * * * *")]
    public async Task Six_and_five_field_schedules_are_accepted(string schedule)
    {
        await using var pipeline = await TestPipeline.CreateAsync("", new Dictionary<string, string?> { ["FetchSchedule"] = schedule });
        pipeline.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
