using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

public sealed class FeedStatusTests
{
    [Fact]
    public async Task The_FeedStatus_function_reports_each_feed_with_its_state_and_refuses_other_methods()
    {
        await using var server = await FeedServer.StartAsync();
        var good = server.ServeFixture("atom-basic.xml", "good.xml");
        var broken = server.Serve("broken.xml", "<rss><channel><item>", "application/xml");
        await using var pipeline = await TestPipeline.CreateAsync($"good={good};broken={broken};later=https://reader:hunter2@later.invalid/feed.xml?apikey=secret");
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var fetch = pipeline.Get<FetchService>();
        await fetch.RunAsync(fetch.ConfiguredFeeds.Take(2).ToList(), CancellationToken.None);

        var context = HttpContexts.Get(pipeline.Services, "/api/feeds");
        await pipeline.Create<FeedStatus>().Run(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        var feeds = HttpContexts.Json(context).GetProperty("feeds").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["broken", "good", "later"], feeds.Keys);
        Assert.Equal(2, feeds["good"].GetProperty("itemsNew").GetInt32());
        Assert.Equal(0, feeds["good"].GetProperty("consecutiveFailures").GetInt32());
        Assert.False(string.IsNullOrEmpty(feeds["good"].GetProperty("eTag").GetString()));
        Assert.Equal(1, feeds["broken"].GetProperty("consecutiveFailures").GetInt32());
        Assert.StartsWith("Not well-formed XML", feeds["broken"].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, feeds["later"].GetProperty("lastAttempt").ValueKind);
        // Anonymous endpoint: credentials in a feed URL are not shown.
        Assert.Equal("https://later.invalid/feed.xml?…", feeds["later"].GetProperty("url").GetString());
        Assert.DoesNotContain("secret", HttpContexts.Body(context), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", HttpContexts.Body(context), StringComparison.Ordinal);

        var post = HttpContexts.Get(pipeline.Services, "/api/feeds", "POST");
        await pipeline.Create<FeedStatus>().Run(post.Request);
        Assert.Equal(405, post.Response.StatusCode);
        Assert.Equal("GET, HEAD", post.Response.Headers.Allow.ToString());
    }
}
