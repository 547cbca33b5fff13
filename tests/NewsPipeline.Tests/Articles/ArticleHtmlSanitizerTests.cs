using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// Our allow-list serializer (<see cref="ArticleHtml"/>) against HtmlSanitizer, the library it replaced on the parse path
/// and the oracle here: over the shared fixture, every golden document and OWASP-style XSS vectors, the output, read as
/// a browser reads it (AngleSharp's HTML5 parser), holds no script, handler, style or non-http(s) URL, and HtmlSanitizer
/// applied to it removes nothing (it is a fixed point).
/// </summary>
public sealed class ArticleHtmlSanitizerTests
{
    private const string Url = "https://news.example/2026/11/story.html";

    private static readonly HtmlSanitizer Oracle = new();

    // Elements a browser may build from our output; anything else (script, svg, iframe, form...) fails the test.
    private static readonly HashSet<string> SafeElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "p", "div", "span", "br", "hr", "wbr", "blockquote", "pre", "code", "kbd", "samp", "var", "q",
        "cite", "abbr", "dfn", "em", "strong", "b", "i", "u", "s", "strike", "small", "big", "sub", "sup", "mark", "del", "ins",
        "tt", "center", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "aside", "header", "footer", "main", "nav", "address", "details", "summary", "ruby", "rt", "rp", "bdi", "table",
        "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "col", "colgroup", "a", "img", "time",
    };

    public static TheoryData<string> XssVectors() => new(
    [
        "<script>alert(1)</script><p>after</p>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>alert(1)//<</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"\u0001javascript:alert(1)\">x</a>",
        "<a href=\"&#14;  javascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java&#x0A;script:alert(1)\">x</a>",
        "<a href=\"java&#x0D;script:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a/href=\"javascript:alert(1)\">x</a>",
        "<a href=\"https://ok.example/\" onclick=\"alert(1)\" onmouseover=alert(1) style=\"color:red\">ok</a>",
        "<a href=\"https://ok.example/\" title=\"x&#34; onmouseover=&#34;alert(1)\">ok</a>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"https://ok.example/a.jpg\"\nonerror=alert(1)>",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"XSS\")`>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img \"\"\"><script>alert(1)</script>\">",
        "<img src=\"https://ok.example/a.jpg\" srcset=\"javascript:alert(1)\" alt=\"&quot; onerror=&quot;alert(1)\">",
        "<svg onload=alert(1)><p>in svg</p></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"0\" y=\"20\">x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<title><img src=x onerror=alert(1)></title>",
        "<style><img src=x onerror=alert(1)></style>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<noembed><img src=x onerror=alert(1)></noembed>",
        "<template><img src=x onerror=alert(1)></template>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        "<![CDATA[<img src=x onerror=alert(1)>]]>",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "<p style=\"x:expression(alert(1))\">styled</p>",
        "<body onload=alert(1)><details open ontoggle=alert(1)><summary>s</summary></details>",
        "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button><input onfocus=alert(1) autofocus></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><base href=\"javascript:alert(1)//\"><link rel=stylesheet href=\"javascript:alert(1)\">",
        "<div/onmouseover='alert(1)'>style</div>",
        "<a href=\"https://ok.example/\" <script>alert(1)</script>",
        "<p>unclosed <a href=\"https://ok.example/x\">link <b>bold <i>both</p><img src=\"x",
        "<table><tr><td>cell<script>alert(1)</script></td></tr></table><select><option><img src=x onerror=alert(1)></option></select>",
        "<a href=\"//evil.example/x\">protocol-relative</a><img src=\"/photo.jpg\" data-src=\"javascript:alert(1)\">",
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/lazy.jpg\" alt=\"lazy\">",
    ]);

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Hostile_markup_keeps_no_script_handler_or_script_url_and_HtmlSanitizer_removes_nothing_more(string html)
    {
        var ours = ArticleHtml.Sanitize(html, Url);

        AssertSafe(ours);
        AssertFixedPoint(ours);
    }

    [Theory]
    [MemberData(nameof(GoldenArticleTests.Documents), MemberType = typeof(GoldenArticleTests))]
    public void Golden_documents_give_safe_HTML_that_HtmlSanitizer_leaves_as_it_is_with_its_text(string name)
    {
        var article = Parse(File.ReadAllText(RepositoryPaths.Fixture("articles", name)));

        var ours = article.ContentHtml ?? string.Empty;

        AssertSafe(ours);
        AssertFixedPoint(ours);
    }

    [SkippableFact]
    public void The_shared_fixture_gives_the_text_links_and_image_HtmlSanitizer_gave()
    {
        var text = RepositoryPaths.ReadSharedFixture("voa-biden-putin-call.md");
        var html = Core.Reading.Articles.Document.ArticleDocumentReader.Read(text).Html;
        var url = Core.Reading.Articles.Document.ArticleDocumentReader.Read(text).Url;

        var ours = Parse(text).ContentHtml!;
        var theirs = Oracle.Sanitize(html, url);

        AssertSafe(ours);
        AssertFixedPoint(ours, url);
        Assert.Equal(TextOf(theirs), TextOf(ours));
        Assert.Equal(Urls(theirs), Urls(ours));
        Assert.Contains("<img src=\"https://images.weserv.nl?url=gdb.voanews.com/94BC481E-6916-42BF-ACF7-8DAFE1E3AFA9_cx0_cy9_cw0_r1_s_w900.jpg\" width=\"100%\">", ours, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script><p>after</p>", "<p>after</p>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a><a href=\"&#14;  javascript:alert(1)\">y</a>", "<a>x</a><a>y</a>")]
    [InlineData("<IMG SRC=`javascript:alert(\"XSS\")`>", "<img>")]
    [InlineData("<a href=\"https://ok.example/\" onclick=\"alert(1)\" style=\"color:red\" target=\"_blank\">ok</a>", "<a href=\"https://ok.example/\">ok</a>")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=\"https://news.example/2026/11/x\">")]
    [InlineData("<a href=\"https://ok.example/\" title=\"x&#34; onmouseover=&#34;alert(1)\">ok</a>", "<a href=\"https://ok.example/\" title=\"x&quot; onmouseover=&quot;alert(1)\">ok</a>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript><p>kept</p>", "<p>kept</p>")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("<svg onload=alert(1)><p>in svg</p></svg><math><mi>x</mi></math>", "")]
    [InlineData("<!--<img src=x onerror=alert(1)>--><![CDATA[<img src=x onerror=alert(1)>]]>", "]]&gt;")]
    [InlineData("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/lazy.jpg\" alt=\"lazy\">", "<img src=\"https://news.example/lazy.jpg\" alt=\"lazy\">")]
    public void Hostile_markup_comes_out_as_expected(string html, string expected) => Assert.Equal(expected, ArticleHtml.Sanitize(html, Url));

    [Fact]
    public void Text_links_and_images_survive_with_relative_addresses_resolved()
    {
        var ours = ArticleHtml.Sanitize(
            "<p>Tom &amp; Jerry &lt;3 &nbsp;&quot;quoted&quot; <a href=\"/a?x=1&amp;y=2\" target=\"_blank\">link</a></p><my-widget><b>kept</b></my-widget>" +
            "<figure><img src=\"../img/a.jpg\" alt=\"A &quot;photo&quot;\"><figcaption>Caption</figcaption></figure><p>",
            Url);

        Assert.Equal(
            "<p>Tom &amp; Jerry &lt;3 &nbsp;\"quoted\" <a href=\"https://news.example/a?x=1&amp;y=2\">link</a></p><b>kept</b>" +
            "<figure><img src=\"https://news.example/2026/img/a.jpg\" alt=\"A &quot;photo&quot;\"><figcaption>Caption</figcaption></figure><p></p>",
            ours);
        AssertFixedPoint(ours);
    }

    private static ArticleMetadata Parse(string text) => new ArticleMetadataParser(new FakeTimeProvider()).Parse(text);

    // Read as a browser would: what elements, attributes and URLs does the output give?
    private static void AssertSafe(string html)
    {
        using var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        foreach (var element in document.All)
        {
            Assert.True(SafeElements.Contains(element.LocalName), $"<{element.LocalName}> in {html}");
            Assert.Equal(AngleSharp.Dom.NamespaceNames.HtmlUri, element.NamespaceUri);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                Assert.True(attribute.Name is "href" or "src" or "alt" or "title" or "width" or "height" or "lang" or "dir" or "colspan" or "rowspan" or "scope" or "span" or "datetime" or "start",
                    $"{attribute.Name} in {html}");
                if (attribute.Name is "href" or "src")
                {
                    Assert.True(attribute.Value.StartsWith("https://", StringComparison.Ordinal) || attribute.Value.StartsWith("http://", StringComparison.Ordinal), $"{attribute.Value} in {html}");
                }
            }
        }

        Assert.Empty(document.Body!.Descendants<IComment>());
    }

    // HtmlSanitizer's output over ours is ours as AngleSharp reads and writes it back: it removed nothing.
    private static void AssertFixedPoint(string html, string url = Url)
    {
        using var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        var reserialized = document.Body!.ChildNodes.ToHtml(HtmlFormatter.Instance);

        Assert.Equal(reserialized, Oracle.Sanitize(html, url));
    }

    private static string TextOf(string html)
    {
        using var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        return string.Join(' ', document.Body!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<string> Urls(string html)
    {
        using var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        return document.All.SelectMany(e => e.Attributes).Where(a => a.Name is "href" or "src").Select(a => a.Value).ToList();
    }
}
