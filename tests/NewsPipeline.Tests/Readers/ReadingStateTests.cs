using System.Globalization;
using System.Text;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Tests.Api;

namespace NewsPipeline.Tests.Readers;

/// <summary>Read and starred state, subscriptions and labels as apps change and read them, over HTTP.</summary>
public sealed class ReadingStateTests
{
    private const string ReadTag = "user/-/state/com.google/read";

    [Fact]
    public async Task Two_accounts_never_see_each_others_state_or_subscriptions()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa", "dw");
        await reader.AddArticlesAsync("voa", 3);
        await reader.AddArticlesAsync("dw", 2);
        await reader.AddAccountAsync("alice");
        await reader.AddAccountAsync("bob", subscribe: false);
        var alice = await reader.LoginAsync("alice");
        var bob = await reader.LoginAsync("bob");
        await bob.WriteAsync("subscription/edit", "ac=subscribe&s=feed/dw&a=user/-/label/Germany");

        var aliceUnread = await alice.UnreadIdsAsync();
        Assert.Equal(5, aliceUnread.Count);
        Assert.Equal(2, (await bob.UnreadIdsAsync()).Count);
        await alice.WriteAsync("edit-tag", string.Join('&', aliceUnread.Select(id => "i=" + id)) + "&a=" + ReadTag);
        await alice.WriteAsync("edit-tag", $"i={aliceUnread[0]}&a=user/-/state/com.google/starred");

        Assert.Empty(await alice.UnreadIdsAsync());
        Assert.Equal(2, (await bob.UnreadIdsAsync()).Count);
        Assert.Empty(await bob.StarredIdsAsync());
        Assert.Equal([aliceUnread[0]], await alice.StarredIdsAsync());
        var bobFeeds = (await bob.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["feed/dw"], bobFeeds);
        var aliceFeeds = (await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(["feed/dw", "feed/voa"], aliceFeeds);
        var bobTags = (await bob.JsonAsync("/api/greader/reader/api/0/tag/list?output=json")).GetProperty("tags").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains("user/-/label/Germany", bobTags);
        Assert.DoesNotContain("user/-/label/Germany", (await alice.JsonAsync("/api/greader/reader/api/0/tag/list?output=json")).GetProperty("tags").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Item_ids_are_stable_across_a_reparse_and_across_feeds_carrying_the_article()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa", "wire");
        var article = (await reader.AddArticlesAsync("voa", 1))[0];
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        var id = Assert.Single(await alice.UnreadIdsAsync());
        Assert.Equal(ReaderItemId.FromArticleId(article.Id), id);

        // Parsed again by a newer parser, and carried by a second feed under the same URL: one article, one id.
        await reader.Api.Index.UpsertAsync(article with { ParserVersion = 9, Title = article.Title + " (updated)" }, CancellationToken.None);
        await reader.Api.Index.UpsertAsync(article with { Source = "wire" }, CancellationToken.None);
        Assert.Equal([id], await alice.UnreadIdsAsync());
        var contents = await alice.JsonAsync($"/api/greader/reader/api/0/stream/items/contents?i={id}");
        var item = Assert.Single(contents.GetProperty("items").EnumerateArray());
        Assert.Equal(ReaderItemId.LongForm(id), item.GetProperty("id").GetString());
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Paging_with_continuation_skips_and_repeats_nothing_while_items_arrive()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        var articles = await reader.AddArticlesAsync("voa", 25);
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        var expected = articles.Select(a => ReaderItemId.FromArticleId(a.Id)).Reverse().ToList();

        foreach (var oldestFirst in new[] { false, true })
        {
            var seen = new List<long>();
            string? continuation = null;
            var round = 0;
            do
            {
                var query = "/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=" + ReadTag + "&n=7"
                            + (oldestFirst ? "&r=o" : string.Empty) + (continuation is null ? string.Empty : "&c=" + Uri.EscapeDataString(continuation));
                var page = await alice.JsonAsync(query);
                seen.AddRange(page.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)));
                continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
                // New items arrive between pages, newer than everything listed.
                await reader.AddArticlesAsync("voa", 2, DateTimeOffset.UtcNow.AddMinutes(-10 + round), slug: $"new{oldestFirst}{round++}-");
            }
            while (continuation is not null);

            var original = seen.Where(expected.Contains).ToList();
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(oldestFirst ? Enumerable.Reverse(expected).ToList() : expected, original);
        }
    }

    [Fact]
    public async Task Mark_all_as_read_with_ts_leaves_what_arrived_after_it_unread()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa", "dw");
        await reader.AddArticlesAsync("voa", 3);
        await reader.AddArticlesAsync("dw", 2);
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        Assert.Equal(5, (await alice.UnreadIdsAsync()).Count);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        await Task.Delay(50);
        var late = await reader.AddArticlesAsync("voa", 1, slug: "late");

        await alice.WriteAsync("mark-all-as-read", $"s=feed/voa&ts={ts}");

        var unread = await alice.UnreadIdsAsync();
        Assert.Equal(3, unread.Count);
        Assert.Contains(ReaderItemId.FromArticleId(late[0].Id), unread);
        Assert.Equal(2, (await alice.UnreadIdsAsync("feed/dw")).Count);
        var counts = (await alice.JsonAsync("/api/greader/reader/api/0/unread-count?output=json")).GetProperty("unreadcounts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(3, counts[StreamId.ReadingListId]);
        Assert.Equal(1, counts["feed/voa"]);
    }

    [Fact]
    public async Task An_OPML_import_files_feeds_under_their_folders_as_labels()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddAccountAsync("alice", subscribe: false);
        const string opml = """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="News">
                <outline text="World">
                  <outline text="VOA" type="rss" xmlUrl="https://voa.example/rss"/>
                </outline>
                <outline text="DW" type="rss" xmlUrl="https://dw.example/rss"/>
              </outline>
              <outline text="Favourites">
                <outline text="VOA again" type="rss" xmlUrl="https://voa.example/rss"/>
              </outline>
            </body></opml>
            """;
        var entries = Opml.Read(new MemoryStream(Encoding.UTF8.GetBytes(opml)));

        var report = await reader.Get<ReaderAccounts>().ImportAsync("alice", entries, CancellationToken.None);

        Assert.Equal(2, report.Subscribed);
        var alice = await reader.LoginAsync("alice");
        var subscriptions = (await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray()
            .ToDictionary(s => s.GetProperty("url").GetString()!, s => s.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("label").GetString()).Order().ToList());
        Assert.Equal(["Favourites", "News / World"], subscriptions["https://voa.example/rss"]);
        Assert.Equal(["News"], subscriptions["https://dw.example/rss"]);
        var tags = (await alice.JsonAsync("/api/greader/reader/api/0/tag/list?output=json")).GetProperty("tags").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(["user/-/state/com.google/starred", "user/-/label/Favourites", "user/-/label/News", "user/-/label/News / World"], tags);
    }
}
