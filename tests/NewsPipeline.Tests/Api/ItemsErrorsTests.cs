using System.Net;
using System.Text;
using System.Text.Json;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Tests.Api;

/// <summary>What each bad input gets: 400 problem+json naming the parameter, 404, or 405 — and never other rows.</summary>
public sealed class ItemsErrorsTests : IAsyncLifetime
{
    private ApiFixture api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiFixture.StartAsync();
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await api.AddAsync(ApiFixture.Article(i % 2 == 0 ? "basin" : "valley", at.AddHours(-i)));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    public static TheoryData<string, string> BadQueries() => new()
    {
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=ten", "limit" },
        { "limit=-1", "limit" },
        { "limit=1.5", "limit" },
        { "limit=", "limit" },
        { "limit=5&limit=6", "limit" },
        { "source=Basin", "source" },
        { "source=basin,", "source" },
        { "source=a/b", "source" },
        { "source=" + Uri.EscapeDataString("x' or PartitionKey ne '"), "source" },
        { "source=a,b,c,d,e,f,g,h,i,j,k", "source" },
        { "since=yesterday", "since" },
        { "since=2026-13-01", "since" },
        { "since=1700000000", "since" },
        { "until=0001-01-01", "until" },
        { "since=9999-12-31T23:59:59Z", "since" },
        { "until=2026-11-20T25:00:00Z", "until" },
        { "since=2026-11-20&until=2026-11-19", "since" },
        { "since=2026-11-20&until=2026-11-20", "since" },
        { "lang=e", "lang" },
        { "lang=fr", "lang" },
        { "lang=" + Uri.EscapeDataString("en' or Language ne '"), "lang" },
        { "cursor=not-a-cursor!", "cursor" },
        { "cursor=" + Base64Url("v1:202611:0000000000000000001-abc"), "cursor" },
        { "cursor=" + Base64Url("v1:999999:" + ArticleIndexStore.TimelineRowKey(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), "abc")), "cursor" },
        { "cursor=" + Base64Url("v2:202611:" + ArticleIndexStore.TimelineRowKey(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), "abc")), "cursor" },
        { "cursor=", "cursor" },
        { "cursor=" + Base64Url("v1:197001:9999999999999999999-ab"), "cursor" },
        { "format=atom", "format" },
        // A parameter the route does not know is named, not ignored: a typo would otherwise return the default page.
        { "limt=5", "limt" },
        { "category=world", "category" },
        { "q=harbour", "q" },
        { "limit=5&Source=basin", "Source" },
    };

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_parameter_gets_400_problem_json_naming_it(string query, string parameter)
    {
        using var response = await api.GetAsync("/api/items?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/changes?since=2026-01-01", "since")]
    [InlineData("/api/feeds?name=world", "name")]
    [InlineData("/api/items/0123456789abcdef0123456789abcdef01234567?format=rss", "format")]
    public async Task Every_route_names_a_parameter_it_does_not_know(string url, string parameter)
    {
        using var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Values_from_a_fixed_list_are_matched_whatever_their_case_in_every_parameter()
    {
        using var lower = await api.GetAsync("/api/items?lang=en&format=json");
        using var upper = await api.GetAsync("/api/items?lang=EN&format=JSON");
        using var feedsUpper = await api.GetAsync("/api/feeds?format=OPML");

        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(await lower.Content.ReadAsStringAsync(), await upper.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, feedsUpper.StatusCode);
        Assert.Contains("<opml", await feedsUpper.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_injection_that_bypassed_validation_still_matches_nothing_because_filters_are_parameterized()
    {
        api.Log.Clear();
        var page = await api.Index.PageAsync(new TimelineQuery(100, ["x' or PartitionKey ne '"], Language: "en' or Language ne '"), CancellationToken.None);

        Assert.Empty(page.Items);
        // The quote reached storage doubled, inside a string literal, never as filter syntax.
        Assert.Contains(api.Log.Requests, r => r.Filter is { } f && f.Contains("'src-x'' or PartitionKey ne ''", StringComparison.Ordinal));
        Assert.All(api.Log.Requests.Where(r => r.Filter is not null), r => Assert.DoesNotContain(" or PartitionKey ne '' ", r.Filter!.Replace("''", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_or_impossible_id_is_404_problem_json()
    {
        foreach (var id in new[] { new string('0', 40), "zz", "x", Uri.EscapeDataString("ab'or'1'eq'1"), Uri.EscapeDataString("a/b") })
        {
            using var response = await api.GetAsync("/api/items/" + id);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("POST", "/api/items")]
    [InlineData("PUT", "/api/items")]
    [InlineData("DELETE", "/api/items/0123456789")]
    [InlineData("PATCH", "/api/items/0123456789")]
    [InlineData("POST", "/api/health")]
    public async Task Other_methods_get_405_with_Allow(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = new StringContent("{}") };
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
