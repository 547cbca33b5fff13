using System.Globalization;
using System.Text;
using System.Xml;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Reading.Opml;

/// <summary>One feed outline of an OPML file, where it was, and what is wrong with it (null when nothing).</summary>
/// <param name="Category">The titles of the outlines it sits in, joined with " / " (a reader's folders).</param>
public sealed record OpmlEntry(int Line, string? Title, string? XmlUrl, string? HtmlUrl, string? Category, string? Problem);

/// <summary>
/// OPML 2.0, the file every feed reader imports and exports. Reading is strict about safety and lenient about shape:
/// no DTD is processed (an entity bomb is refused, not expanded), the file is capped in size and depth, folders nest
/// to any depth a reader writes, and an outline without <c>xmlUrl</c> is a folder, not an error.
/// </summary>
public static class Opml
{
    /// <summary>Large enough for a 100,000-feed export (~25 MB would be far beyond any reader's).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private const int MaxDepth = 32;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Every feed outline in document order; a file that is not OPML (or not XML) throws <see cref="FormatException"/> naming the line.</summary>
    public static IReadOnlyList<OpmlEntry> Read(Stream opml)
    {
        ArgumentNullException.ThrowIfNull(opml);
        var entries = new List<OpmlEntry>();
        var folders = new Stack<string?>();
        var sawRoot = false;
        try
        {
            using var reader = XmlReader.Create(opml, Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "outline")
                {
                    folders.Pop();
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (!sawRoot)
                {
                    if (reader.LocalName != "opml")
                    {
                        throw new FormatException($"The file is XML but not OPML: its root element is <{reader.LocalName}>, not <opml>.");
                    }

                    sawRoot = true;
                    continue;
                }

                if (reader.LocalName != "outline")
                {
                    continue;
                }

                var line = (reader as IXmlLineInfo)?.LineNumber ?? 0;
                var title = Clean(reader.GetAttribute("title")) ?? Clean(reader.GetAttribute("text"));
                var xmlUrl = Clean(reader.GetAttribute("xmlUrl"));
                var htmlUrl = Clean(reader.GetAttribute("htmlUrl"));
                var isFolder = xmlUrl is null && !string.Equals(reader.GetAttribute("type"), "rss", StringComparison.OrdinalIgnoreCase);
                if (!isFolder)
                {
                    var category = folders.Count == 0 ? null : string.Join(" / ", folders.Reverse().Where(f => f is not null));
                    entries.Add(new OpmlEntry(line, title, xmlUrl, htmlUrl, category is { Length: > 0 } ? category : null, ProblemOf(xmlUrl)));
                }

                if (!reader.IsEmptyElement)
                {
                    if (folders.Count >= MaxDepth)
                    {
                        throw new FormatException($"Outlines are nested more than {MaxDepth} deep at line {line}: no feed reader writes that.");
                    }

                    folders.Push(isFolder ? title : null);
                }
            }
        }
        catch (XmlException e) when (InputErrors.IsDtd(e))
        {
            throw new FormatException($"The file cannot be imported: {InputErrors.Xml(e)}. An OPML file needs no DTD: remove its <!DOCTYPE …> and import it again.", e);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The file is not well-formed OPML: {InputErrors.Xml(e)}.", e);
        }

        if (!sawRoot)
        {
            throw new FormatException("The file is empty: an OPML file starts with <opml>.");
        }

        return entries;
    }

    /// <summary>An OPML 2.0 document of <paramref name="feeds"/>, in one folder per category (the Title's "a / b" prefix is not split: titles stay as they are).</summary>
    public static string Write(IEnumerable<FeedRecord> feeds, DateTimeOffset created, string title = "NewsPipeline feeds")
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = System.Text.Encoding.UTF8 }))
        {
            writer.WriteStartElement("opml");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("head");
            writer.WriteElementString("title", title);
            writer.WriteElementString("dateCreated", created.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteStartElement("body");
            var list = feeds.ToList();
            // A feed read from a local file exists on this machine only, and no reader could import its path.
            var local = list.Count(f => !IsWebAddress(f.Url));
            if (local > 0)
            {
                writer.WriteComment($" {local} feed(s) read from local files are left out: their paths mean nothing elsewhere. ");
            }

            WriteFolder(writer, list.Where(f => IsWebAddress(f.Url)).Select(f => (Path: FolderPath(f.Category), Feed: f)).ToList(), 0);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        // StringBuilder output declares utf-16; the file is written as UTF-8.
        // A text file ends with a line break (a shell prompt after `newsfeed feeds export` starts on its own line).
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    // Folders nest as they were imported: "News / World" is an outline "World" inside an outline "News".
    private static void WriteFolder(XmlWriter writer, List<(string[] Path, FeedRecord Feed)> feeds, int depth)
    {
        foreach (var feed in feeds.Where(f => f.Path.Length == depth).Select(f => f.Feed).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            writer.WriteStartElement("outline");
            writer.WriteAttributeString("type", "rss");
            writer.WriteAttributeString("text", feed.Title ?? feed.Name);
            writer.WriteAttributeString("title", feed.Title ?? feed.Name);
            writer.WriteAttributeString("xmlUrl", feed.Url);
            if (feed.SiteUrl is not null)
            {
                writer.WriteAttributeString("htmlUrl", feed.SiteUrl);
            }

            writer.WriteEndElement();
        }

        foreach (var folder in feeds.Where(f => f.Path.Length > depth).GroupBy(f => f.Path[depth], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteStartElement("outline");
            writer.WriteAttributeString("text", folder.Key);
            writer.WriteAttributeString("title", folder.Key);
            WriteFolder(writer, folder.ToList(), depth + 1);
            writer.WriteEndElement();
        }
    }

    private static string[] FolderPath(string? category) =>
        category is null ? [] : category.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string? ProblemOf(string? xmlUrl)
    {
        if (xmlUrl is null)
        {
            return "it has no xmlUrl";
        }

        if (!Uri.TryCreate(xmlUrl, UriKind.Absolute, out var uri))
        {
            return $"its xmlUrl '{xmlUrl}' is not an absolute URL";
        }

        return uri.Scheme is "http" or "https" ? null : $"its xmlUrl is a '{uri.Scheme}:' address; feeds are http(s) URLs";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
