using System.Text.RegularExpressions;
using NewsPipeline.Tests.Api;

namespace NewsPipeline.Tests.Page;

/// <summary>
/// The reading page over real HTTP as <c>newsfeed run</c> maps it: its security headers, what it encodes, what it
/// refuses, and that its timeline views hold exactly the items <c>/api/items</c> returns, page by page. The browser
/// tests (Browser/) check what a browser then does with it.
/// </summary>
public sealed partial class PageResponseTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_view_sends_a_nonce_CSP_no_referrer_and_nosniff_and_a_new_nonce_each_time()
    {
        await using var api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Page:ImageSources"] = "http://127.0.0.1:9" });
        var article = await api.AddAsync(ApiFixture.Article("wire", Start), "<p>Body</p>");

        foreach (var path in new[] { "/", "/feed/wire", "/article/" + article.Id, "/feeds" })
        {
            using var response = await api.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
            var csp = Header(response, "Content-Security-Policy");
            var nonce = Nonce().Match(csp).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(nonce), csp);
            Assert.Equal($"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src https: http://127.0.0.1:9; " +
                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", csp);
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.StartsWith("storage;dur=", Header(response, "Server-Timing"), StringComparison.Ordinal);
            // The page's own script and stylesheet carry this response's nonce; nothing else runs.
            Assert.Equal(2, Regex.Count(html, $"nonce=\"{Regex.Escape(nonce)}\""));
            Assert.Single(Regex.Matches(html, "<script"));

            using var again = await api.GetAsync(path);
            Assert.NotEqual(csp, Header(again, "Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task A_hostile_title_summary_and_body_reach_the_page_as_text_or_not_at_all()
    {
        await using var api = await ApiFixture.StartAsync();
        var hostile = ApiFixture.Article("evil", Start, title: "<script>alert(1)</script><img src=x onerror=alert(2)>") with
        {
            Summary = "<meta http-equiv=refresh content=\"0;url=https://evil.example\"> \" onmouseover=\"alert(3)",
            Author = "<b onclick=alert(4)>Mallory</b>",
            Caption = "<svg onload=alert(5)>",
        };
        var article = await api.AddAsync(hostile, "<p>Hi<script>alert(6)</script><a href=\"javascript:alert(7)\">x</a><img src=\"https://img.example/a.png\" onerror=\"alert(8)\">" +
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><iframe src=\"https://evil.example\"></iframe></p>");

        foreach (var path in new[] { "/", "/feed/evil", "/article/" + article.Id })
        {
            var document = new HtmlAgilityPack.HtmlDocument();
            document.LoadHtml(await (await api.GetAsync(path)).Content.ReadAsStringAsync());
            var elements = document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlAgilityPack.HtmlNodeType.Element).ToList();
            // As a browser parses it: one script (the page's own), no handler attribute, no javascript: address, no
            // refresh, no frame; the hostile title is text.
            Assert.Equal("/page.js", new Uri(Assert.Single(elements, e => e.Name == "script").GetAttributeValue("src", "")).AbsolutePath);
            Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => (a.DeEntitizeValue ?? "").TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(elements, e => e.Name is "meta" && e.Attributes.Contains("http-equiv"));
            Assert.DoesNotContain(elements, e => e.Name is "iframe" or "svg" or "b");
            Assert.Contains(elements, e => e.Name is "h1" or "h2" && HtmlAgilityPack.HtmlEntity.DeEntitize(e.InnerText) == hostile.Title);
        }
    }

    [Fact]
    public async Task The_latest_and_feed_views_hold_the_items_of_api_items_page_by_page()
    {
        await using var api = await ApiFixture.StartAsync();
        for (var i = 0; i < 45; i++)
        {
            await api.AddAsync(ApiFixture.Article(i % 3 == 0 ? "one" : "two", Start.AddMinutes(i * 7)));
        }

        foreach (var (page, items) in new[] { ("/", "/api/items"), ("/feed/two", "/api/items?source=two") })
        {
            var expected = await api.WalkAsync(items);
            var shown = new List<List<string>>();
            string? next = page;
            while (next is not null)
            {
                var html = await (await api.GetAsync(next)).Content.ReadAsStringAsync();
                shown.Add(ItemIds().Matches(html).Select(m => m.Groups[1].Value).ToList());
                var older = OlderLink().Match(html);
                next = older.Success ? new Uri(System.Net.WebUtility.HtmlDecode(older.Groups[1].Value)).PathAndQuery : null;
                Assert.True(shown.Count < 10, "paging does not end");
            }

            Assert.Equal(expected, shown);
        }
    }

    [Theory]
    [InlineData("GET", "/?cursor=not-a-cursor", 400)]
    [InlineData("GET", "/?cursor=a&cursor=b", 400)]
    [InlineData("GET", "/feed/Not%20A%20Name", 404)]
    [InlineData("GET", "/article/nothing-here", 404)]
    [InlineData("GET", "/article/..%2F..%2Fetc", 404)]
    [InlineData("GET", "/folder", 400)]
    [InlineData("GET", "/folder?name=Nowhere", 404)]
    [InlineData("POST", "/", 405)]
    [InlineData("DELETE", "/feeds", 405)]
    public async Task What_a_client_gets_wrong_is_a_page_that_says_so_never_a_500(string method, string path, int status)
    {
        await using var api = await ApiFixture.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative));
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task The_stylesheet_and_script_are_served_from_the_assembly_with_long_caching_by_version()
    {
        await using var api = await ApiFixture.StartAsync();
        var html = await (await api.GetAsync("/")).Content.ReadAsStringAsync();
        foreach (var (asset, type) in new[] { ("page.css", "text/css"), ("page.js", "text/javascript") })
        {
            var link = Regex.Match(html, $"\"(http://[^\"]*/{Regex.Escape(asset)}\\?v=[0-9a-f]+)\"").Groups[1].Value;
            using var response = await api.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("immutable", Header(response, "Cache-Control"), StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<li class=\"item\" data-id=\"([^\"]+)\"")]
    private static partial Regex ItemIds();

    [GeneratedRegex("<a rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex OlderLink();
}
