using NewsPipeline.Core.Reading.Feeds.Xml;

namespace NewsPipeline.Tests.Feeds;

public sealed class HtmlEntityRewriterTests
{
    [Theory]
    [InlineData("<t>a&nbsp;b</t>", "<t>a&#160;b</t>")]
    [InlineData("<t>&eacute;&mdash;&hellip;</t>", "<t>&#233;&#8212;&#8230;</t>")]
    [InlineData("<t>&amp;&lt;&gt;&quot;&apos;&#233;&#x41;</t>", "<t>&amp;&lt;&gt;&quot;&apos;&#233;&#x41;</t>")]
    [InlineData("<t><![CDATA[a&nbsp;b]]>&nbsp;</t>", "<t><![CDATA[a&nbsp;b]]>&#160;</t>")]
    [InlineData("<t>&lol9; &unknown; & alone &nbsp</t>", "<t>&lol9; &unknown; & alone &nbsp</t>")]
    [InlineData("<t><![CDATA[never closed &nbsp;", "<t><![CDATA[never closed &nbsp;")]
    public void Known_HTML_entities_outside_CDATA_become_character_references(string xml, string expected)
    {
        Assert.Equal(expected, HtmlEntityRewriter.Rewrite(xml));
    }

    [Fact]
    public void A_feed_without_HTML_entities_is_returned_without_a_copy()
    {
        const string xml = "<rss><t>a &amp; b</t><![CDATA[&nbsp;]]></rss>";
        Assert.Same(xml, HtmlEntityRewriter.Rewrite(xml));
    }
}

public sealed class HtmlEntityDetectionTests
{
    [Theory]
    [InlineData("<t>a &amp; b &lt; &gt; &quot; &apos; &#160; &#x41;</t>", false)]
    [InlineData("<t>no ampersand</t>", false)]
    [InlineData("<t>a &nbsp; b</t>", true)]
    [InlineData("<t><![CDATA[&eacute;]]></t>", true)]
    [InlineData("<t>&ampere;</t>", true)]
    public void Feeds_that_might_hold_HTML_entities_take_the_repairing_path(string xml, bool expected)
    {
        Assert.Equal(expected, HtmlEntityRewriter.MayNeedRewrite(System.Text.Encoding.UTF8.GetBytes(xml)));
    }
}
