using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The resolver answers plain links without a URI parse; every answer must be the one the URI class gives
/// (<see cref="ArticleContent.Resolve(string, Uri?)"/>), whatever the link looks like.
/// </summary>
public sealed class LinkResolverTests
{
    private static readonly string[] Bases =
    [
        "https://report.example/2026/11/harbour.html",
        "http://news.example:8080/a/b/",
        "HTTPS://WWW.News.Example/Story?id=1#top",
        "https://例子.测试/新闻/1",
        "https://xn--fsqu00a.xn--0zwm56d/a",
        "https://192.0.2.7/x",
        "ftp://files.example/a",
    ];

    private static readonly string[] Written =
    [
        "/topic/timetable-1", "/", "/a?b=c&d=e", "/a#frag", "/a?x#y", "/a#b#c", "/a/./b", "/a/../b", "/..", "/a/.", "/a/..x/.b",
        "/a?", "/a#", "/a%20b", "/a%7e", "/a b", "/a\\b", "/a'b!c$d(e)*+,;=:@", "/~user/", "//cdn.example/x.jpg", "/é",
        "https://other.example/story/1", "HTTPS://Other.Example/Story", "http://other.example", "http://other.example:443/x",
        "http://other.example:99999/", "http://other.example:/x", "https://-bad.example/", "https://bad-.example/", "https://a..b/",
        "https://1.2.3.4/x", "https://999.1.1.1/", "https://user@host.example/", "https://host.example/a b", "https://host.example/%zz",
        "https://host.example?q", "https://host.example#f", "https://例子.测试/", "https://" + new string('a', 64) + ".example/",
        "javascript:alert(1)", "mailto:a@b.example", "data:image/png;base64,AAAA", "photo.jpg", "../up.jpg", "?page=2", "#section",
        "  /padded  ", "\t https://padded.example/x \n", "", " ", "/", "h", "http:", "http://", "https://", "http://0X1f/x", "https://a.0x1/",
    ];

    [Fact]
    public void Every_written_link_resolves_as_the_URI_class_resolves_it()
    {
        foreach (var articleUrl in Bases)
        {
            var resolver = new LinkResolver(articleUrl);
            foreach (var href in Written)
            {
                Assert.True(ArticleContent.Resolve(href, ArticleContent.BaseUri(articleUrl)) == resolver.Resolve(href), $"'{href}' against '{articleUrl}'");
            }
        }
    }

    [Fact]
    public void Generated_links_resolve_as_the_URI_class_resolves_them()
    {
        // Seeded, so that a failure names a link that fails again; the alphabet is what links are made of, and what trips URIs.
        const string alphabet = "abcXYZ019-._~!$&'()*+,;=:@/?#%\\ é\"<>[]{}|^`";
        string[] starts = ["/", "//", "https://", "http://", "https://host.example", "http://host.example:8080", "HTTP://Host.Example/", "/a/", ""];
        var random = new Random(20261203);
        var resolver = new LinkResolver(Bases[0]);
        var baseUri = ArticleContent.BaseUri(Bases[0]);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var href = starts[random.Next(starts.Length)] + new string(chars);
            Assert.True(ArticleContent.Resolve(href, baseUri) == resolver.Resolve(href), $"'{href}'");
        }
    }

    [Theory]
    [InlineData("/topic/timetable-1", "https://report.example/topic/timetable-1")]
    [InlineData("https://other.example/story/1", "https://other.example/story/1")]
    [InlineData("/a?b=c&d=e#f", "https://report.example/a?b=c&d=e#f")]
    public void Plain_links_are_answered_without_a_URI_parse(string href, string expected)
    {
        Assert.Equal(expected, new LinkResolver(Bases[0]).ResolvePlain(href));
    }

    [Theory]
    [InlineData("/a/../b")]
    [InlineData("/a%20b")]
    [InlineData("https://user@host.example/")]
    [InlineData("photo.jpg")]
    public void Other_links_go_to_the_URI_class(string href)
    {
        Assert.Null(new LinkResolver(Bases[0]).ResolvePlain(href));
    }

    [Fact]
    public void A_plain_host_read_without_a_URI_parse_is_the_host_the_URI_class_reads()
    {
        var random = new Random(20261203);
        const string alphabet = "abcXYZ019-._~%@:[]é/?#";
        var urls = Written.Concat(Bases).Concat(Enumerable.Range(0, 20_000).Select(_ =>
            (random.Next(2) == 0 ? "https://" : "HTTP://") + new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())));
        var plain = 0;
        foreach (var url in urls)
        {
            if (LinkResolver.PlainHost(url) is { } host)
            {
                plain++;
                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase), $"'{url}': '{host}'");
            }
        }

        Assert.True(plain > 1_000, $"only {plain} plain hosts among the generated URLs");
    }

    [Fact]
    public void A_plain_query_read_without_a_URI_parse_is_the_query_the_URI_class_reads()
    {
        // The proxy unwrapping reads a plain URL's query as written; it must be Uri.Query, fragment and empty query included.
        var random = new Random(20261204);
        const string alphabet = "abcXYZ019-._~!$&'()*+,;=:@/?#%é ";
        string[] starts = ["https://images.weserv.nl", "https://images.weserv.nl/", "HTTP://Proxy.Example:8080/i", "https://a.0x1/", "https://user@host/", "http://"];
        var urls = Written.Concat(Bases).Concat(Enumerable.Range(0, 20_000).Select(_ =>
            starts[random.Next(starts.Length)] + new string(Enumerable.Range(0, random.Next(0, 16)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())));
        var plain = 0;
        foreach (var url in urls)
        {
            if (LinkResolver.PlainQuery(url) is { } query)
            {
                plain++;
                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Query == query, $"'{url}': '{query}'");
            }
        }

        Assert.True(plain > 1_000, $"only {plain} plain queries among the generated URLs");
    }

    [Theory]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?URL=ssl:cdn.example/a%20b.jpg&w=900", "https://cdn.example/a b.jpg")]
    [InlineData("https://proxy.example/i?w=1&url=%2F%2Fcdn.example%2Fa.jpg", "https://cdn.example/a.jpg")]
    [InlineData("https://proxy.example/i?u%72l=https://cdn.example/a.jpg", "https://cdn.example/a.jpg")]
    [InlineData("https://proxy.example/i?url=a.example/1.jpg&url=b.example/2.jpg", "https://a.example/1.jpg,b.example/2.jpg")]
    [InlineData("https://proxy.example/i?url=&w=1", "https://proxy.example/i?url=&w=1")]
    [InlineData("https://proxy.example/i?url", "https://proxy.example/i?url")]
    [InlineData("https://cdn.example/a.jpg", "https://cdn.example/a.jpg")]
    [InlineData("https://cdn.example/a.jpg#?url=x", "https://cdn.example/a.jpg#?url=x")]
    public void A_proxied_image_is_unwrapped_as_its_query_string_reads(string image, string original)
    {
        Assert.Equal(original, ImageProxy.Unwrap(image));

        // The oracle: the query read by HttpUtility, which the unwrapping read before it looked for the one parameter itself.
        var query = Uri.TryCreate(image, UriKind.Absolute, out var uri) ? uri.Query : string.Empty;
        var target = System.Web.HttpUtility.ParseQueryString(query)["url"];
        Assert.Equal(string.IsNullOrWhiteSpace(target), original == image);
    }
}
