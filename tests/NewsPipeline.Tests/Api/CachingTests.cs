using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace NewsPipeline.Tests.Api;

/// <summary>Strong ETags, 304 on a match, Last-Modified, and a short max-age with revalidation: rows land at any time, not only at fetch time.</summary>
public sealed class CachingTests : IAsyncLifetime
{
    // 08:05 UTC: with the default schedule (every 15 minutes) the next fetch is at 08:15, 600 s away.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 20, 8, 5, 0, TimeSpan.Zero));
    private ApiFixture api = null!;

    public async Task InitializeAsync()
    {
        // A quarter-hour fetch schedule: max-age must not run to the next pass, since a parse, an import or a reindex
        // can add rows before it.
        api = await ApiFixture.StartAsync(services => services.AddSingleton<TimeProvider>(clock), settings: new Dictionary<string, string?> { ["FetchSchedule"] = "0 */15 * * * *" });
        for (var i = 0; i < 3; i++)
        {
            await api.AddAsync(ApiFixture.Article("basin", new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.Zero).AddMinutes(-i)));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData("/api/items")]
    [InlineData("/api/items?format=jsonfeed")]
    [InlineData("/api/items?format=rss")]
    public async Task A_matching_If_None_Match_gets_304_and_a_new_article_changes_the_ETag(string path)
    {
        using var first = await api.GetAsync(path);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal("public, must-revalidate, max-age=30", first.Headers.CacheControl?.ToString());

        using var again = await api.GetAsync(path, headers: h => h.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        using var other = await api.GetAsync(path, headers: h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await api.AddAsync(ApiFixture.Article("valley", new DateTimeOffset(2026, 11, 20, 7, 30, 0, TimeSpan.Zero)));
        using var changed = await api.GetAsync(path, headers: h => h.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Each_format_has_its_own_ETag_and_the_same_representation_keeps_it()
    {
        using var json = await api.GetAsync("/api/items");
        using var feed = await api.GetAsync("/api/items", accept: "application/feed+json");
        using var feedByQuery = await api.GetAsync("/api/items?format=jsonfeed");
        using var rss = await api.GetAsync("/api/items?format=rss");

        Assert.Equal("application/feed+json", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, new[] { json.Headers.ETag, feed.Headers.ETag, rss.Headers.ETag }.Distinct().Count());
        Assert.Contains("Accept", json.Headers.Vary);
        using var byAccept = System.Text.Json.JsonDocument.Parse(await feed.Content.ReadAsStringAsync());
        using var byQuery = System.Text.Json.JsonDocument.Parse(await feedByQuery.Content.ReadAsStringAsync());
        Assert.Equal(byQuery.RootElement.GetProperty("items").GetRawText(), byAccept.RootElement.GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task If_Modified_Since_at_or_after_Last_Modified_gets_304_and_an_item_by_id_is_cached_too()
    {
        using var first = await api.GetAsync("/api/items");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var notModified = await api.GetAsync("/api/items", headers: h => h.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var modified = await api.GetAsync("/api/items", headers: h => h.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);

        var id = (await api.JsonAsync("/api/items")).GetProperty("items")[0].GetProperty("id").GetString();
        using var item = await api.GetAsync("/api/items/" + id);
        using var itemAgain = await api.GetAsync("/api/items/" + id, headers: h => h.IfNoneMatch.Add(item.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, itemAgain.StatusCode);
        Assert.Equal("public, must-revalidate, max-age=30", item.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HEAD_answers_the_same_headers_without_a_body_and_Accept_rss_gets_RSS()
    {
        using var get = await api.GetAsync("/api/items");
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, new Uri("api/items", UriKind.Relative));
        using var head = await api.Http.SendAsync(headRequest);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var rss = await api.GetAsync("/api/items", accept: "application/rss+xml");
        Assert.Equal("application/rss+xml", rss.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Max_age_is_short_and_must_revalidate_whatever_the_fetch_schedule()
    {
        // 08:05 with a quarter-hour schedule: the next fetch pass is ten minutes away, but a parse or an import may
        // add a row at any moment, so a cache may keep the page only briefly and must then ask again.
        foreach (var path in new[] { "/api/items", "/api/items?format=rss", "/api/items/" + (await api.JsonAsync("/api/items")).GetProperty("items")[0].GetProperty("id").GetString() })
        {
            using var response = await api.GetAsync(path);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.CacheControl?.MaxAge);
            Assert.True(response.Headers.CacheControl?.MustRevalidate);
        }
    }
}
