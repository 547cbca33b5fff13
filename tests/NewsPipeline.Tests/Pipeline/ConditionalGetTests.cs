using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Registry;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

public sealed class ConditionalGetTests : IAsyncLifetime
{
    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_stored_ETag_round_trips_to_a_304_that_writes_and_parses_nothing()
    {
        var url = server.ServeFixture("rss2-basic.xml", "etag.xml");
        await using var pipeline = await TestPipeline.CreateAsync($"etag={url}");
        var fetch = pipeline.Get<FetchService>();

        var first = await fetch.RunAsync(null, CancellationToken.None);
        var etag = (await pipeline.Get<FeedRegistryStore>().GetAsync("etag", CancellationToken.None))!.ETag;
        var second = await fetch.RunAsync(null, CancellationToken.None);

        Assert.Equal(3, first.New);
        Assert.NotNull(etag);
        Assert.Equal(FeedFetchStatus.Unchanged, second.Feeds[0].Status);
        Assert.Empty(second.WrittenBlobs);
        Assert.Equal(304, (await pipeline.Get<FeedRegistryStore>().GetAsync("etag", CancellationToken.None))!.HttpStatus);
    }

    [Fact]
    public async Task A_server_with_only_Last_Modified_gets_If_Modified_Since_and_answers_304()
    {
        var body = File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "atom-basic.xml"));
        string? ifModifiedSince = null;
        var url = server.Handle("lastmodified.xml", async context =>
        {
            ifModifiedSince = context.Request.Headers.IfModifiedSince;
            if (ifModifiedSince == "Tue, 24 Nov 2026 10:00:00 GMT")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.LastModified = "Tue, 24 Nov 2026 10:00:00 GMT";
            await context.Response.Body.WriteAsync(body);
        });
        await using var pipeline = await TestPipeline.CreateAsync($"lm={url}");
        var fetch = pipeline.Get<FetchService>();

        var first = await fetch.RunAsync(null, CancellationToken.None);
        var second = await fetch.RunAsync(null, CancellationToken.None);

        Assert.Equal(FeedFetchStatus.Fetched, first.Feeds[0].Status);
        Assert.Equal(FeedFetchStatus.Unchanged, second.Feeds[0].Status);
        Assert.Equal("Tue, 24 Nov 2026 10:00:00 GMT", ifModifiedSince);
    }

    [Fact]
    public async Task A_changed_feed_is_fetched_again_and_only_its_new_item_written()
    {
        var url = server.ServeFixture("rss2-basic.xml", "changing.xml");
        await using var pipeline = await TestPipeline.CreateAsync($"changing={url}");
        var fetch = pipeline.Get<FetchService>();
        await fetch.RunAsync(null, CancellationToken.None);

        server.Serve("changing.xml", File.ReadAllText(RepositoryPaths.Fixture("feeds", "rss2-basic.xml")).Replace("</channel>",
            "<item><title>Fresh</title><link>https://basin.example/news/fresh</link><pubDate>Wed, 25 Nov 2026 07:00:00 GMT</pubDate></item></channel>", StringComparison.Ordinal));
        var second = await fetch.RunAsync(null, CancellationToken.None);

        Assert.Equal(FeedFetchStatus.Fetched, second.Feeds[0].Status);
        Assert.Equal(1, second.New);
        Assert.Equal(3, second.Feeds[0].Existing);
        Assert.Single(second.WrittenBlobs, b => b.StartsWith("changing/2026/11/25/", StringComparison.Ordinal));
    }
}
