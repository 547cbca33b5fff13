using System.Net;
using Polly;
using Polly.Timeout;

namespace NewsPipeline.Core.Feeds.Fetching;

/// <summary>Per-request resilience settings carried to the standard handler, so that a feed's own timeout applies to its attempts.</summary>
internal static class FetchResilience
{
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("NewsPipeline.Fetch.AttemptTimeout");

    /// <summary>
    /// Transient failures worth an immediate retry. 429 and 503 are not among them: the fetcher honours their
    /// Retry-After by not asking that feed again before then, rather than by holding a pass open.
    /// </summary>
    public static ValueTask<bool> ShouldRetry(Outcome<HttpResponseMessage> outcome) => ValueTask.FromResult(outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout } => true,
        _ => false,
    });
}
