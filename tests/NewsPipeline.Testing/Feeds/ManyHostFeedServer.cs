using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Testing.Feeds;

/// <summary>
/// Many news sites on one machine: one Kestrel listening on HOSTS loopback addresses (127.77.x.y — all of 127.0.0.0/8
/// is loopback), one port, each address a "host" with its own feeds. Answers conditional GETs with 304, and counts
/// requests and the most requests any one host was answering at once (politeness: must stay 1).
/// </summary>
internal sealed class ManyHostFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int itemsPerFeed;
    private readonly int[] versions;
    private readonly ConcurrentDictionary<string, int> busy = new(StringComparer.Ordinal);
    private int requests;
    private int notModified;
    private int mostAtOnceOnOneHost;

    private ManyHostFeedServer(WebApplication app, int hosts, int feeds, int itemsPerFeed, int port)
    {
        this.app = app;
        this.itemsPerFeed = itemsPerFeed;
        versions = new int[feeds];
        Hosts = hosts;
        Port = port;
    }

    public int Hosts { get; }
    public int Port { get; }
    public int Requests => requests;
    public int NotModified => notModified;
    public int MostAtOnceOnOneHost => mostAtOnceOnOneHost;

    public static async Task<ManyHostFeedServer> StartAsync(int hosts, int feeds, int itemsPerFeed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hosts, 250 * 250);
        var port = AzuriteProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var h = 0; h < hosts; h++)
            {
                kestrel.Listen(AddressOf(h), port);
            }
        });
        var app = builder.Build();
        var server = new ManyHostFeedServer(app, hosts, feeds, itemsPerFeed, port);
        app.Run(server.AnswerAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Feed <paramref name="feed"/> lives on host feed mod HOSTS, so each host carries FEEDS/HOSTS feeds.</summary>
    public string UrlOf(int feed) => $"http://{AddressOf(feed % Hosts)}:{Port.ToString(CultureInfo.InvariantCulture)}/f{feed.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>Gives <paramref name="feed"/> one new item (a new version, so a new ETag).</summary>
    public void Change(int feed) => Interlocked.Increment(ref versions[feed]);

    public void ResetCounters()
    {
        requests = 0;
        notModified = 0;
    }

    private static IPAddress AddressOf(int host) => new([127, 77, (byte)(1 + (host / 250)), (byte)(1 + (host % 250))]);

    private async Task AnswerAsync(HttpContext context)
    {
        var host = context.Connection.LocalIpAddress?.ToString() ?? "?";
        var now = busy.AddOrUpdate(host, 1, (_, n) => n + 1);
        for (var seen = mostAtOnceOnOneHost; now > seen; seen = mostAtOnceOnOneHost)
        {
            Interlocked.CompareExchange(ref mostAtOnceOnOneHost, now, seen);
        }

        try
        {
            Interlocked.Increment(ref requests);
            var path = context.Request.Path.Value ?? "";
            if (!path.StartsWith("/f", StringComparison.Ordinal) || !path.EndsWith(".xml", StringComparison.Ordinal)
                || !int.TryParse(path.AsSpan(2, path.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var feed) || feed >= versions.Length)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var version = Volatile.Read(ref versions[feed]);
            var etag = $"\"{feed}-{version}\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                Interlocked.Increment(ref notModified);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Rss(feed, version)), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            busy.AddOrUpdate(host, 0, (_, n) => n - 1);
        }
    }

    // ITEMS items, the newest one per version: a changed feed has exactly one item the store has not seen.
    private string Rss(int feed, int version)
    {
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title><link>https://feed{feed}.example/</link>");
        for (var i = version + itemsPerFeed - 1; i >= version; i--)
        {
            xml.Append(CultureInfo.InvariantCulture,
                $"<item><title>Story {feed}-{i}</title><link>https://feed{feed}.example/story/{i}</link><pubDate>{new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i):R}</pubDate><description>Story {i} of feed {feed}.</description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
