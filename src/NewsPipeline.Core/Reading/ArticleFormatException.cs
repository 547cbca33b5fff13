using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Reading;

/// <summary>A document that is not an archived article; the message says what was expected and where, as a reason (no final period: see <see cref="ReasonText"/>).</summary>
public sealed class ArticleFormatException(string message) : FormatException(ReasonText.WithoutFinalPeriod(message));
