using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Services.Fetching;

/// <summary>A feed that could not be fetched; the message says what happened, for the feed's state and the log, as a reason (no final period: see <see cref="ReasonText"/>).</summary>
/// <param name="RetryAfter">When the server asked (429/503 Retry-After) not to be asked again before a time.</param>
public sealed class FeedFetchException(string message, int? status = null, Exception? inner = null, DateTimeOffset? retryAfter = null)
    : Exception(ReasonText.WithoutFinalPeriod(message), inner)
{
    public int? Status { get; } = status;
    public DateTimeOffset? RetryAfter { get; } = retryAfter;
}
