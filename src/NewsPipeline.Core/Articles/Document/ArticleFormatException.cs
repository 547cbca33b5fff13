namespace NewsPipeline.Core.Articles.Document;

/// <summary>A document that is not an archived article; the message says what was expected and where.</summary>
public sealed class ArticleFormatException(string message) : FormatException(message);
