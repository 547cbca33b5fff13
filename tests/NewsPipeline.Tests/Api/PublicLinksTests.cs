using System.Text.Json;
using System.Xml.Linq;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// Links in responses (<c>next</c>, JSON Feed <c>feed_url</c>/<c>next_url</c>, RSS links) come from the configured
/// public address, never from the request's Host header: those responses are cacheable, and a forged Host echoed into
/// them would poison what a shared cache serves to everyone.
/// </summary>
public sealed class PublicLinksTests
{
    private const string Forged = "evil.example";

    [Fact]
    public async Task A_forged_Host_header_never_reaches_next_feed_url_next_url_or_rss_links()
    {
        await using var api = await ApiFixture.StartAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await api.AddAsync(ApiFixture.Article("world", now.AddMinutes(-i - 1)));
        }

        foreach (var query in new[] { "/api/items?limit=1", "/api/items?limit=1&format=jsonfeed", "/api/items?limit=1&format=rss" })
        {
            using var response = await api.GetAsync(query, headers: h => h.Host = Forged);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain(Forged, body, StringComparison.OrdinalIgnoreCase);
            foreach (var link in Links(body))
            {
                Assert.StartsWith(api.Http.BaseAddress!.AbsoluteUri + "api/items", link, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_configured_public_base_url_names_every_link()
    {
        await using var api = await ApiFixture.StartAsync(settings: new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://news.example.org/" });
        await api.AddAsync(ApiFixture.Article("world", DateTimeOffset.UtcNow.AddMinutes(-2)));
        await api.AddAsync(ApiFixture.Article("world", DateTimeOffset.UtcNow.AddMinutes(-1)));

        var json = await api.JsonAsync("/api/items?limit=1");
        Assert.StartsWith("https://news.example.org/api/items?", json.GetProperty("next").GetString(), StringComparison.Ordinal);
        using var feed = await api.GetAsync("/api/items?limit=1&format=jsonfeed", headers: h => h.Host = Forged);
        var links = Links(await feed.Content.ReadAsStringAsync()).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.StartsWith("https://news.example.org/api/items", l, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Links(string body)
    {
        if (body.TrimStart().StartsWith('<'))
        {
            var channel = XDocument.Parse(body).Root!.Element("channel")!;
            yield return channel.Element("link")!.Value;
            foreach (var link in channel.Elements(XNamespace.Get("http://www.w3.org/2005/Atom") + "link"))
            {
                yield return link.Attribute("href")!.Value;
            }

            yield break;
        }

        var root = JsonDocument.Parse(body).RootElement;
        foreach (var name in new[] { "next", "feed_url", "next_url" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return value.GetString()!;
            }
        }
    }
}
