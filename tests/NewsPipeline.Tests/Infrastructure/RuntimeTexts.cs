namespace NewsPipeline.Tests.Infrastructure;

/// <summary>
/// Words of .NET's own XML and JSON messages, written for the programmer who configured the reader: none may reach a
/// user (issue 26). Whatever the project says about bad input says what was wrong with it in its own words.
/// </summary>
internal static class RuntimeTexts
{
    public static readonly string[] Forbidden =
    [
        "DtdProcessing", "XmlReaderSettings", "XmlReader.Create", "undeclared entity", "System.Text.Json", "JsonException",
        "LineNumber", "BytePositionInLine",
    ];

    public static void AssertNone(string text)
    {
        foreach (var forbidden in Forbidden)
        {
            Assert.False(text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"'{forbidden}' reached the user:\n{text}");
        }
    }
}
