using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace NewsPipeline.Core.Services.Fetching;

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
        // A private address refused at connect time is refused again on every attempt: no retry asks it twice.
        { Exception: HttpRequestException { InnerException: PrivateAddressRefusedException } } => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout } => true,
        _ => false,
    });

    /// <summary>What counts against a host's circuit: the standard handler's transient failures, less a refused address.</summary>
    public static ValueTask<bool> ShouldBreak(Outcome<HttpResponseMessage> outcome) =>
        ValueTask.FromResult(outcome.Exception is not HttpRequestException { InnerException: PrivateAddressRefusedException }
                             && HttpClientResiliencePredicates.IsTransient(outcome));

    /// <summary>
    /// How loud the feed client's resilience events are. Polly reports a handled attempt at Warning, a timed-out
    /// attempt at Error and the last failed attempt at Error, so one slow answer that the retry fixed printed `fail:`.
    /// The fetch stage logs a feed that failed in the end itself (Warning, with the reason), so here an attempt and a
    /// retry are Information at most; circuit-breaker events and every other pipeline keep Polly's levels.
    /// </summary>
    public static ResilienceEventSeverity Severity(SeverityProviderArguments args)
    {
        // The HTTP client factory names a client's standard pipeline "{client}-standard".
        var feedClient = args.Source.PipelineName is { } pipeline && pipeline.StartsWith(FeedFetcher.HttpClientName + "-", StringComparison.Ordinal);
        return (feedClient, args.Event.EventName) switch
        {
            (true, "OnRetry" or "OnTimeout") => ResilienceEventSeverity.Information,
            (true, "ExecutionAttempt") => ResilienceEventSeverity.Debug,
            _ => args.Event.Severity,
        };
    }
}
