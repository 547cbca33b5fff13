using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPipeline.Core.Services.Registry;

namespace NewsPipeline.Tests.Readers;

/// <summary>Subscriptions as apps add and change them, the registry they point at, and the admin routes for accounts.</summary>
public sealed class SubscriptionEditTests
{
    [Fact]
    public async Task Quickadd_puts_a_new_URL_in_the_public_registry_unless_turned_off()
    {
        await using (var reader = await ReaderFixture.StartAsync())
        {
            await reader.AddAccountAsync("alice", subscribe: false);
            var alice = await reader.LoginAsync("alice");
            var (_, token) = await alice.GetAsync("/api/greader/reader/api/0/token");
            var (status, body) = await alice.PostAsync("/api/greader/reader/api/0/subscription/quickadd",
                "quickadd=" + Uri.EscapeDataString("https://blog.example/feed.xml") + "&T=" + token.TrimEnd('\n'));

            Assert.Equal(HttpStatusCode.OK, status);
            var added = JsonDocument.Parse(body).RootElement;
            Assert.Equal("feed/blog.example", added.GetProperty("streamId").GetString());
            var registry = await reader.Get<FeedAdministration>().ListAsync(CancellationToken.None);
            Assert.Contains(registry, f => f.Name == "blog.example" && f.Url == "https://blog.example/feed.xml");
            var subscriptions = (await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray();
            Assert.Equal("feed/blog.example", Assert.Single(subscriptions).GetProperty("id").GetString());

            // Unsubscribing leaves the registry as it is.
            await alice.WriteAsync("subscription/edit", "ac=unsubscribe&s=feed/blog.example");
            Assert.Empty((await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray());
            Assert.Contains(await reader.Get<FeedAdministration>().ListAsync(CancellationToken.None), f => f.Name == "blog.example");
        }

        await using (var locked = await ReaderFixture.StartAsync(new Dictionary<string, string?> { ["Reader:AllowQuickAdd"] = "false" }))
        {
            await locked.AddAccountAsync("bob", subscribe: false);
            var bob = await locked.LoginAsync("bob");
            var (_, token) = await bob.GetAsync("/api/greader/reader/api/0/token");
            var (status, body) = await bob.PostAsync("/api/greader/reader/api/0/subscription/quickadd",
                "quickadd=" + Uri.EscapeDataString("https://blog.example/feed.xml") + "&T=" + token.TrimEnd('\n'));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("Reader__AllowQuickAdd", body, StringComparison.Ordinal);
            Assert.Empty(await locked.Get<FeedAdministration>().ListAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Labels_that_would_break_a_row_are_400_and_renaming_a_label_moves_its_feeds()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddFeedsAsync("voa");
        await reader.AddAccountAsync("alice");
        var alice = await reader.LoginAsync("alice");
        var (_, token) = await alice.GetAsync("/api/greader/reader/api/0/token");
        var t = token.TrimEnd('\n');

        var (tooLong, body) = await alice.PostAsync("/api/greader/reader/api/0/subscription/edit",
            $"ac=edit&s=feed/voa&a=user/-/label/{new string('x', 300)}&T={t}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal("a", JsonDocument.Parse(body).RootElement.GetProperty("parameter").GetString());

        await alice.WriteAsync("subscription/edit", "ac=edit&s=feed/voa&a=user/-/label/Radio&t=Voice");
        await alice.WriteAsync("rename-tag", "s=user/-/label/Radio&dest=user/-/label/Audio");
        var subscription = Assert.Single((await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("Voice", subscription.GetProperty("title").GetString());
        Assert.Equal(["Audio"], subscription.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("label").GetString()));
        await alice.WriteAsync("disable-tag", "s=user/-/label/Audio");
        Assert.Empty(Assert.Single((await alice.JsonAsync("/api/greader/reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray())
            .GetProperty("categories").EnumerateArray());
    }

    [Fact]
    public async Task The_account_routes_need_the_key_and_never_show_a_password()
    {
        await using var reader = await ReaderFixture.StartAsync(new Dictionary<string, string?> { ["Api:AdminKey"] = "admin-key-for-tests" });
        var http = reader.Api.Http;

        using var refused = await http.PostAsJsonAsync("/api/accounts", new { name = "carol", password = "a long enough password" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        http.DefaultRequestHeaders.Add("x-functions-key", "admin-key-for-tests");
        using var created = await http.PostAsJsonAsync("/api/accounts", new { name = "Carol", password = "a long enough password" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await http.PostAsJsonAsync("/api/accounts", new { name = "carol", password = "another long password" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var weak = await http.PostAsJsonAsync("/api/accounts", new { name = "dave", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var list = await http.GetStringAsync("/api/accounts");
        Assert.Contains("carol", list, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", list, StringComparison.Ordinal);
        Assert.DoesNotContain("password", list, StringComparison.OrdinalIgnoreCase);
        await reader.LoginAsync("carol", "a long enough password");

        using var changed = await http.PostAsJsonAsync("/api/accounts/carol/password", new { password = "a brand new password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await reader.LoginAsync("carol", "a brand new password");
        using var removed = await http.DeleteAsync("/api/accounts/carol");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await http.DeleteAsync("/api/accounts/carol");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
