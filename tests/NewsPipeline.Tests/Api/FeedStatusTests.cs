using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Web.Api;
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

    [Theory]
    [InlineData("http://203.0.113.9/feed.xml",
        "Refused to connect to 169.254.169.254: a link-local address, where http://203.0.113.9/feed.xml redirected; set Fetch__AllowPrivateNetworks=true to allow feeds on private networks",
        "Refused: the feed redirected to an address on a private network")]
    [InlineData("https://feeds.example/news.xml",
        "Refused to connect to feeds.example (10.0.0.7): a private address; set Fetch__AllowPrivateNetworks=true to allow feeds on private networks",
        "Refused: the feed's address is on a private network")]
    [InlineData("https://feeds.example/news.xml",
        "Request to https://feeds.example/news.xml failed: Connection refused (internal-db.corp:5432)",
        "Request to https://feeds.example/news.xml failed: Connection refused (another address)")]
    [InlineData("https://feeds.example/news.xml",
        "Request to https://feeds.example/news.xml failed: Connection refused (feeds.example:443)",
        "Request to https://feeds.example/news.xml failed: Connection refused (feeds.example:443)")]
    [InlineData("https://feeds.example/news.xml",
        "https://feeds.example/news.xml redirected more than 3 times (a redirect loop?); last answer 302 to http://10.1.2.3/admin",
        "https://feeds.example/news.xml redirected more than 3 times (a redirect loop?); last answer 302 to another address")]
    [InlineData("https://feeds.example/news.xml",
        "https://feeds.example/news.xml redirected more than 3 times (a redirect loop?); last answer 302 to https://feeds.example/loop?token=secret",
        "https://feeds.example/news.xml redirected more than 3 times (a redirect loop?); last answer 302 to https://feeds.example/loop?…")]
    [InlineData("https://feeds.example/news.xml",
        "https://feeds.example/news.xml answered 302 (a redirect) without a Location it can follow ('http://[fd00::1' or 'x')",
        "https://feeds.example/news.xml answered 302 (a redirect) without a Location it can follow")]
    [InlineData("https://feeds.example/news.xml",
        "https://feeds.example/news.xml redirected to a file: address (file:///etc/passwd), which is not followed: feeds are fetched over http(s) only",
        "https://feeds.example/news.xml redirected to a file: address (another address), which is not followed: feeds are fetched over http(s) only")]
    [InlineData("https://reader:hunter2@feeds.example/news.xml?apikey=secret",
        "https://reader:hunter2@feeds.example/news.xml?apikey=secret answered 500 Internal Server Error",
        "https://feeds.example/news.xml?… answered 500 Internal Server Error")]
    [InlineData("https://feeds.example/news.json",
        "The JSON document has no \"version\" of https://jsonfeed.org/version/…: this is not a JSON Feed",
        "The JSON document has no \"version\" of https://jsonfeed.org/version/…: this is not a JSON Feed")]
    [InlineData("https://feeds.example/news.xml",
        "Not well-formed XML: could not reach 192.168.1.20 for an entity",
        "Not well-formed XML: could not reach another address for an entity")]
    public void The_public_last_error_says_what_failed_without_an_address_beyond_the_feeds_own(string url, string stored, string shown)
    {
        var record = new NewsPipeline.Core.Model.Feeds.FeedRecord { Name = "feed", Url = url, LastError = stored };

        Assert.Equal(shown, FeedStatusService.ToResource(record).LastError);
    }
}
