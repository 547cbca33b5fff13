using System.Globalization;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// <c>GET /api/items</c> over real HTTP against Azurite: order, every filter, and pages stitched across month buckets.
/// The archive spans September to November 2026 with October empty, three sources and three languages.
/// </summary>
public sealed class ItemsQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 28, 0, 0, 0, TimeSpan.Zero);
    private ApiFixture api = null!;
    private readonly List<ArticleMetadata> all = [];

    public async Task InitializeAsync()
    {
        api = await ApiFixture.StartAsync();
        string[] sources = ["basin", "valley", "ridge"];
        string[] languages = ["en", "zh-Hans", "zh-Hant"];
        for (var i = 0; i < 24; i++)
        {
            // 12 articles at the end of September, 12 in November, none in October: pages must hop the gap.
            var published = i < 12 ? Start.AddHours(i * 7) : new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddHours((i - 12) * 13);
            all.Add(await api.AddAsync(ApiFixture.Article(sources[i % 3], published, languages[i / 3 % 3])));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private List<string> Expected(Func<ArticleMetadata, bool> where) =>
        all.Where(where).OrderByDescending(a => a.Published).Select(a => a.Id).ToList();

    private async Task<List<string>> IdsAsync(string query) =>
        (await api.JsonAsync(query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Items_come_newest_first_across_month_buckets_with_the_default_limit_of_20()
    {
        var page = await api.JsonAsync("/api/items");

        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(Expected(_ => true).Take(20), ids);
        var next = page.GetProperty("next").GetString();
        Assert.StartsWith(api.Http.BaseAddress + "api/items?", next, StringComparison.Ordinal);
        Assert.Equal(Expected(_ => true).Skip(20), await IdsAsync(new Uri(next!).PathAndQuery));
    }

    [Fact]
    public async Task A_source_filter_returns_only_that_source_newest_first()
    {
        Assert.Equal(Expected(a => a.Source == "valley"), await IdsAsync("/api/items?source=valley&limit=100"));
        Assert.Empty(await IdsAsync("/api/items?source=nowhere"));
    }

    [Theory]
    [InlineData("source=basin,ridge")]
    [InlineData("source=basin&source=ridge")]
    [InlineData("source=ridge,basin,basin")]
    public async Task Several_sources_are_merged_into_one_timeline(string sources)
    {
        Assert.Equal(Expected(a => a.Source is "basin" or "ridge"), await IdsAsync($"/api/items?{sources}&limit=100"));
    }

    [Fact]
    public async Task Since_is_inclusive_and_until_exclusive()
    {
        var since = all[5].Published;
        var until = all[16].Published;
        var query = $"/api/items?limit=100&since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}&until={Uri.EscapeDataString(until.ToString("O", CultureInfo.InvariantCulture))}";

        var ids = await IdsAsync(query);

        Assert.Equal(Expected(a => a.Published >= since && a.Published < until), ids);
        Assert.Contains(all[5].Id, ids);
        Assert.DoesNotContain(all[16].Id, ids);
    }

    [Fact]
    public async Task A_date_without_time_or_zone_is_midnight_UTC_and_an_offset_is_honoured()
    {
        Assert.Equal(Expected(a => a.Published >= new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)), await IdsAsync("/api/items?limit=100&since=2026-11-02"));
        // 02:00+02:00 is midnight UTC; the unencoded '+' arrives as a space and still reads as the offset.
        Assert.Equal(Expected(a => a.Published < new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)), await IdsAsync("/api/items?limit=100&until=2026-11-02T02:00:00+02:00"));
    }

    [Fact]
    public async Task Lang_filters_by_detected_language_and_combines_with_source()
    {
        Assert.Equal(Expected(a => a.Language == "zh-Hans"), await IdsAsync("/api/items?lang=zh-Hans&limit=100"));
        Assert.Equal(Expected(a => a.Language == "zh-Hant" && a.Source == "basin"), await IdsAsync("/api/items?lang=zh-Hant&source=basin&limit=100"));
        Assert.Equal(Expected(a => a.Language == "other"), await IdsAsync("/api/items?lang=other&limit=100"));
    }

    [Theory]
    [InlineData("/api/items?limit=5", "")]
    [InlineData("/api/items?limit=3&source=basin,valley", "basin,valley")]
    [InlineData("/api/items?limit=2&lang=en", "")]
    [InlineData("/api/items?limit=4&since=2026-09-29&until=2026-11-04", "")]
    public async Task Following_next_visits_every_matching_item_once_in_order_keeping_the_filters(string first, string sources)
    {
        var pages = await api.WalkAsync(first);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + first).Query);
        var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
        var expected = Expected(a =>
            (sources.Length == 0 || sources.Split(',').Contains(a.Source))
            && (!query.ContainsKey("lang") || a.Language == query["lang"])
            && (!query.ContainsKey("since") || a.Published >= DateTimeOffset.Parse(query["since"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            && (!query.ContainsKey("until") || a.Published < DateTimeOffset.Parse(query["until"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        Assert.Equal(expected, pages.SelectMany(p => p));
        Assert.All(pages, p => Assert.InRange(p.Count, 1, limit));
        Assert.Equal((expected.Count + limit - 1) / limit, pages.Count);
    }
}
