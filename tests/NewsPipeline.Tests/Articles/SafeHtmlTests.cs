using System.Text;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// <see cref="SafeHtml.Load"/> turns off two HtmlAgilityPack options the parser never reads (the id table and the
/// open-element table behind ParseErrors). HtmlAgilityPack consults the open-element table when it closes an element
/// in some broken markup, so these tests hold the tree to a default load's: a library upgrade that makes the options
/// change the tree fails here, not in a reader's feed.
/// </summary>
public sealed class SafeHtmlTests
{
    public static TheoryData<string> ArticleFixtures() => [.. FixtureNames()];

    private static IEnumerable<string> FixtureNames() =>
        Directory.GetFiles(RepositoryPaths.Fixture("articles"), "*.md").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(ArticleFixtures))]
    public void An_article_fixture_loads_into_the_tree_a_default_load_builds(string name)
    {
        var text = File.ReadAllText(RepositoryPaths.Fixture("articles", name));

        Assert.Equal(DefaultTree(text), Tree(SafeHtml.Load(text).DocumentNode));
    }

    [SkippableFact]
    public void The_shared_fixture_loads_into_the_tree_a_default_load_builds()
    {
        var text = RepositoryPaths.ReadSharedFixture("voa-biden-putin-call.md");

        Assert.Equal(DefaultTree(text), Tree(SafeHtml.Load(text).DocumentNode));
    }

    [Theory]
    [InlineData("<div><div><p>a</div>b</div>c</div>")]
    [InlineData("<p>a<p>b</p></p><li>c<li>d</ul></li>")]
    [InlineData("<form><div></form></div><form><p></form>")]
    [InlineData("<b><i>x</b>y</i><font><font>z</font>")]
    [InlineData("<table><tr><td>1<td>2<tr><td>3</table></td>")]
    [InlineData("<div id=a><span id=a></span><a id=b href=x>y</a></div>")]
    public void Broken_markup_loads_into_the_tree_a_default_load_builds(string html) =>
        Assert.Equal(DefaultTree(html), Tree(SafeHtml.Load(html).DocumentNode));

    [Fact]
    public void Generated_tag_soup_loads_into_the_trees_default_loads_build()
    {
        // Few names, so that elements of one name nest, overlap and close out of order: the case the open-element table is for.
        string[] names = ["div", "p", "li", "form", "span", "td", "tr", "option", "b", "font"];
        var random = new Random(12);
        for (var document = 0; document < 3_000; document++)
        {
            var html = new StringBuilder();
            for (int part = 0, parts = random.Next(1, 120); part < parts; part++)
            {
                var name = names[random.Next(random.Next(2) == 0 ? 4 : names.Length)];
                _ = random.Next(5) switch
                {
                    0 or 1 => html.Append('<').Append(name).Append(random.Next(4) == 0 ? " id=x>" : ">"),
                    2 or 3 => html.Append("</").Append(name).Append('>'),
                    _ => html.Append("text ").Append(part),
                };
            }

            var text = html.ToString();
            Assert.True(DefaultTree(text) == Tree(SafeHtml.Load(text).DocumentNode), $"the trees differ for {text}");
        }
    }

    [Theory]
    [MemberData(nameof(ArticleFixtures))]
    public void An_article_fixtures_html_loads_in_place_into_the_tree_of_its_html_alone(string name)
    {
        var text = File.ReadAllText(RepositoryPaths.Fixture("articles", name));
        var document = ArticleDocumentReader.Read(text);

        var inPlace = SafeHtml.Load(document.HtmlText);

        Assert.Equal(PartTree(SafeHtml.Load(document.Html).DocumentNode, 0), PartTree(inPlace.DocumentNode, Start(document.HtmlText)));
    }

    [Fact]
    public void Archived_articles_with_plain_headers_are_loaded_in_place_not_copied()
    {
        // The fixtures are the archive's real shapes: unless nearly all of them load in place, the copy this saves is still made.
        var documents = FixtureNames().Select(name => ArticleDocumentReader.Read(File.ReadAllText(RepositoryPaths.Fixture("articles", name)))).ToList();

        var inPlace = documents.Count(document => IsInPlace(document.HtmlText, SafeHtml.Load(document.HtmlText)));

        Assert.True(inPlace >= documents.Count * 9 / 10, $"{inPlace} of {documents.Count} fixtures loaded in place");
    }

    [SkippableFact]
    public void The_shared_fixtures_html_loads_in_place_into_the_tree_of_its_html_alone()
    {
        var document = ArticleDocumentReader.Read(RepositoryPaths.ReadSharedFixture("voa-biden-putin-call.md"));

        var inPlace = SafeHtml.Load(document.HtmlText);

        Assert.True(IsInPlace(document.HtmlText, inPlace));
        Assert.Equal(PartTree(SafeHtml.Load(document.Html).DocumentNode, 0), PartTree(inPlace.DocumentNode, Start(document.HtmlText)));
    }

    [Theory]
    // Plain headers, in place: white space after the part, none, CRLF lines, a comment and a dateline variant.
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>one</p><p>two</p>\n", true)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<div><p>unclosed</p>\n\n", true)]
    [InlineData("<!--1795507200000-->\r\n[Title](https://news.example/a)\r\n------\r\n\r\n<p>one</p>", true)]
    [InlineData("[Title](https://news.example/a)\n------\n日期：2026-11-25\n\n<!-- lead --><p>正文</p>\n", true)]
    [InlineData("---\nlang: en\n---\n[Title & more](https://news.example/a)\n------\n<p>one</p>\n", true)]
    // What could change how the part is read, copied: markup in the title, a part that starts or ends with text, a part
    // ending inside a tag, a comment, raw text or an unclosed element's text.
    [InlineData("<!--1795507200000-->\n[A <b>bold</b> title](https://news.example/a)\n------\n\n<p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[A <script> title](https://news.example/a)\n------\n\n<p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\nlead text <p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>one</p>tail\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>one</p><img src=x\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>one</p><!-- open\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>one</p><script>x\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<pre>one\n", false)]
    // What only the tree shows: a '<' HtmlAgilityPack reads as text opening the part (it joins the header's text node),
    // and a comment HtmlAgilityPack closes early ("<!--!>"), which leaves an element in the header.
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<3 we won<p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n< 5% rise<p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[T <!--!><div>-->](https://news.example/a)\n------\n\n<p>one</p>\n", false)]
    [InlineData("<!--1795507200000-->\n[T <!--!><p>-->](https://news.example/a)\n------\n\n<p>one</p>\n", false)]
    public void A_part_loads_into_the_tree_of_the_part_alone_in_place_only_when_nothing_around_it_can_change_it(string text, bool loadsInPlace)
    {
        var document = ArticleDocumentReader.Read(text);

        var loaded = SafeHtml.Load(document.HtmlText);

        Assert.Equal(loadsInPlace, IsInPlace(document.HtmlText, loaded));
        Assert.Equal(PartTree(SafeHtml.Load(document.Html).DocumentNode, 0), PartTree(loaded.DocumentNode, loadsInPlace ? Start(document.HtmlText) : 0));
    }

    [Fact]
    public void Generated_parts_load_into_the_trees_of_the_parts_alone()
    {
        // Tag soup, comments, raw text and unclosed tags after headers of every shape, with and without white space after
        // the part: whichever way each is loaded, its tree must be the part's own.
        string[] pieces = ["<div>", "</div>", "<p>", "</p>", "<li>", "<b>", "</b>", "text", " ", "<!-- c -->", "<br>", "<img src=a>", "&amp;", "<script>s</script>", "<td>", "</span>"];
        string[] headers = ["<!--1795507200000-->\n[T](https://news.example/a)\n------\n\n", "[T](https://news.example/a)\n------\n", "<!--1795507200000-->\r\n[T <i>x</i>](https://news.example/a)\r\n------\r\n"];
        string[] endings = ["", "\n", "\n\n", " \r\n", "<i", "<!--", "<pre>x"];
        var random = new Random(7);
        var inPlace = 0;
        for (var document = 0; document < 3_000; document++)
        {
            var html = new StringBuilder(headers[random.Next(headers.Length)]);
            for (int part = 0, parts = random.Next(1, 60); part < parts; part++)
            {
                html.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = html.Append(endings[random.Next(endings.Length)]).Append(endings[random.Next(3)]).ToString();
            var read = ArticleDocumentReader.Read(text);
            var loaded = SafeHtml.Load(read.HtmlText);
            var loadedInPlace = IsInPlace(read.HtmlText, loaded);
            inPlace += loadedInPlace ? 1 : 0;
            Assert.True(PartTree(SafeHtml.Load(read.Html).DocumentNode, 0) == PartTree(loaded.DocumentNode, loadedInPlace ? Start(read.HtmlText) : 0), $"the trees differ for {text}");
        }

        // Both ways are taken often enough for both to be tested.
        Assert.InRange(inPlace, 300, 2_700);
    }

    private static bool IsInPlace(ReadOnlyMemory<char> part, HtmlDocument loaded) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetString(part, out var text, out _, out _) && ReferenceEquals(loaded.Text, text) && part.Length != text.Length;

    private static int Start(ReadOnlyMemory<char> part) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetString(part, out _, out var start, out _) ? start : 0;

    // The tree with positions from the part's start, each text node's text, and the sibling links the parser's walk follows.
    private static string PartTree(HtmlNode root, int start)
    {
        var tree = new StringBuilder();
        Append(root);
        return tree.ToString();

        void Append(HtmlNode node)
        {
            var position = node.NodeType == HtmlNodeType.Document ? 0 : node.OuterStartIndex - start;
            tree.Append('(').Append(node.NodeType).Append(' ').Append(node.Name).Append(' ').Append(position);
            if (node is HtmlTextNode text)
            {
                tree.Append(" \"").Append(SafeHtml.TextOf(text)).Append('"');
            }

            foreach (var attribute in node.Attributes)
            {
                tree.Append(' ').Append(attribute.Name).Append("=\"").Append(attribute.Value).Append('"');
            }

            var children = node.ChildNodes;
            for (var i = 0; i < children.Count; i++)
            {
                var linked = children[i].ParentNode == node && children[i].PreviousSibling == (i > 0 ? children[i - 1] : null)
                    && children[i].NextSibling == (i < children.Count - 1 ? children[i + 1] : null);
                tree.Append(linked ? string.Empty : " unlinked");
                Append(children[i]);
            }

            tree.Append(')');
        }
    }

    private static string DefaultTree(string html)
    {
        var document = new HtmlDocument { OptionMaxNestedChildNodes = SafeHtml.MaxNesting };
        document.LoadHtml(html);
        return Tree(document.DocumentNode);
    }

    private static string Tree(HtmlNode root)
    {
        var tree = new StringBuilder();
        Append(root);
        return tree.ToString();

        void Append(HtmlNode node)
        {
            tree.Append('(').Append(node.NodeType).Append(' ').Append(node.Name).Append(' ').Append(node.OuterStartIndex).Append('+').Append(node.OuterLength);
            foreach (var attribute in node.Attributes)
            {
                tree.Append(' ').Append(attribute.Name).Append("=\"").Append(attribute.Value).Append('"');
            }

            foreach (var child in node.ChildNodes)
            {
                Append(child);
            }

            tree.Append(')');
        }
    }
}
