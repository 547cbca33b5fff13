using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Functions;

/// <summary>
/// The Functions app's HTTP routes as its host will see them (host.json's route prefix and the built
/// <c>functions.metadata</c>), matched by ASP.NET Core's router on loopback: every public URL of the API reaches the
/// function it always did, and nothing can reach the host's own <c>/runtime/…</c> (the Event Grid webhook ParseArticle
/// depends on) or <c>/admin/…</c> paths. The host itself cannot run here (docs/page.md, "Routes in the Functions app").
/// </summary>
public sealed class HttpRoutesTests : IAsyncLifetime
{
    private static readonly string[] HostSegments = ["runtime", "admin"];
    private static readonly (string Function, string Route, string[]? Methods)[] Routes = Load();
    private WebApplication app = null!;
    private Uri address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(LoopbackAddress.AnyFreePort);
        builder.Logging.ClearProviders();
        app = builder.Build();
        foreach (var (function, route, methods) in Routes)
        {
            RequestDelegate answer = context => context.Response.WriteAsync(function);
            if (methods is null)
            {
                app.Map(route, answer);
            }
            else
            {
                app.MapMethods(route, methods, answer);
            }
        }

        await app.StartAsync();
        address = LoopbackAddress.Of(app);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
    }

    // The URLs clients, docs and openapi.json have always named: they must not move when routes are spelled anew.
    [Theory]
    [InlineData("GET", "/api/items", "LatestItems")]
    [InlineData("HEAD", "/api/items", "LatestItems")]
    [InlineData("GET", "/api/items?format=rss&limit=5", "LatestItems")]
    [InlineData("GET", "/api/items/abc", "ItemById")]
    [InlineData("GET", "/api/items/0123456789abcdef0123456789abcdef01234567", "ItemById")]
    [InlineData("GET", "/api/changes", "ItemChanges")]
    [InlineData("GET", "/api/health", "Health")]
    [InlineData("GET", "/api/feeds", "FeedStatus")]
    [InlineData("GET", "/api/feeds?format=opml", "FeedStatus")]
    [InlineData("POST", "/api/feeds", "EditFeeds")]
    [InlineData("DELETE", "/api/feeds/x", "EditFeeds")]
    [InlineData("POST", "/api/feeds/x/enable", "EditFeeds")]
    [InlineData("POST", "/api/feeds/x/disable", "EditFeeds")]
    [InlineData("GET", "/api/accounts", "EditAccounts")]
    [InlineData("POST", "/api/accounts/alice/password", "EditAccounts")]
    [InlineData("POST", "/api/greader/accounts/ClientLogin", "GoogleReaderApi")]
    [InlineData("GET", "/api/greader/reader/api/0/stream/contents/user/-/state/com.google/reading-list", "GoogleReaderApi")]
    [InlineData("GET", "/api/greader/reader/atom/feed%2Fvoa?n=20", "GoogleReaderApi")]
    [InlineData("GET", "/", "LatestPage")]
    [InlineData("GET", "/?cursor=abc", "LatestPage")]
    [InlineData("GET", "/?stories=collapse&cursor=abc", "LatestPage")]
    [InlineData("GET", "/feed/bbc", "FeedPage")]
    [InlineData("GET", "/folder?name=News%20%2F%20World", "FolderPage")]
    [InlineData("GET", "/article/abc", "ArticlePage")]
    [InlineData("GET", "/story/abc", "StoryPage")]
    [InlineData("HEAD", "/story/0123456789abcdef0123456789abcdef01234567", "StoryPage")]
    [InlineData("GET", "/feeds", "FeedsPage")]
    [InlineData("GET", "/page.css?v=1", "PageStyles")]
    [InlineData("GET", "/page.js", "PageScript")]
    [InlineData("GET", "/login", "LoginPage")]
    [InlineData("POST", "/login", "LoginPage")]
    [InlineData("POST", "/logout", "SignOut")]
    [InlineData("GET", "/unread?c=abc", "UnreadPage")]
    [InlineData("GET", "/starred", "StarredPage")]
    [InlineData("POST", "/mark", "MarkItem")]
    [InlineData("POST", "/mark-all-read", "MarkAllRead")]
    public async Task Every_public_url_reaches_its_function(string method, string url, string function)
    {
        using var client = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        if (method != "HEAD")
        {
            Assert.Equal(function, await response.Content.ReadAsStringAsync());
        }
    }

    // Paths the Functions host serves itself (webhooks of the blob and Event Grid extensions, the admin API, warmup).
    [Theory]
    [InlineData("/runtime/webhooks/eventgrid?functionName=Host.Functions.ParseArticle")]
    [InlineData("/runtime/webhooks/blobs?functionName=Host.Functions.ParseArticle")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    [InlineData("/runtime")]
    [InlineData("/admin/host/status")]
    [InlineData("/admin/host/keys")]
    [InlineData("/admin/functions/ParseArticle")]
    [InlineData("/admin/warmup")]
    [InlineData("/admin")]
    [InlineData("/Runtime/Webhooks/EventGrid")]
    public async Task No_function_answers_on_the_hosts_own_paths(string path)
    {
        using var client = new HttpClient { BaseAddress = address };
        foreach (var method in new[] { "GET", "POST", "DELETE", "PUT" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // ASP.NET Core's router may answer 405 itself when a path fits a template before its constraint is checked
            // (POST /admin against the home page's {ignored:maxlength(0)?}); what matters is that no function ran.
            Assert.True(body.Length == 0 && (int)response.StatusCode is 404 or 405, $"{method} {path} reached {body} ({(int)response.StatusCode})");
        }
    }

    // The sample paths above are examples; this is the rule that makes them hold for every path: each template's
    // first segment is a literal other than runtime/admin, or an optional parameter that only the empty path can
    // fill (the home page's {ignored:maxlength(0)?}); and a catch-all only below a literal first segment (the Google
    // Reader API's api/greader/{*path}: stream ids carry slashes), where it can match nothing outside that prefix.
    [Fact]
    public void No_route_template_can_match_a_runtime_or_admin_path()
    {
        foreach (var (function, route, _) in Routes)
        {
            var pattern = RoutePatternFactory.Parse(route);
            var first = Assert.Single(pattern.PathSegments[0].Parts);
            Assert.False(pattern.Parameters.Any(p => p.IsCatchAll) && (first is not RoutePatternLiteralPart || pattern.PathSegments.Count < 3),
                $"{function}'s route {route} has a catch-all not below a fixed prefix.");
            switch (first)
            {
                case RoutePatternLiteralPart literal:
                    Assert.DoesNotContain(literal.Content, HostSegments, StringComparer.OrdinalIgnoreCase);
                    break;
                case RoutePatternParameterPart parameter:
                    Assert.True(pattern.PathSegments.Count == 1 && parameter.IsOptional
                        && parameter.ParameterPolicies.Any(p => p.Content == "maxlength(0)"),
                        $"{function}'s route {route} starts with a parameter that can hold a non-empty segment.");
                    break;
                default:
                    Assert.Fail($"{function}'s route {route} starts with {first}.");
                    break;
            }
        }
    }

    [Fact]
    public void The_route_prefix_is_empty_and_the_hosts_home_page_is_off_where_settings_are_set()
    {
        Assert.Equal("", HostRoutePrefix());
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!;
        Assert.Equal("true", (string?)sample["Values"]!["AzureWebJobsDisableHomepage"]);
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "app", "function-app.bicep"));
        Assert.Contains("    AzureWebJobsDisableHomepage: 'true'\n", bicep, StringComparison.Ordinal);
    }

    private static string HostRoutePrefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Functions", "host.json")))!;
        // Absent, the host's default is "api".
        return (string?)host["extensions"]?["http"]?["routePrefix"] ?? "api";
    }

    private static (string, string, string[]?)[] Load()
    {
        var prefix = HostRoutePrefix();
        using var metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataTests.MetadataPath));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Function: f.GetProperty("name").GetString()!, Binding: b)))
            .Where(x => x.Binding.GetProperty("type").GetString() == "httpTrigger")
            .Select(x => (x.Function,
                // As the host joins them: prefix, then the function's route (its name when it has none).
                string.Join('/', new[] { prefix, x.Binding.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : x.Function }
                    .Where(s => s.Length > 0)),
                x.Binding.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                    ? m.EnumerateArray().Select(v => v.GetString()!.ToUpperInvariant()).ToArray()
                    : null))
            .ToArray();
    }
}
