using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Web.Api;

/// <summary>Settings of the HTTP API (<c>Api__…</c>).</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>
    /// How long one request may spend on storage, retries included, before it is answered 503. Well under the
    /// Functions HTTP limit (230 s, the front end's idle timeout) and under a client's patience: a reader that gets
    /// 503 with Retry-After comes back, one that waits minutes has gone.
    /// </summary>
    [Range(1, 120)]
    public int StorageBudgetSeconds { get; set; } = 10;

    /// <summary>
    /// The address clients reach the API at (<c>https://news.example.org</c>), for the links a response carries
    /// (<c>next</c>, JSON Feed <c>feed_url</c>/<c>next_url</c>, RSS <c>link</c>). Never the request's Host header: a
    /// forged Host would be echoed into responses that caches share. Unset: <c>https://{WEBSITE_HOSTNAME}</c> in
    /// Azure, else links relative to the host (<c>/api/items?cursor=…</c>).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The key <c>newsfeed run</c> asks of changes to the registry (<c>POST</c>/<c>DELETE /api/feeds…</c>, header
    /// <c>x-functions-key</c> or <c>?code=</c>, as Azure asks a function key). Unset: every change is refused with 401.
    /// The Functions app ignores it: there the host checks its own function keys.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// How long the change feed holds the newest indexings back (<c>GET /api/changes</c>): longer than an indexing takes
    /// from taking its place to writing its row, and than the clocks of two instances differ, so that a poller's cursor
    /// never passes an article that is about to land behind it.
    /// </summary>
    /// <summary>How long a response may be reused without revalidating (see <see cref="ApiCachePolicy"/>).</summary>
    [Range(0, 3600)]
    public int MaxAgeSeconds { get; set; } = 30;

    [Range(0, 3600)]
    public int ChangesSettleSeconds { get; set; } = 60;

    /// <summary>What a 503 asks the client to wait before trying again (<c>Retry-After</c>).</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// The origins allowed to read the public API from a browser (<c>https://app.example.org</c>, several separated by
    /// commas or spaces, or <c>*</c> for any): <c>GET</c>/<c>HEAD</c> of items, changes and feeds only (<see cref="ApiCors"/>).
    /// Empty (the default): no cross-origin reads.
    /// </summary>
    public string? CorsOrigins { get; set; }

    /// <summary>The entries of <see cref="CorsOrigins"/>, each an origin as a browser sends it or <c>*</c>.</summary>
    public static IReadOnlyList<string> CorsOriginList(string? value) =>
        (value ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o == "*" ? o : o.TrimEnd('/')).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in CorsOriginList(CorsOrigins).Where(o => o != "*"))
        {
            // An origin is scheme, host and port: a path or query would never equal what a browser sends.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase) || uri.UserInfo.Length > 0)
            {
                yield return new ValidationResult($"Api__CorsOrigins: '{origin}' is not an origin; name each as scheme://host[:port] (https://app.example.org), or * for any.",
                    [nameof(CorsOrigins)]);
            }
        }

        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            yield return new ValidationResult($"Api__PublicBaseUrl '{url}' must be an absolute http(s) address without query or fragment, like https://news.example.org.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
