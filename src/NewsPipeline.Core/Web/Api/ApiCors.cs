using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// Cross-origin reads of the public, read-only routes (<c>GET</c>/<c>HEAD</c> of <c>/api/items</c>,
/// <c>/api/items/{id}</c>, <c>/api/changes</c>, <c>/api/feeds</c>) for the origins <c>Api__CorsOrigins</c> names, so a
/// browser-based client can call the API. Only those endpoints call it: the registry's changes (<c>POST</c>/<c>DELETE
/// /api/feeds…</c>) and the reader accounts never answer a cross-origin request, so a page elsewhere can neither read an
/// account's state nor get a preflight past for a change.
/// </summary>
/// <remarks>
/// No credentials are ever allowed: the routes are public, so <c>*</c> is safe, and a cookie must never ride along.
/// </remarks>
public sealed class ApiCors
{
    /// <summary>Response headers a client needs beyond the CORS-safelisted ones: revalidation and back-off.</summary>
    private const string Exposed = "ETag, Retry-After";

    /// <summary>Request headers a preflight may ask for: the conditional GET the API answers with 304.</summary>
    private const string AllowedHeaders = "If-None-Match, If-Modified-Since";

    private readonly bool any;
    private readonly HashSet<string> origins;

    public ApiCors(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listed = ApiOptions.CorsOriginList(options.Value.CorsOrigins);
        any = listed.Contains("*");
        origins = new HashSet<string>(listed.Where(o => o != "*"), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Adds the CORS headers a GET or HEAD from an allowed origin needs, and answers an <c>OPTIONS</c> itself (a
    /// preflight, or a plain question of what is allowed). True when the request has been answered.
    /// </summary>
    public bool Handle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        if (!any && origins.Count > 0)
        {
            // A cache must not hand one origin's answer to another.
            response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        }

        var origin = request.Headers.Origin.ToString();
        var allowed = origin.Length > 0 && (any || origins.Contains(origin));
        if (HttpMethods.IsOptions(request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.Allow = "GET, HEAD, OPTIONS";
            var asked = request.Headers.AccessControlRequestMethod.ToString();
            if (allowed && (HttpMethods.IsGet(asked) || HttpMethods.IsHead(asked)))
            {
                response.Headers.AccessControlAllowOrigin = any ? "*" : origin;
                response.Headers.AccessControlAllowMethods = "GET, HEAD";
                response.Headers.AccessControlAllowHeaders = AllowedHeaders;
                response.Headers.AccessControlMaxAge = "600";
            }

            return true;
        }

        if (allowed && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            response.Headers.AccessControlAllowOrigin = any ? "*" : origin;
            response.Headers.AccessControlExposeHeaders = Exposed;
        }

        return false;
    }
}
