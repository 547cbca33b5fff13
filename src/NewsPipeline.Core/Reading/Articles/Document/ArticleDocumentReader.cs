using System.Globalization;
using System.Text.RegularExpressions;

using NewsPipeline.Core.Reading.Text;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>
/// Reads the archived-article format and the variants other archivers of the same family write:
/// YAML front matter before the comment line, no comment line at all with a <c>日期：</c> line after
/// the dashes, and titles that wrap over several lines.
/// </summary>
public static partial class ArticleDocumentReader
{
    public static ArticleDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new LineCursor(text.TrimStart('\uFEFF'));

        var frontMatter = ReadFrontMatter(lines);
        DateTimeOffset? feedPublished = null;
        lines.SkipBlank();
        if (lines.Current is { } first && CommentLine().Match(first) is { Success: true } comment)
        {
            feedPublished = FromUnixDigits(comment.Groups[1].Value);
            lines.Advance();
        }

        var (title, url) = ReadTitleAndLink(lines);

        lines.SkipBlank();
        string? rawDate = null;
        if (lines.CurrentStart.TrimStart().StartsWith("日期", StringComparison.Ordinal)
            && lines.Current is { } dateLine && DateLine().Match(dateLine) is { Success: true } date)
        {
            rawDate = date.Groups[1].Value.Trim();
            lines.Advance();
        }

        var html = lines.Rest();
        return new ArticleDocument(feedPublished, title, url, html, rawDate, frontMatter);
    }

    private static Dictionary<string, string>? ReadFrontMatter(LineCursor lines)
    {
        lines.SkipBlank();
        if (lines.Current?.TrimEnd() != "---")
        {
            return null;
        }

        lines.Advance();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (lines.Current is { } line)
        {
            lines.Advance();
            if (line.TrimEnd() == "---")
            {
                return values;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"', '\'');
            }
        }

        throw new ArticleFormatException("The YAML front matter opened with '---' is never closed.");
    }

    private static (string Title, string Url) ReadTitleAndLink(LineCursor lines)
    {
        var header = new List<string>();
        while (lines.Current is { } line && !Dashes().IsMatch(line))
        {
            if (line.Length >= LineCursor.MaxInspected)
            {
                throw new ArticleFormatException($"A header line is over {LineCursor.MaxInspected:N0} characters: expected '[title](url)' followed by a line of dashes.");
            }

            header.Add(line.Trim());
            lines.Advance();
            if (header.Count > 20)
            {
                throw new ArticleFormatException("No '------' line after the title: expected '[title](url)' followed by a line of dashes.");
            }
        }

        if (lines.Current is null)
        {
            throw new ArticleFormatException("No '------' line: the document does not have the '[title](url)' header of an archived article.");
        }

        lines.Advance();
        var link = JoinTitleLines(header.Where(h => h.Length > 0));
        // Titles may themselves contain "[", "]" and "(": the link target is the part after the last "](".
        var split = link.LastIndexOf("](", StringComparison.Ordinal);
        if (!link.StartsWith('[') || !link.EndsWith(')') || split < 1)
        {
            throw new ArticleFormatException($"The header line is not '[title](url)': \"{Shorten(link)}\".");
        }

        var title = link[1..split].Trim();
        var url = link[(split + 2)..^1].Trim();
        // On Unix "/path" parses as an absolute file: URI; an article's address is http(s) and nothing else.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.StartsWith('/'))
        {
            throw new ArticleFormatException($"The article link is not an absolute URL (http or https): \"{Shorten(url)}\".");
        }

        return (title, url);
    }

    // A title wrapped between two Chinese characters had no space there; one wrapped between English words had.
    private static string JoinTitleLines(IEnumerable<string> lines)
    {
        var joined = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (joined.Length > 0 && !(CjkCharacters.IsCjkOrCjkPunctuation(joined[^1]) && CjkCharacters.IsCjkOrCjkPunctuation(line[0])))
            {
                joined.Append(' ');
            }

            joined.Append(line);
        }

        return joined.ToString();
    }

    private static DateTimeOffset? FromUnixDigits(string digits)
    {
        var value = long.Parse(digits, CultureInfo.InvariantCulture);
        // Some archivers wrote seconds rather than milliseconds.
        return digits.Length <= 10 ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"^\s*<!--\s*(\d{9,13})\s*-->\s*$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^\s*-{3,}\s*$")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"^\s*日期[：:]\s*(.*)$")]
    private static partial Regex DateLine();

    /// <summary>Walks the lines of a document without splitting the (possibly large) body into an array.</summary>
    private sealed class LineCursor(string text)
    {
        public const int MaxInspected = 8192;

        private int position;

        public string? Current
        {
            get
            {
                if (position >= text.Length)
                {
                    return null;
                }

                // Only header lines are inspected whole; the body line may be megabytes, and copying it to look at
                // its start is waste.
                var end = text.IndexOf('\n', position);
                var length = Math.Min((end < 0 ? text.Length : end) - position, MaxInspected);
                return text.Substring(position, length).TrimEnd('\r');
            }
        }

        /// <summary>The current line without copying it (up to <see cref="MaxInspected"/> characters, with any trailing <c>\r</c>).</summary>
        public ReadOnlySpan<char> CurrentStart
        {
            get
            {
                if (position >= text.Length)
                {
                    return [];
                }

                var end = text.IndexOf('\n', position);
                return text.AsSpan(position, Math.Min((end < 0 ? text.Length : end) - position, MaxInspected));
            }
        }

        public void Advance()
        {
            var end = text.IndexOf('\n', position);
            position = end < 0 ? text.Length : end + 1;
        }

        public void SkipBlank()
        {
            while (position < text.Length && CurrentStart.IsWhiteSpace())
            {
                Advance();
            }
        }

        public ReadOnlyMemory<char> Rest() => position >= text.Length ? ReadOnlyMemory<char>.Empty : text.AsMemory(position).Trim();
    }
}
