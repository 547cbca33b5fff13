using System.Globalization;
using System.Text.Json;
using System.Xml;
using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Reading;

/// <summary>
/// What was wrong with XML or JSON a user or a feed sent, in this project's words. The readers' own messages are
/// written for the programmer who configured them: "To enable DTD processing set the DtdProcessing property on
/// XmlReaderSettings…", "Reference to undeclared entity", "LineNumber: 0 | BytePositionInLine: 5". Those are turned
/// into what the input did and what to do about it; where a message needs no turning it is kept.
/// </summary>
/// <remarks>
/// The runtime's XML messages are told apart by their opening words: .NET ships them in English only (no satellite
/// resources on any platform this runs on), and the tests that hold the wording fail if a runtime changes them.
/// </remarks>
public static class InputErrors
{
    /// <summary>The opening of the reader's message when the input declares a DTD and DTDs are prohibited.</summary>
    private const string DtdProhibited = "For security reasons DTD is prohibited";

    /// <summary>The opening of the reader's message for a reference to an entity nothing defines (a DTD's, when DTDs are ignored).</summary>
    private const string UndeclaredEntity = "Reference to undeclared entity";

    /// <summary>Whether the XML was refused for declaring a DTD (<c>&lt;!DOCTYPE … [ … ]&gt;</c>).</summary>
    public static bool IsDtd(XmlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Message.StartsWith(DtdProhibited, StringComparison.Ordinal);
    }

    /// <summary>
    /// What is wrong with the XML, as a clause to follow "Not well-formed XML: " or the like (lower-case start, no
    /// final period): a DTD or an entity it declares named as such, anything else as the reader says it, with its line.
    /// </summary>
    public static string Xml(XmlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (IsDtd(exception))
        {
            return "it declares a DTD (<!DOCTYPE … [ … ]>), and DTDs are never processed here: one can expand entities without bound (an entity bomb) or read local files";
        }

        if (message.StartsWith(UndeclaredEntity, StringComparison.Ordinal))
        {
            var name = Quoted(message);
            var entity = name is null ? "an entity" : $"the entity &{name};";
            return $"{entity} ({Position(exception)}) is defined nowhere this reader looks: entities a DTD (<!DOCTYPE …>) declares are never expanded here, which refuses entity bombs and reads of local files";
        }

        return ReasonText.WithoutFinalPeriod(message);
    }

    /// <summary>
    /// Where JSON stops being JSON, as a clause to follow "not valid JSON": "at line 1, byte 12" (the reader's
    /// <c>LineNumber</c> and <c>BytePositionInLine</c>, counted from 1 as an editor counts them).
    /// </summary>
    public static string JsonPosition(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"at line {line + 1}, byte {position + 1}")
            : "somewhere in it";
    }

    /// <summary>The JSON property a value of the wrong type was found in (<c>$.url</c> gives "url"), or null for the whole document.</summary>
    public static string? JsonProperty(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path;
        return path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Position(XmlException exception) =>
        exception.LineNumber > 0
            ? string.Create(CultureInfo.InvariantCulture, $"line {exception.LineNumber}, position {exception.LinePosition}")
            : "in the document";

    private static string? Quoted(string message)
    {
        var open = message.IndexOf('\'', StringComparison.Ordinal);
        var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
        return close > open + 1 ? message[(open + 1)..close] : null;
    }
}
