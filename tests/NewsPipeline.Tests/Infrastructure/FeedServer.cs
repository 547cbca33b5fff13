using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) serving fixture feeds the way news sites do: with ETag and
/// Last-Modified, answering 304 to a matching conditional GET. Tests add routes with their own behaviour (errors, hangs).
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType)> documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestDelegate> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requestCounts = new(StringComparer.Ordinal);

    private FeedServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(LoopbackAddress.AnyFreePort);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = LoopbackAddress.Of(app);
        return server;
    }

    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).AbsoluteUri;

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>, replacing what was there (a feed that changes).</summary>
    public string Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        Serve(path, System.Text.Encoding.UTF8.GetBytes(body), contentType);

    public string Serve(string path, byte[] body, string contentType)
    {
        documents["/" + path.TrimStart('/')] = (body, contentType);
        return Url(path);
    }

    /// <summary>Serves a file of tests/…/Fixtures/feeds.</summary>
    public string ServeFixture(string fileName, string? path = null) =>
        Serve(path ?? fileName, File.ReadAllBytes(RepositoryPaths.Fixture("feeds", fileName)),
            fileName.EndsWith(".json", StringComparison.Ordinal) ? "application/feed+json" : "application/xml");

    public string Handle(string path, RequestDelegate handler)
    {
        handlers["/" + path.TrimStart('/')] = handler;
        return Url(path);
    }

    public int RequestsTo(string path) => requestCounts.GetValueOrDefault("/" + path.TrimStart('/'));

    public int TotalRequests => requestCounts.Values.Sum();

    /// <summary>The most requests this server was ever answering at once (politeness: one per host).</summary>
    public int MostConcurrentRequests => mostConcurrent;

    private int concurrent;
    private int mostConcurrent;

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref concurrent);
        for (var seen = mostConcurrent; now > seen; seen = mostConcurrent)
        {
            Interlocked.CompareExchange(ref mostConcurrent, now, seen);
        }

        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref concurrent);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        requestCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (handlers.TryGetValue(path, out var handler))
        {
            await handler(context);
            return;
        }

        if (!documents.TryGetValue(path, out var document))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(document.Body))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = "Wed, 25 Nov 2026 08:00:00 GMT";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = document.ContentType;
        context.Response.ContentLength = document.Body.Length;
        await context.Response.Body.WriteAsync(document.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
