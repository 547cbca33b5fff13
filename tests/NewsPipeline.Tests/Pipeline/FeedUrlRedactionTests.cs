using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>Feed URLs with credentials or tokens never reach a log line or /api/feeds in full; local feeds show no server path.</summary>
public sealed class FeedUrlRedactionTests
{
    [Theory]
    [InlineData("http://user:s3cret@news.example/feed.xml?token=abc123", "http://news.example/feed.xml?…")]
    [InlineData("https://news.example:8443/rss", "https://news.example:8443/rss")]
    [InlineData("/srv/private/feeds/world.xml", "local file world.xml")]
    [InlineData("file:///srv/private/feeds/world.xml", "local file world.xml")]
    public void Redact_keeps_the_host_and_path_and_drops_user_info_query_and_folders(string location, string shown) =>
        Assert.Equal(shown, FeedUrl.Redact(location));

    [Fact]
    public async Task A_failing_feed_with_credentials_and_a_token_is_logged_and_listed_without_them()
    {
        await using var server = await FeedServer.StartAsync();
        var secret = new UriBuilder(server.Url("missing.xml")) { UserName = "user", Password = "s3cret", Query = "token=abc123" }.Uri.AbsoluteUri;
        var local = Path.Combine(Path.GetTempPath(), "newspipeline-private-" + Guid.NewGuid().ToString("N")[..8], "world.xml");
        var logs = new CapturedLogs();
        await using var pipeline = await TestPipeline.CreateAsync($"secret={secret};local={local}", logs: logs);

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        Assert.Equal(2, report.Failed);

        var context = HttpContexts.Get(pipeline.Services, "/api/feeds");
        await pipeline.Create<FeedStatus>().Run(context.Request);
        var listed = HttpContexts.Body(context);

        Assert.Contains(logs.Lines, line => line.Contains("secret", StringComparison.Ordinal) && line.Contains("/missing.xml?…", StringComparison.Ordinal));
        foreach (var text in new[] { logs.Text, listed })
        {
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetDirectoryName(local)!, text, StringComparison.Ordinal);
        }
    }
}
