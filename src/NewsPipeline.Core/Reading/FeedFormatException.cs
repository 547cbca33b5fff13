using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Reading;

/// <summary>A document that cannot be read as a feed; the message says why, for the operator, as a reason (no final period: see <see cref="ReasonText"/>).</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : FormatException(ReasonText.WithoutFinalPeriod(message), inner);
