using System.Net;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Api;

namespace NewsPipeline.Tests.Page;

/// <summary>
/// Stories on the reading page over real HTTP on Azurite: an article lists its story's other reports (encoded), and
/// nothing when it is the only one; <c>?stories=collapse</c> shows each story once, page after page, with the right
/// count; a story merged into another shows under the surviving id. Stories are written as the clusterer writes them
/// (StoryIndexStore), so each test decides exactly which reports are one story; StoryArticlePipelineTests takes the
/// page through real clustering.
/// </summary>
public sealed partial class StoryViewsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private const string HostileTitle = "<script>alert(1)</script><img src=x onerror=alert(2)> Port law \"passes\" & more";

    [Fact]
    public async Task An_article_lists_its_storys_other_reports_earliest_first_with_hostile_titles_as_text()
    {
        await using var api = await StartAsync();
        var first = ApiFixture.Article("dw", Start, title: "Port law passes", slug: "law");
        var hostile = ApiFixture.Article("evil", Start.AddHours(2), title: HostileTitle, slug: "law");
        var later = ApiFixture.Article("rfi", Start.AddHours(1), title: "港口安全法通過", slug: "law");
        await StoryAsync(api, first, hostile, later);

        var document = await HtmlAsync(api, "/article/" + first.Id);
        var others = Assert.Single(document.DocumentNode.All("//section[@class='others']"));
        Assert.Equal(first.Id, others.GetAttributeValue("data-story", ""));
        Assert.Equal("Other reports of this story", Decode(others.One("h2").InnerText));
        var reports = others.All(".//ol[@class='reports']/li");
        Assert.Equal([later.Id, hostile.Id], reports.Select(r => r.GetAttributeValue("data-id", "")));
        Assert.Equal(["rfi", "evil"], reports.Select(r => Decode(r.One("a[@class='outlet']").InnerText)));
        Assert.Equal(["港口安全法通過", HostileTitle], reports.Select(r => Decode(r.One("a[@class='report']").InnerText)));
        Assert.Equal("/article/" + hostile.Id, new Uri(reports[1].One("a[@class='report']").GetAttributeValue("href", "")).AbsolutePath);
        Assert.Contains("3 reports from dw, evil, rfi", Decode(others.InnerText), StringComparison.Ordinal);
        AssertNoMarkupFromFeeds(document);

        // From the hostile report's own page, the other two are listed.
        var fromHostile = await HtmlAsync(api, "/article/" + hostile.Id);
        Assert.Equal([first.Id, later.Id], fromHostile.DocumentNode.All("//section[@class='others']//li").Select(r => r.GetAttributeValue("data-id", "")));
    }

    [Fact]
    public async Task An_article_that_is_its_storys_only_report_or_has_no_story_shows_no_other_reports()
    {
        await using var api = await StartAsync();
        var alone = ApiFixture.Article("dw", Start, title: "A story of one");
        await StoryAsync(api, alone);
        var unclustered = await api.AddAsync(ApiFixture.Article("dw", Start.AddHours(1), title: "Parsed with stories off"));

        foreach (var id in new[] { alone.Id, unclustered.Id })
        {
            var document = await HtmlAsync(api, "/article/" + id);
            Assert.Single(document.DocumentNode.All("//article[@class='article']"));
            Assert.Null(document.DocumentNode.Maybe("//section[@class='others']"));
            Assert.DoesNotContain("Other reports", document.DocumentNode.InnerText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Collapsed_each_story_shows_once_across_pages_as_its_newest_report_with_the_count_of_the_others()
    {
        await using var api = await StartAsync();
        // 45 articles, a report every 7 minutes, newest last: three pages of 20. Stories spanning two pages, one
        // within a page, one whose newest report is on page two; the rest stand alone (with a story of one, or none).
        var articles = Enumerable.Range(0, 45).Select(i => ApiFixture.Article(i % 3 == 0 ? "one" : "two", Start.AddMinutes(i * 7))).ToList();
        int[][] stories = [[44, 43, 20, 2], [40, 38], [30, 5], [24, 23, 0]];
        foreach (var members in stories)
        {
            await StoryAsync(api, members.Select(i => articles[i]).Reverse().ToArray());
        }

        foreach (var (article, i) in articles.Select((a, i) => (a, i)).Where(p => !stories.Any(s => s.Contains(p.i))))
        {
            if (i % 2 == 0)
            {
                await StoryAsync(api, article);
            }
            else
            {
                await api.AddAsync(article);
            }
        }

        var full = await WalkAsync(api, "/");
        var collapsed = await WalkAsync(api, "/?stories=collapse");
        // The same timeline windows: as many pages, each collapsed page a subset of its full page, in order.
        Assert.Equal(full.Count, collapsed.Count);
        Assert.All(full.Zip(collapsed), p => Assert.Equal(p.First.Where(e => p.Second.Any(c => c.Id == e.Id)).Select(e => e.Id), p.Second.Select(c => c.Id)));
        Assert.All(full.SelectMany(p => p), e => Assert.Null(e.Also));

        var shown = collapsed.SelectMany(p => p).ToList();
        var expected = Enumerable.Range(0, 45).Reverse().Where(i => !stories.Any(s => s.Contains(i) && s.Max() != i)).Select(i => articles[i].Id);
        Assert.Equal(expected, shown.Select(e => e.Id));
        foreach (var members in stories)
        {
            var entry = Assert.Single(shown, e => e.Id == articles[members.Max()].Id);
            Assert.Equal($"+{members.Length - 1} other report{(members.Length == 2 ? "" : "s")}", entry.Also);
            Assert.Equal("/story/" + articles[members.Min()].Id, entry.StoryPath);
        }

        Assert.All(shown.Where(e => !stories.Any(s => articles[s.Max()].Id == e.Id)), e => Assert.Null(e.Also));
    }

    [Fact]
    public async Task The_switch_links_the_other_view_of_the_same_page_and_keeps_the_mode_on_older_pages()
    {
        await using var api = await StartAsync();
        for (var i = 0; i < 25; i++)
        {
            await api.AddAsync(ApiFixture.Article("wire", Start.AddMinutes(i)));
        }

        var first = await HtmlAsync(api, "/feed/wire?stories=collapse");
        var older = new Uri(Decode(first.DocumentNode.One("//a[@rel='next']").GetAttributeValue("href", ""))).PathAndQuery;
        Assert.StartsWith("/feed/wire?stories=collapse&cursor=", older, StringComparison.Ordinal);
        var second = await HtmlAsync(api, older);
        Assert.Equal("Each story once", Decode(second.DocumentNode.One("//nav[@class='switch']/a[@aria-current='page']").InnerText));
        var other = new Uri(Decode(second.DocumentNode.One("//nav[@class='switch']/a[@data-switch]").GetAttributeValue("href", ""))).PathAndQuery;
        Assert.Equal(older.Replace("stories=collapse&", "", StringComparison.Ordinal), other);
        Assert.Equal(5, Items(await HtmlAsync(api, other)).Count);
    }

    [Fact]
    public async Task A_merged_story_shows_under_the_surviving_id_on_every_view()
    {
        await using var api = await StartAsync();
        var a1 = ApiFixture.Article("dw", Start, title: "Quake hits the coast");
        var a2 = ApiFixture.Article("rfi", Start.AddHours(1), title: "Coast quake: the toll rises");
        var b1 = ApiFixture.Article("voa", Start.AddHours(2), title: "Quake on the coast, 6.4");
        var survivor = await StoryAsync(api, a1, a2);
        var merged = await StoryAsync(api, b1);
        // As the clusterer merges: the later story records where it went, the survivor takes its members; rows stay.
        var store = api.Api.Get<StoryIndexStore>();
        Assert.True(await store.TryWriteStoryAsync(merged with { MergedInto = survivor.Id }, CancellationToken.None));
        Assert.True(await store.TryWriteStoryAsync(survivor.With(merged.Members), CancellationToken.None));

        var story = await HtmlAsync(api, "/story/" + merged.Id);
        var section = story.DocumentNode.One("//section[@class='story']");
        Assert.Equal(survivor.Id, section.GetAttributeValue("data-story", ""));
        Assert.Equal([a1.Id, a2.Id, b1.Id], section.All(".//li").Select(r => r.GetAttributeValue("data-id", "")));
        Assert.Contains("joined it", Decode(section.InnerText), StringComparison.Ordinal);

        var article = await HtmlAsync(api, "/article/" + b1.Id);
        var others = article.DocumentNode.One("//section[@class='others']");
        Assert.Equal(survivor.Id, others.GetAttributeValue("data-story", ""));
        Assert.Equal([a1.Id, a2.Id], others.All(".//li").Select(r => r.GetAttributeValue("data-id", "")));

        var collapsed = Items(await HtmlAsync(api, "/?stories=collapse"));
        var entry = Assert.Single(collapsed);
        Assert.Equal((b1.Id, "+2 other reports", "/story/" + survivor.Id), (entry.Id, entry.Also, entry.StoryPath));
    }

    [Theory]
    [InlineData("/?stories=expand", 400)]
    [InlineData("/?stories=", 400)]
    [InlineData("/?stories=collapse&stories=collapse", 400)]
    [InlineData("/feed/wire?stories=COLLAPSE", 400)]
    [InlineData("/feed/wire?stories=1", 400)]
    [InlineData("/story/nothing-here", 404)]
    [InlineData("/story/..%2F..%2Fetc", 404)]
    [InlineData("/story/a", 404)]
    public async Task A_bad_switch_value_or_an_unknown_story_is_a_page_that_says_so(string path, int status)
    {
        await using var api = await StartAsync();
        using var response = await api.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(status == 400 ? "collapse" : "No such story", text, StringComparison.Ordinal);
    }

    private static Task<ApiFixture> StartAsync() =>
        ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Storage:StoriesTable"] = "st" + Guid.NewGuid().ToString("N")[..12] });

    /// <summary>A story as the clusterer writes it (named by its first report), and its reports' rows carrying its id.</summary>
    private static async Task<StoryRecord> StoryAsync(ApiFixture api, params ArticleMetadata[] reports)
    {
        var store = api.Api.Get<StoryIndexStore>();
        await store.CreatedTableAsync(CancellationToken.None);
        var members = reports.Select(r => new StoryMember(r.Id, r.Source, r.Title, r.Url, r.Published)).ToList();
        var story = StoryRecord.Start(members[0], Start).With(members.Skip(1));
        Assert.True(await store.TryWriteStoryAsync(story, CancellationToken.None));
        foreach (var report in reports)
        {
            await api.AddAsync(report with { Story = story.Id });
        }

        return await store.ReadStoryAsync(story.Id, CancellationToken.None) ?? throw new InvalidOperationException("the story was not written");
    }

    private sealed record Entry(string Id, string? Also, string? StoryPath);

    private static List<Entry> Items(HtmlDocument document) =>
        document.DocumentNode.All("//li[contains(concat(' ', @class, ' '), ' item ')]").Select(li =>
        {
            var also = li.Maybe(".//p[@class='also']/a");
            return new Entry(li.GetAttributeValue("data-id", ""), also is null ? null : Decode(also.InnerText),
                also is null ? null : new Uri(Decode(also.GetAttributeValue("href", ""))).AbsolutePath);
        }).ToList();

    private static async Task<List<List<Entry>>> WalkAsync(ApiFixture api, string first)
    {
        var pages = new List<List<Entry>>();
        string? next = first;
        while (next is not null)
        {
            var document = await HtmlAsync(api, next);
            pages.Add(Items(document));
            var older = document.DocumentNode.Maybe("//a[@rel='next']");
            next = older is null ? null : new Uri(Decode(older.GetAttributeValue("href", ""))).PathAndQuery;
            Assert.True(pages.Count < 10, "paging does not end");
        }

        return pages;
    }

    private static async Task<HtmlDocument> HtmlAsync(ApiFixture api, string path)
    {
        using var response = await api.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html}");
        var document = new HtmlDocument();
        document.LoadHtml(html);
        return document;
    }

    // As a browser parses it: the page's own script only, no handler attribute, no element a feed's title carried.
    private static void AssertNoMarkupFromFeeds(HtmlDocument document)
    {
        var elements = document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlNodeType.Element).ToList();
        Assert.Single(elements, e => e.Name == "script");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements, e => e.Name == "img" && e.GetAttributeValue("src", "") == "x");
        Assert.Matches(EncodedScript(), document.Text);
    }

    private static string Decode(string text) => HtmlEntity.DeEntitize(text).Trim();

    [GeneratedRegex("&lt;script&gt;alert")]
    private static partial Regex EncodedScript();
}

/// <summary>XPath over a parsed page, without nulls: a list (empty when nothing matches), or one node the test needs.</summary>
internal static class HtmlQueries
{
    public static List<HtmlNode> All(this HtmlNode node, string xpath) => node.SelectNodes(xpath)?.ToList() ?? [];

    public static HtmlNode? Maybe(this HtmlNode node, string xpath) => node.SelectSingleNode(xpath);

    public static HtmlNode One(this HtmlNode node, string xpath) => node.SelectSingleNode(xpath) ?? throw new Xunit.Sdk.XunitException($"Nothing matches {xpath}.");
}
