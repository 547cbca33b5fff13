using NewsPipeline.Core.Services.Readers;

namespace NewsPipeline.Tests.Readers;

/// <summary>
/// What an app's calls cost in storage requests, held at small size (docs/performance/reader-api.md has the figures at
/// 100,000 articles and a year of read state): a call costs what it asks, not what the account has read before.
/// </summary>
public sealed class ReaderRequestCountTests
{
    [Fact]
    public async Task Listing_unread_counting_contents_and_marking_cost_what_they_ask_not_what_was_read_before()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        var articles = await reader.AddArticlesAsync("voa", 400);
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        var all = await alice.UnreadIdsAsync();
        Assert.Equal(400, all.Count);

        // 200 read before: a history of read state the later calls must not pay for.
        await reader.Get<ReadingState>().MarkReadAsync("alice", all.Take(200).ToList(), CancellationToken.None);
        var log = reader.Api.Log;

        log.Clear();
        var unread = await alice.UnreadIdsAsync();
        Assert.Equal(200, unread.Count);
        // Token, subscriptions and sync position, the change feed (its month registry and one month), the unread rows.
        Assert.InRange(log.Requests.Count, 1, 6);

        log.Clear();
        await alice.JsonAsync("/api/greader/reader/api/0/unread-count?output=json");
        Assert.InRange(log.Requests.Count, 1, 6);

        log.Clear();
        await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json");
        Assert.InRange(log.Requests.Count, 1, 4);

        // Contents of 150 items (NetNewsWire's batch): at most one request an item, everything included.
        log.Clear();
        var form = string.Join('&', unread.Take(150).Select(id => "i=" + id));
        var (status, _) = await alice.PostAsync("/api/greader/reader/api/0/stream/items/contents", form);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.InRange(log.Requests.Count, 1, 150);

        // Marking 100 read: two entity-group batches of fifty, plus the token check.
        var (_, token) = await alice.GetAsync("/api/greader/reader/api/0/token");
        log.Clear();
        var (marked, body) = await alice.PostAsync("/api/greader/reader/api/0/edit-tag",
            string.Join('&', unread.Take(100).Select(id => "i=" + id)) + "&a=user/-/state/com.google/read&T=" + Uri.EscapeDataString(token.TrimEnd('\n')));
        Assert.Equal("OK", body);
        Assert.Equal(3, log.Requests.Count);
        Assert.Equal(unread.Skip(100), await alice.UnreadIdsAsync());
    }
}
