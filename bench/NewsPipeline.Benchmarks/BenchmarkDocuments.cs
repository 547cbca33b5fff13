using System.Text;
using NewsPipeline.Core.Reading.Articles.Document;

namespace NewsPipeline.Benchmarks;

/// <summary>The documents the benchmarks parse: the team's fixture, and a mixed set built from the golden catalogue.</summary>
internal static class BenchmarkDocuments
{
    public const int MixedSetSize = 100;
    public const int PageSetSize = 20;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "articles");

    /// <summary>../shared/fixtures/voa-biden-putin-call.md where the repository has it beside, else the golden document modelled on it.</summary>
    public static string Fixture()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "fixtures", "voa-biden-putin-call.md");
            if (File.Exists(shared))
            {
                return File.ReadAllText(shared);
            }
        }

        return File.ReadAllText(Path.Combine(Folder, "14-caption-in-div-small.md"));
    }

    /// <summary>The fixture's item HTML as a page, for a reader that only takes pages.</summary>
    public static string FixtureAsPage()
    {
        var document = ArticleDocumentReader.Read(Fixture());
        return $"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{document.Title}</title>
            <meta property="og:title" content="{document.Title}"><meta property="og:url" content="{document.Url}">
            <meta property="article:published_time" content="{document.FeedPublished:O}"></head>
            <body><article>{document.Html}</article></body></html>
            """;
    }

    public static string FixtureUrl() => ArticleDocumentReader.Read(Fixture()).Url;

    /// <summary>
    /// 100 documents: the golden catalogue (archived articles of every variant and HTML pages, 0.3–2 KB) once as
    /// written and again lengthened to full-article size (~20 KB), as real archives mix short items and long reads.
    /// </summary>
    public static string[] MixedSet()
    {
        var golden = Golden();
        return Enumerable.Range(0, MixedSetSize).Select(i => i < golden.Length ? golden[i] : Lengthen(golden[i % golden.Length])).ToArray();
    }

    /// <summary>20 HTML pages (the golden pages and the fixture as a page, short and lengthened) with their URLs.</summary>
    public static (string Url, string Html)[] PageSet()
    {
        var pages = Golden().Where(HtmlPageReader.IsHtmlPage).Append(FixtureAsPage())
            .Select(html => (HtmlPageReader.Read(html).Url, html)).ToList();
        return Enumerable.Range(0, PageSetSize)
            .Select(i => i < pages.Count ? pages[i] : (pages[i % pages.Count].Url, Lengthen(pages[i % pages.Count].html)))
            .ToArray();
    }

    /// <summary>
    /// An archived article of about <paramref name="kilobytes"/> KB shaped like a long report: a header line, a lead
    /// image, then sections of paragraphs in nested divs, each paragraph with inline links (hundreds in all, a few of
    /// them repeated), short datelines and captions, as outlets' long reads are written.
    /// </summary>
    public static string Sized(int kilobytes)
    {
        var html = new StringBuilder("<div><i>Tue, 24 Nov 2026 07:12:00 GMT</i></div><img src=\"https://cdn.report.example/lead.jpg\"><div><small>The harbour at dawn.</small></div>");
        for (var section = 0; html.Length < kilobytes * 1024; section++)
        {
            html.Append("<div class=\"section\"><h2>Part ").Append(section).Append("</h2><div><p>24 Nov 2026 07:12</p>");
            for (var p = 0; p < 6; p++)
            {
                html.Append("<p>The harbour authority said on Tuesday that the <a href=\"/topic/timetable-").Append(section * 6 + p)
                    .Append("\">new timetable</a> would apply from December, and that <b>passengers</b> would be told of every change by ")
                    .Append("<a href=\"https://other.example/story/").Append((section * 6 + p) % 40).Append("\">text message</a>. ")
                    .Append("港口管理局表示，新时刻表将从十二月开始实行。 Officials &amp; unions met for <em>three hours</em>.</p>");
            }

            html.Append("<figure><img src=\"/img/").Append(section).Append(".jpg\"><figcaption>Section ").Append(section).Append(" photo</figcaption></figure></div></div>");
        }

        return $"<!--1795507200000-->\n[A long report on the harbour timetable](https://report.example/2026/11/harbour.html)\n------\n\n{html}\n";
    }

    private static string[] Golden() =>
        Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static string Lengthen(string document)
    {
        var body = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            body.Append("<p>The harbour authority said on Tuesday that the new timetable would apply from December, ")
                .Append("and that passengers would be told of every change by text message. 港口管理局表示，新时刻表将从十二月开始实行。</p>");
        }

        var end = document.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end >= 0 ? document.Insert(end, body.ToString()) : document.TrimEnd() + body + "\n";
    }
}
