using System.Text.RegularExpressions;
using HtmlAgilityPack;
using NewsPipeline.Core.Dates;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>What the visible header line of an archived article says: the outlet's date, and on some outlets the author before it.</summary>
internal readonly record struct HeaderLine(ParsedDate? Date, string? Author);

/// <summary>
/// Reads the header line archivers put before the article: <c>&lt;div&gt;&lt;i&gt;{date}&lt;/i&gt;&lt;/div&gt;</c>, or
/// <c>{author}&lt;br&gt;{date}</c> on outlets that credit the writer there. Only the first element counts: a date
/// further down is part of the story ("the talks of 12/01/2022"), not its publication time.
/// </summary>
internal static partial class DateHeader
{
    private const int MaxAuthorLength = 80;

    /// <param name="language">The document's language, which decides what an ambiguous zone abbreviation (CST) means.</param>
    public static HeaderLine Read(HtmlNode root, string? rawDate, string? language = null)
    {
        if (rawDate is not null)
        {
            return new HeaderLine(LenientDateParser.TryParse(rawDate, language, out var raw) ? raw : null, null);
        }

        var first = root.ChildNodes.FirstOrDefault(n => n.NodeType == HtmlNodeType.Element
            || (n.NodeType == HtmlNodeType.Text && !string.IsNullOrWhiteSpace(HtmlEntity.DeEntitize(n.InnerText).Replace('\u00A0', ' '))));
        if (first is not { Name: "div" } || first.Descendants().Any(n => n.Name is "p" or "img" or "div"))
        {
            return default;
        }

        var line = first.Element("i") ?? first.Element("em") ?? first;
        var segments = Segments(line);
        ParsedDate? date = null;
        var dateIndex = -1;
        for (var i = segments.Count - 1; i >= 0 && date is null; i--)
        {
            if (LenientDateParser.TryParse(segments[i], language, out var parsed))
            {
                date = parsed;
                dateIndex = i;
            }
        }

        var author = segments.Where((s, i) => i != dateIndex && s.Length is > 0 and <= MaxAuthorLength)
            .Select(s => Byline().Replace(s, string.Empty).Trim()).FirstOrDefault(s => s.Length > 0);
        return new HeaderLine(date, date is null ? null : author);
    }

    // The text of the line split where <br> breaks it.
    private static List<string> Segments(HtmlNode line)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var node in line.ChildNodes)
        {
            if (node.Name == "br")
            {
                segments.Add(TextCleaner.Clean(current.ToString()));
                current.Clear();
            }
            else
            {
                current.Append(node.InnerText);
            }
        }

        segments.Add(TextCleaner.Clean(current.ToString()));
        return segments.Where(s => s.Length > 0).ToList();
    }

    [GeneratedRegex(@"^(?:by\s+|作者\s*[:：]\s*|记者\s*[:：]?\s*|記者\s*[:：]?\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex Byline();
}
