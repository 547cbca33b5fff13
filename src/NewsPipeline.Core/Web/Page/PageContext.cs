using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>One page response in the making: its nonce, its links, and the time spent on storage and on rendering.</summary>
internal sealed class PageContext(HttpContext http, PageAssets assets, PublicLinks links, PageSecurity security)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private TimeSpan storage;

    public HttpContext Http { get; } = http;
    public PageAssets Assets { get; } = assets;
    public PageSecurity Security { get; } = security;
    public string Nonce { get; } = PageSecurity.NewNonce();

    /// <summary>A link to a path of this app, from the configured public address (never the request's Host).</summary>
    public string Link(string pathAndQuery) => links.ForPath(pathAndQuery);

    /// <summary>Runs a storage read and counts its time for <c>Server-Timing</c>.</summary>
    public async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await read(Http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            storage += Stopwatch.GetElapsedTime(start);
        }
    }

    public Task WriteAsync(string html, int status = StatusCodes.Status200OK)
    {
        var response = Http.Response;
        Security.Apply(response, Nonce);
        var total = Stopwatch.GetElapsedTime(started);
        // What the performance docs report per view: storage reads and the rest (rendering), in milliseconds.
        response.Headers["Server-Timing"] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"storage;dur={storage.TotalMilliseconds:0.0}, render;dur={(total - storage).TotalMilliseconds:0.0}");
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        var body = System.Text.Encoding.UTF8.GetBytes(html);
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(Http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, Http.RequestAborted).AsTask();
    }

    /// <summary>A page that says what was wrong (a bad cursor, an unknown feed): never a 500 for what a client sends.</summary>
    public Task WriteMessageAsync(int status, string title, string message)
    {
        var html = PageLayout.Open(this, title, PageSection.Other);
        html.Append("<h1>").Text(title).Append("</h1><p>").Text(message).Append("</p><p><a href=\"").Attr(Link("/")).Append("\">Latest items</a></p>");
        return WriteAsync(PageLayout.Close(html, this), status);
    }
}
