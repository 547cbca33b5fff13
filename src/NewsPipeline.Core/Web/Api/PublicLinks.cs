using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// Builds the links a response carries from the configured public address and the request's path, never from its
/// Host header: responses are cacheable, and a Host a client forged must not reach what other clients are served.
/// </summary>
public sealed class PublicLinks
{
    private readonly string? baseUrl;

    public PublicLinks(IOptions<ApiOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        // App Service and Functions set WEBSITE_HOSTNAME to the app's default host name, from the platform, not the client.
        var hostName = configuration["WEBSITE_HOSTNAME"];
        baseUrl = options.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/')
            ?? (string.IsNullOrWhiteSpace(hostName) ? null : "https://" + hostName.Trim());
    }

    /// <summary>This route with <paramref name="query"/>: absolute under the public address, else host-relative.</summary>
    public string For(HttpRequest request, QueryString query)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = (request.PathBase + request.Path).ToUriComponent() + query.ToUriComponent();
        return baseUrl is null ? path : baseUrl + path;
    }

    /// <summary>A path of this app (<c>/feed/bbc?cursor=…</c>): absolute under the public address, else host-relative.</summary>
    public string ForPath(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return baseUrl is null ? pathAndQuery : baseUrl + pathAndQuery;
    }
}
