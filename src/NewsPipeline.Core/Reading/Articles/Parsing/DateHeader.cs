using System.Text.RegularExpressions;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

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

        var first = FirstVisible(root);
        if (first is not { Name: "div" } || HasBlockInside(first))
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

        if (date is null)
        {
            return default;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (i != dateIndex && segments[i].Length <= MaxAuthorLength && Byline().Replace(segments[i], string.Empty).Trim() is { Length: > 0 } author)
            {
                return new HeaderLine(date, author);
            }
        }

        return new HeaderLine(date, null);
    }

    // The first element, or the first text a reader would see, before the article.
    private static HtmlNode? FirstVisible(HtmlNode root)
    {
        foreach (var node in root.ChildNodes)
        {
            if (node.NodeType == HtmlNodeType.Element
                || (node.NodeType == HtmlNodeType.Text && !string.IsNullOrWhiteSpace(HtmlEntity.DeEntitize(node.InnerText).Replace('\u00A0', ' '))))
            {
                return node;
            }
        }

        return null;
    }

    // A header line holds text and inline markup only; a paragraph, image or block inside means it is the article.
    private static bool HasBlockInside(HtmlNode div)
    {
        foreach (var node in div.Descendants())
        {
            if (node.Name is "p" or "img" or "div")
            {
                return true;
            }
        }

        return false;
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
        segments.RemoveAll(s => s.Length == 0);
        return segments;
    }

    [GeneratedRegex(@"^(?:by\s+|作者\s*[:：]\s*|记者\s*[:：]?\s*|記者\s*[:：]?\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex Byline();
}
