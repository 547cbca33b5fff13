using System.ComponentModel.DataAnnotations;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// Cross-origin reads (Api__CorsOrigins): a browser client elsewhere may read items, changes and feeds, and nothing
/// else; over real HTTP as <c>newsfeed run</c> maps it, and through a Functions class, which runs the same code.
/// </summary>
public sealed class CorsTests
{
    private const string App = "https://app.example";

    public static TheoryData<string> ReadRoutes => new() { "/api/items", "/api/items/0123456789abcdef", "/api/changes", "/api/feeds" };

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task A_listed_origin_may_read_the_public_routes_and_others_may_not(string path)
    {
        await using var api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Api:CorsOrigins"] = $"{App}, https://other.example" });

        using var allowed = await api.GetAsync(path, headers: h => h.Add("Origin", App));
        Assert.Equal(App, Single(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Single(allowed, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));

        using var stranger = await api.GetAsync(path, headers: h => h.Add("Origin", "https://evil.example"));
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(allowed.StatusCode, stranger.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task A_preflight_for_a_conditional_GET_is_answered(string path)
    {
        await using var api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Api:CorsOrigins"] = App });

        using var response = await PreflightAsync(api, path, "GET", App, "if-none-match");

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(App, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, HEAD", Single(response, "Access-Control-Allow-Methods"));
        Assert.Contains("If-None-Match", Single(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Star_lets_any_origin_read_and_the_default_lets_none()
    {
        await using (var open = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Api:CorsOrigins"] = "*" }))
        {
            using var response = await open.GetAsync("/api/items", headers: h => h.Add("Origin", "https://anyone.example"));
            Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        }

        await using var closed = await ApiFixture.StartAsync();
        using var get = await closed.GetAsync("/api/items", headers: h => h.Add("Origin", App));
        Assert.Equal(200, (int)get.StatusCode);
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
        using var preflight = await PreflightAsync(closed, "/api/items", "GET", App, null);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    // Even with *: a page elsewhere must not get a preflight past for a change, nor read an answer from the admin routes
    // or the health probe.
    [Theory]
    [InlineData("OPTIONS", "/api/feeds", "POST")]
    [InlineData("OPTIONS", "/api/feeds", "DELETE")]
    [InlineData("OPTIONS", "/api/feeds/demo/enable", "POST")]
    [InlineData("OPTIONS", "/api/items", "DELETE")]
    [InlineData("POST", "/api/feeds", null)]
    [InlineData("DELETE", "/api/feeds/demo", null)]
    [InlineData("POST", "/api/feeds/demo/disable", null)]
    [InlineData("GET", "/api/health", null)]
    [InlineData("POST", "/api/items", null)]
    public async Task The_admin_routes_and_writes_never_answer_cross_origin(string method, string path, string? asked)
    {
        await using var api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Api:CorsOrigins"] = "*" });

        using var response = method == "OPTIONS"
            ? await PreflightAsync(api, path, asked!, App, null)
            : await SendAsync(api, method, path, App);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{method} {path}: {(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task The_Functions_app_answers_the_same_through_its_function_class()
    {
        await using var pipeline = await TestPipeline.CreateAsync("", new Dictionary<string, string?> { ["Api:CorsOrigins"] = App });
        var context = HttpContexts.Get(pipeline.Services, "/api/items");
        context.Request.Headers.Origin = App;
        await pipeline.Create<LatestItems>().Run(context.Request);
        Assert.Equal(App, context.Response.Headers.AccessControlAllowOrigin.ToString());

        var preflight = HttpContexts.Get(pipeline.Services, "/api/items", "OPTIONS");
        preflight.Request.Headers.Origin = App;
        preflight.Request.Headers.AccessControlRequestMethod = "GET";
        await pipeline.Create<LatestItems>().Run(preflight.Request);
        Assert.Equal(204, preflight.Response.StatusCode);
        Assert.Equal("GET, HEAD", preflight.Response.Headers.AccessControlAllowMethods.ToString());
    }

    [Theory]
    [InlineData("https://app.example/path")]
    [InlineData("app.example")]
    [InlineData("ftp://app.example")]
    [InlineData("https://user@app.example")]
    public void A_setting_that_is_not_an_origin_is_refused_at_start(string value)
    {
        var options = new ApiOptions { CorsOrigins = value };
        var results = options.Validate(new ValidationContext(options)).ToList();
        Assert.Contains(results, r => r.ErrorMessage!.Contains("Api__CorsOrigins", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("https://app.example, http://127.0.0.1:5173 https://b.example/")]
    public void Origins_and_star_are_accepted(string value)
    {
        var options = new ApiOptions { CorsOrigins = value };
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    private static async Task<HttpResponseMessage> PreflightAsync(ApiFixture api, string path, string method, string origin, string? headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await api.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiFixture api, string method, string path, string origin)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add("Origin", origin);
        return await api.Http.SendAsync(request);
    }
}
