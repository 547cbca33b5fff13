using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Testing.Feeds;

/// <summary>A news site of invented feeds on a free port of 127.0.0.1: <c>/feed{n}.xml</c>, each with its own items.</summary>
internal sealed class SyntheticFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SyntheticFeedServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SyntheticFeedServer> StartAsync(int feeds, int itemsPerFeed, CancellationToken cancellationToken)
    {
        var documents = Enumerable.Range(1, feeds).ToDictionary(f => $"/feed{f}.xml", f => Encoding.UTF8.GetBytes(Rss(f, itemsPerFeed)));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(LoopbackAddress.AnyFreePort);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (!documents.TryGetValue(context.Request.Path.Value ?? "", out var body))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SyntheticFeedServer(app, LoopbackAddress.Of(app));
    }

    /// <summary>The Feeds setting for all of this server's feeds.</summary>
    public string FeedsSetting(int feeds) => string.Join(';', Enumerable.Range(1, feeds).Select(f => $"feed{f}={new Uri(BaseAddress, $"feed{f}.xml")}"));

    public static string Rss(int feed, int items)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title><link>https://feed{feed}.example/</link>");
        for (var i = 0; i < items; i++)
        {
            xml.Append(CultureInfo.InvariantCulture,
                $"<item><title>Story {feed}-{i}</title><link>https://feed{feed}.example/story/{i}</link><pubDate>{new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).AddMinutes(feed):R}</pubDate><description><![CDATA[<p>Paragraph one of story {i} from feed {feed}, long enough to summarise.</p><p>Second paragraph.</p>]]></description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
