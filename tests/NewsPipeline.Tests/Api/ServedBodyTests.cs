using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// What the feed formats serve as the item's content is the article body (issue 26): the archive's header line
/// (<c>&lt;div&gt;&lt;i&gt;author&lt;br&gt;date&lt;/i&gt;&lt;/div&gt;</c>, as the shared VOA fixture and Fixtures/articles write it),
/// which readers showed as the body's first line, is left out; its author and date are the item's fields. Rows as the
/// parser stores them (header included), and articles whose HTML comes from the blob, are served alike.
/// </summary>
public sealed class ServedBodyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private ApiFixture api = null!;
    private ArticleMetadata voaShape = null!;
    private ArticleMetadata fromBlob = null!;
    private ArticleMetadata bylineWithoutItalics = null!;
    private ArticleMetadata openingDiv = null!;

    public async Task InitializeAsync()
    {
        api = await ApiFixture.StartAsync();
        // The VOA shape: <div><i>date</i></div>, the lead image and its caption, the body. Its row holds the HTML the parser sanitized.
        voaShape = await AddAsync(File.ReadAllText(RepositoryPaths.Fixture("articles", "14-caption-in-div-small.md")), storeHtml: true);
        // author<br>date in italics; its row holds no HTML (too big for a row, or written before parser version 4): read from the blob.
        fromBlob = await AddAsync(File.ReadAllText(RepositoryPaths.Fixture("articles", "05-author-br-date-zoned.md")), storeHtml: false);
        bylineWithoutItalics = await AddAsync(File.ReadAllText(RepositoryPaths.Fixture("articles", "06-author-br-naive-ddmmyyyy.md")), storeHtml: true);
        // A body that opens with a <div> of its own, without a date: it is the article, and stays.
        openingDiv = await AddAsync("<!--1795500000000-->\n[Quay market](https://www.harbourtimes.example/news/2026/11/quay-market)\n------\n\n"
            + "<div>The quay market opens on Friday.</div><p>Forty stalls will sell fish, bread and flowers.</p>\n", storeHtml: true);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Json_Feed_and_RSS_serve_the_body_without_the_archive_header_line_and_its_facts_as_fields()
    {
        Assert.StartsWith("<div><i>Tue, 24 Nov 2026 03:04:00 GMT</i></div>", voaShape.ContentHtml, StringComparison.Ordinal);

        var feed = (await api.JsonAsync("/api/items?format=jsonfeed&limit=10")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        using var response = await api.GetAsync("/api/items?format=rss&limit=10");
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        var rss = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("item").ToDictionary(i => i.Element("guid")!.Value);

        foreach (var (article, body) in new[]
        {
            (voaShape, "<img src=\"https://images.weserv.nl?url=gdb.voa-like.example/photo_w900.jpg\" width=\"100%\"><div><small>白宫提供的照片显示"),
            (fromBlob, "<p>The two-kilometre cycle lane between the pier and the lighthouse opened"),
            (bylineWithoutItalics, "<p>Forecasters issued a storm warning for the coast"),
        })
        {
            var item = feed[article.Id];
            var served = new[] { item.GetProperty("content_html").GetString()!, rss[article.Id].Element("description")!.Value };
            foreach (var html in served)
            {
                Assert.StartsWith(body, html, StringComparison.Ordinal);
                Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("2026 0", html, StringComparison.Ordinal);
                Assert.DoesNotContain("24/11/2026", html, StringComparison.Ordinal);
            }

            // The header's facts are the item's fields.
            Assert.Equal(article.Published, DateTimeOffset.Parse(item.GetProperty("date_published").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(article.Published, DateTimeOffset.Parse(rss[article.Id].Element("pubDate")!.Value, CultureInfo.InvariantCulture));
            if (article.Author is { } author)
            {
                Assert.Equal(author, item.GetProperty("authors")[0].GetProperty("name").GetString());
                Assert.Equal(author, rss[article.Id].Element(dc + "creator")!.Value);
                Assert.All(served, html => Assert.DoesNotContain(author, html, StringComparison.Ordinal));
            }
        }

        Assert.Equal("Mira Okafor", fromBlob.Author);
        Assert.Equal("Tom Reyes", bylineWithoutItalics.Author);
        Assert.Equal(openingDiv.ContentHtml, feed[openingDiv.Id].GetProperty("content_html").GetString());
        Assert.Equal(openingDiv.ContentHtml, rss[openingDiv.Id].Element("description")!.Value);
    }

    [Theory]
    [InlineData("<div><i>Tue, 24 Nov 2026 07:12:00 GMT</i></div><p>Body.</p>", "<p>Body.</p>")]
    [InlineData("  <div><i>Mira Okafor<br>2026-11-24T06:30:00Z</i></div><img src=\"https://x.example/a.jpg\"><p>Body.</p>", "<img src=\"https://x.example/a.jpg\"><p>Body.</p>")]
    [InlineData("<div><i>2026年 11月 24日</i></div><p>正文。</p>", "<p>正文。</p>")]
    [InlineData("<div></div><p>Body.</p>", "<div></div><p>Body.</p>")]
    [InlineData("<div><i>Tue, 24 Nov 2026</i><p>A paragraph inside.</p></div>", "<div><i>Tue, 24 Nov 2026</i><p>A paragraph inside.</p></div>")]
    [InlineData("<div>Not a date at all</div><p>Body.</p>", "<div>Not a date at all</div><p>Body.</p>")]
    [InlineData("<p>Tue, 24 Nov 2026 07:12:00 GMT</p>", "<p>Tue, 24 Nov 2026 07:12:00 GMT</p>")]
    [InlineData("<divider>Tue, 24 Nov 2026</divider>", "<divider>Tue, 24 Nov 2026</divider>")]
    [InlineData("", "")]
    public void Only_a_leading_header_line_with_a_date_is_left_out(string html, string expected)
    {
        Assert.Equal(expected, ArticleHtml.WithoutHeaderLine(html));
    }

    [SkippableFact]
    public void The_shared_VOA_fixture_is_served_from_its_lead_image()
    {
        var article = new ArticleMetadataParser(new FakeTimeProvider(Now)).Parse(RepositoryPaths.ReadSharedFixture("voa-biden-putin-call.md"));

        var stored = article.ContentHtml!;
        Assert.StartsWith("<div><i>Fri, 31 Dec 2021 03:04:00 GMT</i></div><img ", stored, StringComparison.Ordinal);
        Assert.Equal(stored[stored.IndexOf("<img ", StringComparison.Ordinal)..], ArticleHtml.WithoutHeaderLine(stored, article.Language));
    }

    private async Task<ArticleMetadata> AddAsync(string document, bool storeHtml)
    {
        var parsed = new ArticleMetadataParser(new FakeTimeProvider(Now)).Parse(document);
        var blobName = ArticleBlobName.For("harbour", parsed.Published, parsed.Id);
        await api.Api.Get<ArticleBlobStore>().TryCreateAsync(blobName, document, CancellationToken.None);
        var article = parsed with { Source = "harbour", BlobName = blobName, ContentHtml = storeHtml ? parsed.ContentHtml : null };
        await api.Index.UpsertAsync(article, CancellationToken.None);
        return article;
    }
}
