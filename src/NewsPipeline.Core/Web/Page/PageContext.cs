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

    /// <summary>The signed-in reader, or null for an anonymous visitor (who sees what <c>/api/items</c> shows).</summary>
    public PageUser? User { get; set; }

    /// <summary>This request's own path and query, for a form to come back to.</summary>
    public string Here => Http.Request.Path.ToUriComponent() + Http.Request.QueryString.ToUriComponent();

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
    /// <summary>After a form post: back to a page of this app (never elsewhere: only a local path is followed).</summary>
    public void SeeOther(string? path)
    {
        var local = path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal) ? path : "/";
        PageSecurity.ApplyCommon(Http.Response);
        Http.Response.StatusCode = StatusCodes.Status303SeeOther;
        Http.Response.Headers.Location = Link(local);
        Http.Response.Headers.CacheControl = "no-store";
    }

    public Task WriteMessageAsync(int status, string title, string message)
    {
        var html = PageLayout.Open(this, title, PageSection.Other);
        html.Append("<h1>").Text(title).Append("</h1><p>").Text(message).Append("</p><p><a href=\"").Attr(Link("/")).Append("\">Latest items</a></p>");
        return WriteAsync(PageLayout.Close(html, this), status);
    }
}
