namespace NewsPipeline.Core.Feeds.Fetching;

/// <summary>A feed that could not be fetched; the message says what happened, for the feed's state and the log.</summary>
public sealed class FeedFetchException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
