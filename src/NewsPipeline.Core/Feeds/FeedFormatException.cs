namespace NewsPipeline.Core.Feeds;

/// <summary>A document that cannot be read as a feed; the message says why, for the operator.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : FormatException(message, inner);
