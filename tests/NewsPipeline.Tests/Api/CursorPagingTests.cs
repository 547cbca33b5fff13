using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Tests.Api;

/// <summary>The cursor is a position, not an offset: new articles landing between pages never shift what comes next.</summary>
public sealed class CursorPagingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 3, 6, 0, 0, TimeSpan.Zero);
    private ApiFixture api = null!;

    public async Task InitializeAsync() => api = await ApiFixture.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData("/api/items?limit=7")]
    [InlineData("/api/items?limit=4&source=basin")]
    public async Task Paging_while_articles_arrive_between_pages_neither_repeats_nor_skips(string first)
    {
        var original = new List<ArticleMetadata>();
        // 40 articles across the October/November boundary, so pages also hop buckets.
        for (var i = 0; i < 40; i++)
        {
            original.Add(await api.AddAsync(ApiFixture.Article(i % 2 == 0 ? "basin" : "valley", Newest.AddHours(-i * 5))));
        }

        var arrived = 0;
        var pages = await api.WalkAsync(first, async () =>
        {
            // Each arrival is newer than anything served so far, in both sources, and in a new month too.
            for (var k = 0; k < 3; k++)
            {
                arrived++;
                await api.AddAsync(ApiFixture.Article(k % 2 == 0 ? "basin" : "valley", Newest.AddDays(arrived)));
            }
        });

        var seen = pages.SelectMany(p => p).ToList();
        var source = first.Contains("source=basin", StringComparison.Ordinal) ? "basin" : null;
        var expected = original.Where(a => source is null || a.Source == source).OrderByDescending(a => a.Published).Select(a => a.Id).ToList();
        Assert.True(arrived > 0, "no articles arrived while paging");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected, seen);
    }
}
