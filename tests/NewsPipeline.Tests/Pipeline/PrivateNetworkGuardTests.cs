using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;
using Polly;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// With <c>Fetch__AllowPrivateNetworks</c> off (the Functions app's default), a feed cannot reach a private address:
/// not by its own URL, not by a redirect. Only loopback servers, with the guard on: each must see no request. The
/// refusal is the feed's failure, with the reason on its row, not retried, and <c>/api/feeds</c> shows it without the address.
/// </summary>
public sealed class PrivateNetworkGuardTests : IAsyncLifetime
{
    // Retries on: a refusal that were retried would show as more requests, or as OnRetry in the log.
    private static readonly Dictionary<string, string?> GuardOn = new()
    {
        ["Fetch:AllowPrivateNetworks"] = "false",
        ["Fetch:TimeoutSeconds"] = "2",
        ["Fetch:Retries"] = "2",
        ["Fetch:RetryDelayMilliseconds"] = "10",
    };

    private readonly byte[] body = File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "rss2-basic.xml"));
    private FeedServer a = null!;
    private FeedServer b = null!;

    public async Task InitializeAsync()
    {
        a = await FeedServer.StartAsync();
        b = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task A_feed_on_a_loopback_address_is_refused_before_any_request_and_recorded_as_the_feeds_failure()
    {
        var url = a.Serve("feed.xml", body, "application/rss+xml");
        var logs = new CapturedLogs();
        await using var pipeline = await TestPipeline.CreateAsync($"local={url}", GuardOn, logs: logs);

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        Assert.Equal(0, a.TotalRequests);
        var outcome = Assert.Single(report.Feeds);
        Assert.Equal(FeedFetchStatus.Failed, outcome.Status);
        Assert.StartsWith("Refused to connect to 127.0.0.1: a loopback address; set Fetch__AllowPrivateNetworks=true", outcome.Error, StringComparison.Ordinal);
        var row = await pipeline.Get<FeedRegistryStore>().GetAsync("local", CancellationToken.None);
        Assert.Equal(outcome.Error, row!.LastError);
        Assert.Equal(1, row.ConsecutiveFailures);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning: NewsPipeline.Core.Services.Pipeline.FeedFetchRunner: Feed local ", StringComparison.Ordinal)
                                            && line.Contains("Refused to connect to 127.0.0.1", StringComparison.Ordinal));

        // The anonymous /api/feeds says what failed, not the address (beyond the feed's own URL).
        var error = await PublicLastErrorAsync(pipeline, "local");
        Assert.Equal("Refused: the feed's address is on a private network", error);
    }

    [Fact]
    public async Task A_loopback_feed_that_redirects_to_another_loopback_server_reaches_neither()
    {
        var target = b.Serve("feed.xml", body, "application/rss+xml");
        var url = a.Handle("moved.xml", context =>
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        });
        await using var pipeline = await TestPipeline.CreateAsync($"moved={url}", GuardOn);

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        Assert.Equal(0, a.TotalRequests);
        Assert.Equal(0, b.TotalRequests);
        Assert.Equal(FeedFetchStatus.Failed, report.Feeds[0].Status);
        Assert.StartsWith("Refused to connect to 127.0.0.1: a loopback address", report.Feeds[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_redirect_hop_is_judged_when_it_connects_and_the_refusal_is_not_retried()
    {
        // Server A stands in for a public site: its connections bypass the guard (a test's own connect step), every
        // other connection goes through the production guard. A answers 302 to server B, on loopback.
        var target = b.Serve("feed.xml", body, "application/rss+xml");
        var url = a.Handle("moved.xml", context =>
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        });
        var publicPort = a.BaseAddress.Port;
        var logs = new CapturedLogs();
        await using var pipeline = await TestPipeline.CreateAsync($"moved={url}", GuardOn, logs: logs, configure: services => services
            .AddHttpClient(FeedFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                var sockets = (SocketsHttpHandler)handler;
                var guard = sockets.ConnectCallback ?? throw new InvalidOperationException("The guard is not installed with Fetch:AllowPrivateNetworks=false.");
                sockets.ConnectCallback = (context, cancellationToken) =>
                    context.DnsEndPoint.Port == publicPort ? ConnectDirectlyAsync(context.DnsEndPoint, cancellationToken) : guard(context, cancellationToken);
            }));

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        // A answered once; B's connection was refused, so B saw nothing; and the refusal was not retried.
        Assert.Equal(1, a.RequestsTo("moved.xml"));
        Assert.Equal(0, b.TotalRequests);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("OnRetry", StringComparison.Ordinal));
        var outcome = report.Feeds[0];
        Assert.Equal(FeedFetchStatus.Failed, outcome.Status);
        Assert.StartsWith("Refused to connect to 127.0.0.1: a loopback address, where " + url + " redirected; set Fetch__AllowPrivateNetworks=true", outcome.Error, StringComparison.Ordinal);

        var error = await PublicLastErrorAsync(pipeline, "moved");
        Assert.Equal("Refused: the feed redirected to an address on a private network", error);
    }

    [Fact]
    public async Task With_private_networks_allowed_the_same_redirect_is_followed()
    {
        var target = b.Serve("feed.xml", body, "application/rss+xml");
        var url = a.Handle("moved.xml", context =>
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        });
        await using var pipeline = await TestPipeline.CreateAsync($"moved={url}", new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "true" });

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        Assert.Equal(FeedFetchStatus.Fetched, report.Feeds[0].Status);
        Assert.Equal(1, a.RequestsTo("moved.xml"));
        Assert.Equal(1, b.RequestsTo("feed.xml"));
    }

    [Fact]
    public async Task The_resilience_handler_neither_retries_a_refusal_nor_counts_it_against_the_host()
    {
        var refused = new HttpRequestException("Refused (127.0.0.1:80)", new PrivateAddressRefusedException("127.0.0.1", 80, IPAddress.Loopback, "a loopback address"));
        var failed = new HttpRequestException("Connection refused (127.0.0.1:80)", new SocketException((int)SocketError.ConnectionRefused));

        Assert.False(await FetchResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(refused)));
        Assert.True(await FetchResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(failed)));
        Assert.False(await FetchResilience.ShouldBreak(Outcome.FromException<HttpResponseMessage>(refused)));
        Assert.True(await FetchResilience.ShouldBreak(Outcome.FromException<HttpResponseMessage>(failed)));
    }

    private static async Task<string?> PublicLastErrorAsync(TestPipeline pipeline, string feed)
    {
        var context = HttpContexts.Get(pipeline.Services, "/api/feeds");
        await pipeline.Create<FeedStatus>().Run(context.Request);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var resource = HttpContexts.Json(context).GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == feed);
        var error = resource.GetProperty("lastError").GetString();
        // The feed's own URL names 127.0.0.1; nothing else in its lastError may.
        Assert.DoesNotContain("127.0.0.1", error, StringComparison.Ordinal);
        return error;
    }

    private static async ValueTask<Stream> ConnectDirectlyAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        Assert.Equal("127.0.0.1", endpoint.Host);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
