using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>Changes to the registry over real HTTP as <c>newsfeed run</c> serves them: a key or a 401, never a change without one.</summary>
public sealed class FeedChangesTests : IAsyncLifetime
{
    private const string Key = "a-test-admin-key";
    private ApiFixture api = null!;

    public async Task InitializeAsync() => api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Storage:FeedsTable"] = "feeds" + Guid.NewGuid().ToString("N")[..10],
        ["Api:AdminKey"] = Key,
    });

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Anonymous_or_wrongly_keyed_changes_get_401_and_change_nothing()
    {
        await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "world", url = "https://world.example/rss.xml" }));
        var attempts = new[]
        {
            (HttpMethod.Post, "api/feeds", (string?)null, (HttpContent?)JsonContent.Create(new { name = "evil", url = "https://evil.example/rss.xml" })),
            (HttpMethod.Post, "api/feeds", "wrong-key", JsonContent.Create(new { name = "evil", url = "https://evil.example/rss.xml" })),
            (HttpMethod.Delete, "api/feeds/world", null, null),
            (HttpMethod.Delete, "api/feeds/world?code=wrong", null, null),
            (HttpMethod.Post, "api/feeds/world/disable", null, null),
            (HttpMethod.Post, "api/feeds", null, new StringContent("<opml version=\"2.0\"><body><outline type=\"rss\" xmlUrl=\"https://x.example/f\"/></body></opml>", System.Text.Encoding.UTF8, "text/x-opml")),
        };

        foreach (var (method, path, key, content) in attempts)
        {
            using var response = await Send(method, path, key, content);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var feeds = await api.Api.Get<FeedRegistryStore>().ListAsync(CancellationToken.None);
        var only = Assert.Single(feeds);
        Assert.Equal("world", only.Name);
        Assert.True(only.Enabled);
    }

    [Fact]
    public async Task With_the_key_a_feed_is_added_disabled_enabled_and_removed_and_bad_input_gets_a_problem()
    {
        using var added = await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "world", url = "https://user:pw@world.example/rss.xml?token=t", maxIntervalMinutes = 60 }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://world.example/rss.xml?…", body.GetProperty("url").GetString());
        Assert.Equal("manual", body.GetProperty("origin").GetString());

        using var again = await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "world", url = "https://other.example/rss.xml" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var badName = await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "World News", url = "https://x.example/rss.xml" }));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("lower-case slug", (await badName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var badUrl = await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "ftp", url = "ftp://x.example/rss.xml" }));
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        using var notJson = await Send(HttpMethod.Post, "api/feeds", Key, new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        using var disabled = await Send(HttpMethod.Post, "api/feeds/world/disable", Key, null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(DisabledReasons.ByOperator, (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabledReason").GetString());
        using var enabled = await Send(HttpMethod.Post, "api/feeds/world/enable?code=" + Key, null, null);
        Assert.True((await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());

        using var removed = await Send(HttpMethod.Delete, "api/feeds/world", Key, null);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await Send(HttpMethod.Delete, "api/feeds/world", Key, null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await api.Api.Get<FeedRegistryStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_OPML_body_is_imported_with_its_report_a_broken_one_imports_nothing_and_the_list_exports_as_OPML_redacted()
    {
        var opml = await File.ReadAllTextAsync(RepositoryPaths.Fixture("opml", "reader-export.opml"));
        using var broken = await Send(HttpMethod.Post, "api/feeds", Key, new StringContent(opml[..(opml.Length / 2)], System.Text.Encoding.UTF8, "text/x-opml"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("Nothing was imported", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await api.Api.Get<FeedRegistryStore>().ListAsync(CancellationToken.None));

        using var imported = await Send(HttpMethod.Post, "api/feeds", Key, new StringContent(opml, System.Text.Encoding.UTF8, "text/x-opml"));
        var report = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, report.GetProperty("added").GetInt32());
        Assert.Equal(1, report.GetProperty("duplicateInFile").GetInt32());
        Assert.Equal(3, report.GetProperty("invalid").GetInt32());
        Assert.Equal("Invalid", report.GetProperty("entries")[5].GetProperty("outcome").GetString());

        await Send(HttpMethod.Post, "api/feeds", Key, JsonContent.Create(new { name = "secret", url = "https://reader:hunter2@secret.example/rss?apikey=s3cret" }));
        using var export = await api.Http.GetAsync(new Uri("api/feeds?format=opml", UriKind.Relative));
        Assert.Equal("text/x-opml", export.Content.Headers.ContentType?.MediaType);
        var text = await export.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        using var exported = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(7, Opml.Read(exported).Count);
        using var badFormat = await api.Http.GetAsync(new Uri("api/feeds?format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Theory]
    [InlineData("{name:", "The body is not valid JSON: reading stops at line 1, byte 2")]
    [InlineData("{\"name\": \"world\",\n \"url\": \"https://world.example/rss.xml\"", "The body is not valid JSON: reading stops at line 2, byte 40")]
    [InlineData("{\"name\": 5, \"url\": \"https://world.example/rss.xml\"}", "The body's \"name\" is not a string")]
    [InlineData("{\"name\": \"world\", \"url\": \"https://world.example/rss.xml\", \"maxIntervalMinutes\": \"hourly\"}", "The body's \"maxIntervalMinutes\" is not a whole number of minutes")]
    [InlineData("[\"world\", \"https://world.example/rss.xml\"]", "The body is JSON but not an object")]
    [InlineData("   ", "The body is empty")]
    public async Task A_JSON_body_that_is_not_a_feed_is_a_problem_in_the_APIs_words(string json, string detail)
    {
        using var response = await Send(HttpMethod.Post, "api/feeds", Key, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var said = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Equal(detail + "; send {\"name\":\"world\",\"url\":\"https://…\"}.", said);
        RuntimeTexts.AssertNone(said);
        Assert.DoesNotContain("FeedToAdd", said, StringComparison.Ordinal);
        Assert.Empty(await api.Api.Get<FeedRegistryStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_OPML_body_with_a_DTD_is_a_problem_that_names_the_DTD_and_imports_nothing()
    {
        var bomb = await File.ReadAllTextAsync(RepositoryPaths.Fixture("opml", "bomb.opml"));

        using var response = await Send(HttpMethod.Post, "api/feeds", Key, new StringContent(bomb, System.Text.Encoding.UTF8, "text/x-opml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var said = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.StartsWith("The file cannot be imported: it declares a DTD (<!DOCTYPE … [ … ]>), and DTDs are never processed here", said, StringComparison.Ordinal);
        Assert.EndsWith("remove its <!DOCTYPE …> and import it again. Nothing was imported.", said, StringComparison.Ordinal);
        RuntimeTexts.AssertNone(said);
        Assert.Empty(await api.Api.Get<FeedRegistryStore>().ListAsync(CancellationToken.None));
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? key, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await api.Http.SendAsync(request);
    }
}
