using System.Globalization;
using System.Net;
using System.Text.Json;
using NewsPipeline.Core.Model.Readers;

namespace NewsPipeline.Tests.Readers;

/// <summary>The shapes NetNewsWire's parser and Miniflux's <c>internal/googlereader</c> document, held in tests of our own.</summary>
public sealed class ReaderFormatTests
{
    private const string ReadTag = "user/-/state/com.google/read";

    [Fact]
    public async Task Ids_are_decimal_strings_and_contents_take_padded_and_unpadded_hex_and_skip_unknown_ids()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        await reader.AddArticlesAsync("voa", 12);
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");

        var page = await alice.JsonAsync("/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=" + ReadTag + "&n=5");
        var refs = page.GetProperty("itemRefs").EnumerateArray().ToList();
        Assert.Equal(5, refs.Count);
        Assert.All(refs, r => Assert.Equal(JsonValueKind.String, r.GetProperty("id").ValueKind));
        Assert.Equal(JsonValueKind.String, page.GetProperty("continuation").ValueKind);
        var ids = refs.Select(r => long.Parse(r.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).ToList();

        // A raw form body: padded long form, unpadded long form (older NetNewsWire), the short form, and ids nothing has.
        var body = $"i={Uri.EscapeDataString(ReaderItemId.LongForm(ids[0]))}"
                   + $"&i={Uri.EscapeDataString(ReaderItemId.LongFormPrefix + ids[1].ToString("x", CultureInfo.InvariantCulture))}"
                   + $"&i={ids[2]}&i=12345&i=not-an-id&i={Uri.EscapeDataString(ReaderItemId.LongFormPrefix)}ffffffffffffffff";
        var (status, text) = await alice.PostAsync("/api/greader/reader/api/0/stream/items/contents", body, r => r.Content!.Headers.ContentType = null);
        Assert.Equal(HttpStatusCode.OK, status);
        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids.Take(3).Select(ReaderItemId.LongForm), items.Select(i => i.GetProperty("id").GetString()));
        foreach (var item in items)
        {
            Assert.Equal(JsonValueKind.Object, item.GetProperty("summary").ValueKind);
            Assert.StartsWith("<p>Body", item.GetProperty("summary").GetProperty("content").GetString(), StringComparison.Ordinal);
            Assert.All(item.GetProperty("categories").EnumerateArray(), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
            Assert.Equal("feed/voa", item.GetProperty("origin").GetProperty("streamId").GetString());
            Assert.Equal(JsonValueKind.Number, item.GetProperty("published").ValueKind);
            Assert.Equal(JsonValueKind.String, item.GetProperty("crawlTimeMsec").ValueKind);
            Assert.Equal(JsonValueKind.String, item.GetProperty("timestampUsec").ValueKind);
            Assert.Equal(JsonValueKind.Array, item.GetProperty("canonical").ValueKind);
        }

        // origin.streamId is a subscription id.
        var subscriptions = (await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains(items[0].GetProperty("origin").GetProperty("streamId").GetString(), subscriptions);
    }

    [Fact]
    public async Task Tag_and_subscription_lists_answer_conditional_GETs()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        foreach (var path in new[] { "subscription/list?output=json", "tag/list?output=json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/greader/reader/api/0/" + path);
            request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + alice.Auth);
            using var first = await reader.Api.Http.SendAsync(request);
            var etag = first.Headers.ETag!.Tag;
            var (status, _) = await alice.GetAsync("/api/greader/reader/api/0/" + path, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
            Assert.Equal(HttpStatusCode.NotModified, status);
        }

        // A change makes a new list.
        await alice.WriteAsync("subscription/edit", "ac=edit&s=feed/voa&a=user/-/label/Radio");
        var (after, _) = await alice.GetAsync("/api/greader/reader/api/0/tag/list?output=json", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"stale\""));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task An_edit_tag_with_a_bad_write_token_changes_nothing_and_a_token_with_a_newline_is_accepted()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        await reader.AddArticlesAsync("voa", 2);
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        var ids = await alice.UnreadIdsAsync();

        var (status, _) = await alice.PostAsync("/api/greader/reader/api/0/edit-tag", $"i={ids[0]}&a={ReadTag}&T=forged");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var (missing, _) = await alice.PostAsync("/api/greader/reader/api/0/edit-tag", $"i={ids[0]}&a={ReadTag}");
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(2, (await alice.UnreadIdsAsync()).Count);

        // newsboat posts the token's body as it came, newline included; the answer is exactly "OK".
        var (_, token) = await alice.GetAsync("/api/greader/reader/api/0/token");
        var (ok, body) = await alice.PostAsync("/api/greader/reader/api/0/edit-tag",
            $"i={Uri.EscapeDataString(ReaderItemId.LongForm(ids[0]))}&a={ReadTag}&r=user/-/state/com.google/kept-unread&ac=edit&T={token}");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("OK", body);
        Assert.Equal([ids[1]], await alice.UnreadIdsAsync());
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_them()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        foreach (var (query, parameter) in new[] { ("n=-3", "n"), ("n=lots", "n"), ("c=bm90LW91cnM", "c"), ("s=nonsense", "s"), ("ot=yesterday", "ot") })
        {
            var (status, body) = await alice.GetAsync("/api/greader/reader/api/0/stream/items/ids?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(parameter, JsonDocument.Parse(body).RootElement.GetProperty("parameter").GetString());
        }
    }
}
