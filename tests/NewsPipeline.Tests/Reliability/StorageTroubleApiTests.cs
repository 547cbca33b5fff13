using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Testing.Processes;
using NewsPipeline.Tests.Api;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// The API with its storage stopped (connections refused) and frozen (SIGSTOP: connections accepted, nothing
/// answered), on an Azurite of the test's own: every route answers 503 problem+json with Retry-After, never a 500
/// with an empty body, and never holds the client (the client's own timeout would fail the test first).
/// </summary>
public sealed class StorageTroubleApiTests
{
    private static readonly string[] Routes = ["/api/items", "/api/items?format=rss", "/api/feeds", "/api/items/0123456789abcdef"];

    [Fact]
    public async Task Stopped_storage_answers_503_problem_json_with_retry_after_on_every_route()
    {
        var azurite = await AzuriteServer.StartPrivateAsync(inMemory: true);
        await using var api = await ApiFixture.StartAsync(connection: azurite.ConnectionString);
        await api.Index.UpsertAsync(ApiFixture.Article("world", DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri("/api/items", UriKind.Relative))).StatusCode);

        await azurite.DisposeAsync();

        foreach (var route in Routes)
        {
            await AssertUnavailableAsync(api.Http, route);
        }
    }

    [Fact]
    public async Task Frozen_storage_answers_503_within_the_storage_budget_instead_of_hanging()
    {
        var azurite = await AzuriteServer.StartPrivateAsync(inMemory: true);
        try
        {
            await using var api = await ApiFixture.StartAsync(
                services => services.Configure<ApiOptions>(o => o.StorageBudgetSeconds = 2), azurite.ConnectionString);
            await api.Index.UpsertAsync(ApiFixture.Article("world", DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri("/api/items", UriKind.Relative))).StatusCode);

            Assert.Equal(0, ProcessSignals.Freeze(azurite.ProcessId));
            try
            {
                foreach (var route in Routes)
                {
                    await AssertUnavailableAsync(api.Http, route);
                }
            }
            finally
            {
                ProcessSignals.Thaw(azurite.ProcessId);
            }
        }
        finally
        {
            ProcessSignals.Thaw(azurite.ProcessId);
            await azurite.DisposeAsync();
        }
    }

    private static async Task AssertUnavailableAsync(HttpClient http, string route)
    {
        // Far longer than the budget, far shorter than the SDK's unbounded 4 × 100 s: a hang fails here.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync(new Uri(route, UriKind.Relative), patience.Token);
        var body = await response.Content.ReadAsStringAsync(patience.Token);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{route}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("\"status\":503", body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
