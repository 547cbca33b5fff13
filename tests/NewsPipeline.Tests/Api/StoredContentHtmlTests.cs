using System.Xml.Linq;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// The feed formats serve the HTML the parser sanitized and the timeline row holds, reading no blob; only HTML too big
/// for a row comes from the blob. JSON pages leave the column out of their <c>$select</c>.
/// </summary>
public sealed class StoredContentHtmlTests : IAsyncLifetime
{
    private ApiFixture api = null!;
    private ArticleMetadata stored = null!;
    private ArticleMetadata tooBig = null!;

    public async Task InitializeAsync()
    {
        api = await ApiFixture.StartAsync();
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

        // Its blob name points at nothing: were the blob read, the page would serve the summary instead.
        var first = ApiFixture.Article("basin", at);
        stored = first with { ContentHtml = "<p>Sanitized <b>once</b>, at parse time.</p>", BlobName = ArticleBlobName.For("basin", at, first.Id) };
        await api.AddAsync(stored);

        tooBig = await api.AddAsync(ApiFixture.Article("basin", at.AddHours(-1)) with
        {
            ContentHtml = "<p>" + new string('x', ArticleEntityMapper.MaxContentHtmlLength) + "</p>",
        }, "<p>The body from the blob.</p><script>alert(1)</script>");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Json_Feed_and_RSS_serve_the_stored_HTML_and_fall_back_to_the_blob_only_when_it_was_too_big_to_store()
    {
        var feed = await api.JsonAsync("/api/items?format=jsonfeed&limit=5");
        using var rss = await api.GetAsync("/api/items?format=rss&limit=5");
        var descriptions = XDocument.Parse(await rss.Content.ReadAsStringAsync()).Descendants("item").Select(i => i.Element("description")!.Value).ToList();
        var jsonFeedHtml = feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content_html").GetString() ?? string.Empty).ToList();

        foreach (var served in new[] { jsonFeedHtml, descriptions })
        {
            Assert.Equal(stored.ContentHtml, served[0]);
            Assert.Contains("The body from the blob.", served[1], StringComparison.Ordinal);
            Assert.DoesNotContain("<script", served[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_pages_select_the_list_columns_and_feed_pages_add_the_HTML_and_neither_reads_links()
    {
        api.Log.Clear();
        var json = await api.JsonAsync("/api/items?limit=5");
        var jsonQueries = api.Log.Requests.Where(r => r.Filter?.Contains("all-", StringComparison.Ordinal) == true).ToList();
        api.Log.Clear();
        await api.JsonAsync("/api/items?format=jsonfeed&limit=5");
        var feedQueries = api.Log.Requests.Where(r => r.Filter?.Contains("all-", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(jsonQueries);
        Assert.All(jsonQueries, r => Assert.NotNull(r.Select));
        Assert.All(jsonQueries, r => Assert.DoesNotContain(ArticleEntityMapper.ContentHtmlColumn, r.Select!.Split(','), StringComparer.Ordinal));
        Assert.All(jsonQueries, r => Assert.Contains("Summary", r.Select!.Split(','), StringComparer.Ordinal));
        Assert.NotEmpty(feedQueries);
        Assert.All(feedQueries, r => Assert.Contains(ArticleEntityMapper.ContentHtmlColumn, r.Select!.Split(','), StringComparer.Ordinal));
        // Links live on the by-id row only: no list reads (or stores) them.
        Assert.All(jsonQueries.Concat(feedQueries), r => Assert.DoesNotContain("Links", r.Select!.Split(','), StringComparer.Ordinal));
        Assert.Equal(2, json.GetProperty("items").GetArrayLength());
        Assert.Equal(stored.Summary, json.GetProperty("items")[0].GetProperty("summary").GetString());
        Assert.False(json.GetProperty("items")[0].TryGetProperty("contentHtml", out _));
    }
}
