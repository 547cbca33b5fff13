using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// How long a client or a shared cache may reuse a response without asking: briefly (<c>Api__MaxAgeSeconds</c>, 30 s).
/// Rows do not land only at fetch time: a parse finishes whenever Event Grid delivers, an import or a reindex runs at
/// any moment, a reconciliation pass parses what an outage left. So a response may be stale as soon as it is sent, and
/// the fetch schedule says nothing about when. A short max-age bounds the staleness; after it, the strong ETag makes
/// the revalidation cheap (a 304 with no body), so polling clients pay little for seeing new rows soon.
/// </summary>
public sealed class ApiCachePolicy(IOptions<ApiOptions> options)
{
    public TimeSpan MaxAge() => TimeSpan.FromSeconds(options.Value.MaxAgeSeconds);

    // no-cache would force a round trip on every read; must-revalidate stops a cache serving it stale once max-age ends.
    public string CacheControl() => $"public, max-age={options.Value.MaxAgeSeconds}, must-revalidate";
}
