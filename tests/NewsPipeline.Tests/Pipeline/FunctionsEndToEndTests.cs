using System.Globalization;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// The three Function classes, called as the host calls them, against a real Azurite and a real feed server on
/// 127.0.0.1: timer → blobs, blob → rows, HTTP → newest first.
/// </summary>
public sealed class FunctionsEndToEndTests : IAsyncLifetime
{
    private FeedServer server = null!;
    private TestPipeline pipeline = null!;

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        var basin = server.ServeFixture("rss2-basic.xml", "basin.xml");
        var valley = server.ServeFixture("atom-basic.xml", "valley.xml");
        pipeline = await TestPipeline.CreateAsync($"basin={basin};valley={valley}");
    }

    public async Task DisposeAsync()
    {
        await pipeline.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Timer_writes_blobs_blob_trigger_writes_rows_and_http_serves_them_newest_first()
    {
        var blobs = pipeline.Get<ArticleBlobStore>();

        var first = await pipeline.ScheduleAndFetchAsync();

        Assert.Equal(5, first.New);
        Assert.Equal(0, first.Failed);
        var names = await blobs.ListAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(5, names.Count);
        Assert.All(names, name => Assert.Matches(@"^(basin|valley)/2026/11/\d{2}/[0-9a-f]{40}\.md$", name));

        var parse = pipeline.Create<ParseArticle>();
        foreach (var name in names)
        {
            var outcome = await parse.Run(await blobs.ReadAsync(name, CancellationToken.None), name, await blobs.GetMetadataAsync(name, CancellationToken.None), CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
        }

        var context = HttpContexts.Get(pipeline.Services, "/api/items?limit=10");
        await pipeline.Create<LatestItems>().Run(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        var items = HttpContexts.Json(context).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["Orchard harvest ends early", "Reservoir reaches record level", "Bridge closed for inspection", "Market moves indoors", "New bus line to the station"],
            items.Select(i => i.GetProperty("title").GetString()!));
        var published = items.Select(i => i.GetProperty("published").GetDateTimeOffset()).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T08:00:00Z", CultureInfo.InvariantCulture), published[0]);
        Assert.Equal(["valley", "basin", "basin", "basin", "valley"], items.Select(i => i.GetProperty("source").GetString()!));

        Assert.Equal(2, first.Schedule.Claimed);
        var requests = server.TotalRequests;
        var second = await pipeline.ScheduleAndFetchAsync();

        // The next timer run finds neither feed due (each waits its interval): no message, no request, no blob.
        Assert.Equal(0, second.Schedule.Due);
        Assert.Empty(second.Messages);
        Assert.Equal(requests, server.TotalRequests);
        Assert.Equal(5, (await blobs.ListAsync(null, CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task Http_function_honours_limit_and_refuses_a_bad_one_with_a_problem()
    {
        var fetch = await pipeline.Get<Core.Services.Pipeline.FetchService>().RunAsync(null, CancellationToken.None);
        foreach (var name in fetch.WrittenBlobs)
        {
            await pipeline.Get<Core.Services.Pipeline.ParseService>().ParseBlobAsync(name, CancellationToken.None);
        }

        var two = HttpContexts.Get(pipeline.Services, "/api/items?limit=2");
        await pipeline.Create<LatestItems>().Run(two.Request);
        Assert.Equal(2, HttpContexts.Json(two).GetProperty("items").GetArrayLength());

        foreach (var bad in new[] { "0", "101", "ten", "-1", "1.5" })
        {
            var context = HttpContexts.Get(pipeline.Services, "/api/items?limit=" + bad);
            await pipeline.Create<LatestItems>().Run(context.Request);
            Assert.Equal(400, context.Response.StatusCode);
            Assert.Equal("application/problem+json", context.Response.ContentType);
            Assert.Equal("limit", HttpContexts.Json(context).GetProperty("parameter").GetString());
        }
    }
}
