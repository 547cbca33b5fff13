using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Feeds;

namespace NewsPipeline.Tests.Api;

/// <summary>JSON Feed 1.1 and RSS 2.0 that feed readers accept, with the article HTML sanitized.</summary>
public sealed class FeedFormatsTests : IAsyncLifetime
{
    private const string HostileHtml =
        "<p>Water rose <b>two metres</b> overnight.</p><script>alert('x')</script>" +
        "<img src=\"https://images.example/dam.jpg\" onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">more</a>" +
        "<iframe src=\"https://evil.example/\"></iframe><p style=\"position:fixed\">Officials said</p>";

    private ApiFixture api = null!;
    private readonly List<ArticleMetadata> articles = [];

    public async Task InitializeAsync()
    {
        api = await ApiFixture.StartAsync();
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            var article = ApiFixture.Article(i % 2 == 0 ? "basin" : "valley", at.AddHours(-i), i == 1 ? "zh-Hans" : "en", i == 1 ? "水库 <水位> & 创新高" : null)
                with { Author = i == 0 ? "Ana Reporter" : null, Image = i == 0 ? "https://images.example/dam.jpg" : null, Categories = i == 0 ? ["Floods", "国际"] : [] };
            // The oldest has no blob: its summary stands in.
            articles.Add(await api.AddAsync(article, i < 4 ? HostileHtml : null));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Json_Feed_has_every_field_JSON_Feed_1_1_requires_and_pages_with_next_url()
    {
        using var response = await api.GetAsync("/api/items?limit=3", accept: "application/feed+json");
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Required by https://jsonfeed.org/version/1.1: version, title, items; per item: id and content_html or content_text.
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.False(string.IsNullOrWhiteSpace(feed.GetProperty("title").GetString()));
        Assert.True(Uri.IsWellFormedUriString(feed.GetProperty("feed_url").GetString(), UriKind.Absolute));
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(articles.Take(3).Select(a => a.Id), items.Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, item =>
        {
            Assert.Equal(JsonValueKind.String, item.GetProperty("id").ValueKind);
            Assert.True(item.TryGetProperty("content_html", out _) || item.TryGetProperty("content_text", out _));
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        });
        Assert.Equal("Ana Reporter", items[0].GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal("水库 <水位> & 创新高", items[1].GetProperty("title").GetString());
        Assert.Equal("zh-Hans", items[1].GetProperty("language").GetString());

        var next = feed.GetProperty("next_url").GetString()!;
        Assert.Contains("cursor=", next, StringComparison.Ordinal);
        var rest = JsonDocument.Parse(await (await api.GetAsync(new Uri(next).PathAndQuery, accept: "application/feed+json")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(articles.Skip(3).Select(a => a.Id), rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.False(rest.TryGetProperty("next_url", out _));
    }

    [Fact]
    public async Task The_categories_a_feed_gave_an_item_are_its_tags_and_rss_categories_after_its_source()
    {
        var jsonFeed = JsonDocument.Parse(await (await api.GetAsync("/api/items?limit=2&format=jsonfeed")).Content.ReadAsStringAsync()).RootElement;
        var rss = XDocument.Parse(await (await api.GetAsync("/api/items?limit=2&format=rss")).Content.ReadAsStringAsync());

        var items = jsonFeed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["basin", "Floods", "国际"], items[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["valley"], items[1].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var first = rss.Descendants("item").First();
        Assert.Equal(["basin", "Floods", "国际"], first.Elements("category").Select(c => c.Value));
    }

    [Fact]
    public async Task Served_HTML_is_sanitized_in_both_feed_formats()
    {
        var feed = await api.JsonAsync("/api/items?format=jsonfeed&limit=5");
        var html = feed.GetProperty("items")[0].GetProperty("content_html").GetString()!;
        using var rss = await api.GetAsync("/api/items?format=rss&limit=5");
        var description = XDocument.Parse(await rss.Content.ReadAsStringAsync()).Descendants("item").First().Element("description")!.Value;

        foreach (var served in new[] { html, description })
        {
            Assert.Contains("<p>Water rose <b>two metres</b> overnight.</p>", served, StringComparison.Ordinal);
            Assert.Contains("src=\"https://images.example/dam.jpg\"", served, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("position:fixed", served, StringComparison.OrdinalIgnoreCase);
        }

        var withoutBlob = feed.GetProperty("items")[4].GetProperty("content_html").GetString();
        Assert.Equal("<p>" + System.Net.WebUtility.HtmlEncode(articles[4].Summary!) + "</p>", withoutBlob);
    }

    [Fact]
    public async Task Rss_is_well_formed_RSS_2_0_that_the_projects_own_feed_reader_reads_back_to_the_same_items()
    {
        using var response = await api.GetAsync("/api/items?format=rss&limit=4");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var document = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal("rss", document.Root!.Name.LocalName);
        Assert.Equal("2.0", document.Root.Attribute("version")?.Value);
        var channel = document.Root.Element("channel")!;
        foreach (var name in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace(channel.Element(name)?.Value), name);
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(channel.Elements(atom + "link"), l => l.Attribute("rel")?.Value == "next" && l.Attribute("href")!.Value.Contains("cursor=", StringComparison.Ordinal));

        var read = FeedReader.Read(bytes, new Uri(api.Http.BaseAddress!, "api/items?format=rss"));
        Assert.Equal("rss2.0", read.Format);
        var expected = articles.Take(4).ToList();
        Assert.Equal(expected.Select(a => a.Id), read.Items.Select(i => i.EntryId));
        Assert.All(read.Items, i => Assert.False(i.EntryIdIsPermaLink));
        Assert.Equal(expected.Select(a => a.Title), read.Items.Select(i => i.Title));
        Assert.Equal(expected.Select(a => a.Url), read.Items.Select(i => i.Link));
        Assert.Equal(expected.Select(a => (DateTimeOffset?)a.Published), read.Items.Select(i => i.Published));
        Assert.Equal("Ana Reporter", read.Items[0].Author);
        Assert.All(read.Items, i => Assert.Contains("Water rose", i.ContentHtml, StringComparison.Ordinal));
    }
}
