using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// Writes a rendered response with a strong ETag (a hash of the exact bytes, so each format has its own), a
/// Last-Modified and Cache-Control, and answers 304 when the client already holds it.
/// </summary>
internal static class HttpCaching
{
    public static async Task WriteAsync(HttpContext context, byte[] body, string contentType, DateTimeOffset? lastModified, string cacheControl)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.Append(HeaderNames.Vary, "Accept");
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }

        if (NotModified(context.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and wins over If-Modified-Since.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }

        return lastModified is { } modified
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && modified.ToUniversalTime().AddTicks(-(modified.UtcTicks % TimeSpan.TicksPerSecond)) <= since;
    }
}
