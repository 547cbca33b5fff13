using System.Net;
using System.Text.Json;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary><c>GET /api/items/{id}</c> and <c>GET /api/health</c>, over HTTP and through the Function classes.</summary>
public sealed class ItemAndHealthTests
{
    [Fact]
    public async Task An_item_by_id_carries_its_full_metadata_and_a_point_read_is_one_request()
    {
        await using var api = await ApiFixture.StartAsync();
        var article = await api.AddAsync(ApiFixture.Article("basin", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), "zh-Hans", "水库水位创新高"));
        api.Log.Clear();

        var item = await api.JsonAsync("/api/items/" + article.Id);

        Assert.Equal(article.Id, item.GetProperty("id").GetString());
        Assert.Equal("水库水位创新高", item.GetProperty("title").GetString());
        Assert.Equal("zh-Hans", item.GetProperty("language").GetString());
        Assert.Equal(article.Published, item.GetProperty("published").GetDateTimeOffset());
        Assert.Equal("comment", item.GetProperty("publishedOrigin").GetString());
        Assert.Equal(article.Links, item.GetProperty("links").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal(article.ContentHash, item.GetProperty("contentHash").GetString());
        Assert.Equal(3, item.GetProperty("paragraphs").GetInt32());
        Assert.Equal("basin.example", item.GetProperty("site").GetString());
        var request = Assert.Single(api.Log.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Null(request.Filter);
        Assert.EndsWith($"(PartitionKey='id-{article.Id[..2]}',RowKey='{article.Id}')", request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_200_when_storage_answers_and_503_naming_the_failed_checks_when_it_does_not()
    {
        await using (var api = await ApiFixture.StartAsync())
        {
            using var healthy = await api.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("healthy", body.GetProperty("status").GetString());
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty("table").GetProperty("status").GetString());
            Assert.Equal("no-store", healthy.Headers.CacheControl?.ToString());
        }

        // Storage on a port where nothing listens.
        var deadPorts = AzuriteProcess.FreePorts(3);
        var dead = AzuriteProcess.ConnectionStringFor(deadPorts[0], deadPorts[1], deadPorts[2]);
        await using var broken = await ApiFixture.StartAsync(connection: dead);
        using var unhealthy = await broken.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        var report = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("unhealthy", report.GetProperty("checks").GetProperty("table").GetProperty("status").GetString());
        Assert.Equal("unhealthy", report.GetProperty("checks").GetProperty("blobs").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(report.GetProperty("checks").GetProperty("table").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_Function_classes_delegate_to_the_same_endpoints()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var article = ApiFixture.Article("basin", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        await pipeline.Get<Core.Storage.Tables.ArticleIndexStore>().UpsertAsync(article, CancellationToken.None);

        var byId = HttpContexts.Get(pipeline.Services, "/api/items/" + article.Id);
        await pipeline.Create<ItemById>().Run(byId.Request, article.Id);
        Assert.Equal(200, byId.Response.StatusCode);
        Assert.Equal(article.Url, HttpContexts.Json(byId).GetProperty("url").GetString());

        var missing = HttpContexts.Get(pipeline.Services, "/api/items/ffff");
        await pipeline.Create<ItemById>().Run(missing.Request, "ffff");
        Assert.Equal(404, missing.Response.StatusCode);

        var health = HttpContexts.Get(pipeline.Services, "/api/health");
        await pipeline.Create<Health>().Run(health.Request);
        Assert.Equal(200, health.Response.StatusCode);

        var post = HttpContexts.Get(pipeline.Services, "/api/items", "POST");
        await pipeline.Create<LatestItems>().Run(post.Request);
        Assert.Equal(405, post.Response.StatusCode);
        Assert.Equal("GET, HEAD", post.Response.Headers.Allow.ToString());
    }
}
