using System.Text;
using HtmlAgilityPack;
using NewsPipeline.Core.Articles.Document;
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
    public static TheoryData<string> ArticleFixtures() =>
        [.. Directory.GetFiles(RepositoryPaths.Fixture("articles"), "*.md").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

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
