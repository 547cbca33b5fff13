using NewsPipeline.Core.Reading.Articles.Document;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Tests.Articles;

public sealed class ArticleDocumentTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 25, 8, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void A_written_document_reads_back_with_its_title_url_timestamp_and_html()
    {
        const string html = "<div><i>Wed, 25 Nov 2026 08:30:15 GMT</i></div><p>First <b>bold</b> paragraph.</p><p>Second.</p>";

        var text = ArticleDocumentWriter.Write(Published, "Ferry timetable changes", "https://news.example/a/1.html", html);
        var document = ArticleDocumentReader.Read(text);

        Assert.Equal("Ferry timetable changes", document.Title);
        Assert.Equal("https://news.example/a/1.html", document.Url);
        Assert.Equal(Published, document.FeedPublished);
        Assert.Equal(html, document.Html);
    }

    [Fact]
    public void The_writer_follows_the_archive_layout_line_by_line()
    {
        var text = ArticleDocumentWriter.Write(Published, "  Title\n on two lines ", "https://news.example/a", "<p>x</p>");

        Assert.Equal(
            "<!--1795595415123-->\n[Title on two lines](https://news.example/a)\n------\n\n<div><i>Wed, 25 Nov 2026 08:30:15 GMT</i></div><p>x</p>\n",
            text);
    }

    [Fact]
    public void Titles_with_brackets_and_links_with_parentheses_round_trip()
    {
        const string title = "[Live] Talks (day 2): \"progress\" [updated]";
        const string url = "https://news.example/wiki/Talks_(2026)?a=1&b=[2]";

        var document = ArticleDocumentReader.Read(ArticleDocumentWriter.Write(Published, title, url, "<p>x</p>"));

        Assert.Equal(title, document.Title);
        Assert.Equal(new Uri(url), new Uri(Uri.UnescapeDataString(document.Url)));
    }

    [Fact]
    public void Multi_line_item_html_is_written_on_one_line()
    {
        var text = ArticleDocumentWriter.Write(Published, "t", "https://news.example/a", "<p>one</p>\r\n<p>two</p>\n");

        Assert.Equal("<div><i>Wed, 25 Nov 2026 08:30:15 GMT</i></div><p>one</p> <p>two</p>", ArticleDocumentReader.Read(text).Html);
        Assert.Equal(6, text.Split('\n').Length);
    }

    [Fact]
    public void The_variant_without_a_comment_line_gives_its_raw_date_line()
    {
        var document = ArticleDocumentReader.Read("[标题](https://news.example/zh/1)\n------\n\n日期：2021年 12月 31日\n<p>正文</p>");

        Assert.Null(document.FeedPublished);
        Assert.Equal("2021年 12月 31日", document.RawDate);
        Assert.Equal("<p>正文</p>", document.Html);
    }

    [Fact]
    public void YAML_front_matter_before_the_comment_line_is_read()
    {
        var document = ArticleDocumentReader.Read("---\ntitle: \"x\"\nauthor: Mira Okafor\n---\n<!--1795595415123-->\n[x](https://news.example/a)\n------\n\n<p>x</p>");

        Assert.Equal("Mira Okafor", document.FrontMatter!["author"]);
        Assert.Equal(Published, document.FeedPublished);
    }

    [Fact]
    public void The_byline_and_the_lead_image_with_its_caption_are_written_as_archivers_write_them()
    {
        var text = ArticleDocumentWriter.Write(Published, "t", "https://news.example/a", "<p>Body.</p>", new DocumentExtras
        {
            Author = "Rosa <Lind>",
            ImageUrl = "https://img.example/a.jpg?w=1&h=2",
            ImageCaption = "Ferries at the pier.",
        });

        Assert.Equal(
            "<div><i>Rosa &lt;Lind&gt;<br>Wed, 25 Nov 2026 08:30:15 GMT</i></div>"
            + "<img src=\"https://img.example/a.jpg?w=1&amp;h=2\" width=\"100%\"><div><small style=\"color: #999;\">Ferries at the pier.</small></div><p>Body.</p>",
            ArticleDocumentReader.Read(text).Html);
    }

    [Fact]
    public void A_lead_image_the_item_html_already_shows_is_not_written_twice()
    {
        var text = ArticleDocumentWriter.Write(Published, "t", "https://news.example/a", "<p><img src=\"https://img.example/a.jpg\"></p>",
            new DocumentExtras { ImageUrl = "https://img.example/a.jpg", ImageCaption = "c" });

        Assert.Equal("<div><i>Wed, 25 Nov 2026 08:30:15 GMT</i></div><p><img src=\"https://img.example/a.jpg\"></p>", ArticleDocumentReader.Read(text).Html);
    }

    [Theory]
    [InlineData("Storm Ida batters coastal towns", "<p>Storm Ida batters coastal towns</p>")]
    [InlineData("Fares rise 5% & more < 10", "<p>Fares rise 5% & more &lt; 10</p>")]
    [InlineData("Already <b>marked</b> up", "Already <b>marked</b> up")]
    public void A_plain_text_description_becomes_a_paragraph(string html, string expected)
    {
        var text = ArticleDocumentWriter.Write(Published, "t", "https://news.example/a", html);

        Assert.Equal("<div><i>Wed, 25 Nov 2026 08:30:15 GMT</i></div>" + expected, ArticleDocumentReader.Read(text).Html);
    }

    [Fact]
    public void A_date_before_the_comment_line_can_hold_one_is_written_in_the_header_and_the_stamp_in_the_comment()
    {
        var old = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var text = ArticleDocumentWriter.Write(old, "t", "https://news.example/a", "<p>x</p>", new DocumentExtras { Stamp = Published });
        var document = ArticleDocumentReader.Read(text);

        Assert.Equal(Published, document.FeedPublished);
        Assert.StartsWith("<div><i>Mon, 01 Jan 1900 00:00:00 GMT</i></div>", document.Html, StringComparison.Ordinal);
        // Without a stamp the writer refuses, rather than write a comment line no reader takes.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ArticleDocumentWriter.Write(old, "t", "https://news.example/a", "<p>x</p>"));
        Assert.Contains("cannot hold a time before", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "No '------' line")]
    [InlineData("just some text\nwithout the header", "No '------' line")]
    [InlineData("<!--1795595415123-->\nTitle without link\n------\n\n<p>x</p>", "is not '[title](url)'")]
    [InlineData("<!--1795595415123-->\n[t](not a url)\n------\n\n<p>x</p>", "not an absolute URL")]
    [InlineData("---\ntitle: x\n", "never closed")]
    public void A_document_that_is_not_an_article_fails_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<ArticleFormatException>(() => ArticleDocumentReader.Read(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
