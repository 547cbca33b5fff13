using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>GET /api/changes: a client that polls from where it stopped sees every article exactly once, late arrivals with old dates included.</summary>
public sealed class ChangeFeedTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_poller_following_the_cursor_sees_every_article_once_even_one_that_arrives_late_with_an_old_date()
    {
        await using var server = await FeedServer.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var today = server.Serve("today.xml", Rss("today", ("Morning news", "https://today.example/1", Start.AddHours(-1)), ("Noon news", "https://today.example/2", Start.AddMinutes(-5))));
        var late = server.Serve("late.xml", Rss("late", ("A story from last month", "https://late.example/old", Start.AddDays(-30))));
        await using var pipeline = await TestPipeline.CreateAsync($"today={today}", configure: services => services.AddSingleton<TimeProvider>(clock));

        await FetchAndParseAsync(pipeline, clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        var first = await ChangesAsync(pipeline, null, 1);
        var second = await ChangesAsync(pipeline, first.Cursor, 10);
        var empty = await ChangesAsync(pipeline, second.Cursor, 10);

        // A feed added later brings an article dated a month back: behind every page of /api/items, not of /api/changes.
        await using var withLate = await TestPipeline.CreateAsync($"today={today};late={late}", pipeline.SharedStorage(), configure: services => services.AddSingleton<TimeProvider>(clock));
        await FetchAndParseAsync(withLate, clock);
        var held = await ChangesAsync(withLate, empty.Cursor, 10);
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await ChangesAsync(withLate, empty.Cursor, 10);
        // Parsed again (a reindex): not a change.
        foreach (var name in await withLate.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync())
        {
            await withLate.Get<ParseService>().ParseBlobAsync(name, reparse: true, CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        var after = await ChangesAsync(withLate, third.Cursor, 10);

        Assert.Equal(["Morning news"], first.Titles);
        Assert.Equal(["Noon news"], second.Titles);
        Assert.Empty(empty.Titles);
        Assert.Equal(second.Cursor, empty.Cursor);
        // Indexed within the last minute: held back until it has settled, then served.
        Assert.Empty(held.Titles);
        Assert.Equal(["A story from last month"], third.Titles);
        Assert.Empty(after.Titles);
        var seen = first.Titles.Concat(second.Titles).Concat(third.Titles).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
    }

    [Theory]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    public async Task A_bad_cursor_or_limit_gets_a_problem_naming_it(string query, string parameter)
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var context = HttpContexts.Get(pipeline.Services, "/api/changes?" + query);

        await pipeline.Create<ItemChanges>().Run(context.Request);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal(parameter, HttpContexts.Json(context).GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("9999999999999999999")] // more than a long holds: was OverflowException, a 500
    [InlineData("3155378976000000000")] // one tick past DateTime.MaxValue: was ArgumentOutOfRangeException, a 500
    [InlineData("9223372036854775807")] // long.MaxValue
    public async Task A_crafted_cursor_with_ticks_no_date_has_is_a_problem_naming_the_cursor(string ticks)
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"c1:{ticks}-{new string('a', 40)}"));
        var context = HttpContexts.Get(pipeline.Services, "/api/changes?cursor=" + cursor);

        await pipeline.Create<ItemChanges>().Run(context.Request);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("cursor", HttpContexts.Json(context).GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("3155378975999999999")] // DateTime.MaxValue: a date, far ahead; nothing after it yet
    [InlineData("0000000000000000000")] // DateTime.MinValue: everything is after it
    public async Task A_cursor_at_either_end_of_time_is_answered(string ticks)
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"c1:{ticks}-{new string('a', 40)}"));

        var page = await ChangesAsync(pipeline, cursor, 10);

        Assert.Empty(page.Titles);
        Assert.Equal(cursor, page.Cursor);
    }

    private sealed record Page(IReadOnlyList<string> Titles, string? Cursor);

    private static async Task<Page> ChangesAsync(TestPipeline pipeline, string? cursor, int limit)
    {
        var context = HttpContexts.Get(pipeline.Services, $"/api/changes?limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor));
        await pipeline.Create<ItemChanges>().Run(context.Request);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        var body = HttpContexts.Json(context);
        return new Page(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList(),
            body.GetProperty("cursor").ValueKind == JsonValueKind.Null ? null : body.GetProperty("cursor").GetString());
    }

    // One article indexed per second of the test's clock, in the feed's order.
    private static async Task FetchAndParseAsync(TestPipeline pipeline, FakeTimeProvider clock)
    {
        // As the running pipeline does: the Feeds setting (here with a feed added later) is seeded into the registry.
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        foreach (var name in report.WrittenBlobs)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(name, CancellationToken.None)).Succeeded);
        }
    }

    private static string Rss(string title, params (string Title, string Link, DateTimeOffset Date)[] items) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>https://{title}.example/</link>""" +
        string.Concat(items.Select(item => $"<item><title>{item.Title}</title><link>{item.Link}</link><pubDate>{item.Date:R}</pubDate><description>About {item.Title}.</description></item>")) +
        "</channel></rss>";

}
