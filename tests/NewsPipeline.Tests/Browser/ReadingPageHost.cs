using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// <c>newsfeed run</c> as a person runs it (a real process on 127.0.0.1) over fixture feeds served from loopback —
/// two folders, a Chinese feed, a hostile feed and a broken one — and Debian's chromium driven by Playwright, started
/// so that it can reach nothing but loopback. Shared by the browser tests (one collection: one run, one browser).
/// </summary>
public sealed class ReadingPageHost : IAsyncLifetime
{
    public const string AdminKey = "browser-test-key";
    private const string Chromium = "/usr/bin/chromium";

    private FeedServer feeds = null!;
    private Process process = null!;
    private IPlaywright playwright = null!;

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The feed names the registry gave the fixture feeds, by their role here.</summary>
    public string Harbour { get; private set; } = "";
    public string Wire { get; private set; } = "";
    public string Chinese { get; private set; } = "";
    public string Hostile { get; private set; } = "";

    /// <summary>Two outlets' reports of one event (Simplified and Traditional script), newer than every other item: one story.</summary>
    public const string LawFeed = "portdw";
    public const string LawTraditionalFeed = "portrfi";

    public const string HostileTitle = "<script>alert('title')</script> Council <img src=x onerror=alert('img')> vote <again> & \"quotes\"";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (the .ci/run script does).");
        feeds = await FeedServer.StartAsync();
        var images = feeds.BaseAddress.GetLeftPart(UriPartial.Authority);
        for (var i = 0; i < 8; i++)
        {
            feeds.Serve($"img/{i}.png", FixturePng.Solid(480, 320, (byte)(40 + i * 25), (byte)(120 + i * 12), (byte)(200 - i * 20)), "image/png");
        }

        var start = new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
        var harbourUrl = feeds.Serve("harbour.xml", Rss("Harbour News", "en", Enumerable.Range(0, 27).Select(i => new FixtureItem(
            $"Harbour story {i + 1}: the ferry, the market and the tide", $"{images}/articles/harbour-{i}", start.AddHours(i * 5),
            $"<p>Paragraph one of harbour story {i + 1}. The harbour master said the season went well.</p><p>Paragraph two, with more detail on the tides and the market.</p>",
            i % 2 == 0 ? $"{images}/img/{i % 8}.png" : null, "Ana Harbour"))));
        var wireUrl = feeds.Serve("wire.xml", Rss("World Wire", "en", Enumerable.Range(0, 14).Select(i => new FixtureItem(
            $"Wire report {i + 1} on trade talks", $"{images}/articles/wire-{i}", start.AddHours(i * 7 + 2),
            $"<p>Trade ministers met for the {i + 1}th round. Officials said progress was made.</p>", i % 3 == 0 ? $"{images}/img/{(i + 3) % 8}.png" : null, null))));
        var chineseUrl = feeds.Serve("chinese.xml", Rss("港口日报", "zh-cn", Enumerable.Range(0, 4).Select(i => new FixtureItem(
            $"港口小镇举办第{i + 1}届海鲜节", $"{images}/articles/zh-{i}", start.AddHours(i * 11 + 1),
            "<p>周末，港口小镇举办了海鲜节，数千名游客前来品尝当地的海鲜，渔民们也展示了传统的捕鱼方法。</p><p>镇长表示，明年将继续举办。</p>",
            $"{images}/img/{i % 8}.png", "记者 王明"))));
        var hostileUrl = feeds.Serve("hostile.xml", Rss("Hostile", "en", [new FixtureItem(HostileTitle, $"{images}/articles/hostile", start.AddHours(3),
            $"<p>Read <script>alert('body')</script>this.</p><img src=\"{images}/img/1.png\" onerror=\"alert('onerror')\" width=\"480\" height=\"320\">" +
            "<p><a href=\"javascript:alert('link')\">a javascript: link</a> and <a href=\"JaVaScRiPt:alert('link2')\">another</a></p>" +
            $"<meta http-equiv=\"refresh\" content=\"0;url={images}/pwned\"><iframe src=\"{images}/pwned\"></iframe>" +
            "<p style=\"background:url(javascript:alert('style'))\" onmouseover=\"alert('hover')\">Hover me.</p>", null, "<b onclick=alert('author')>Mallory</b>")]));
        // The originals the items link to, for the v key to open.
        foreach (var article in Enumerable.Repeat("hostile", 1).Concat(Enumerable.Range(0, 27).Select(i => $"harbour-{i}")).Concat(Enumerable.Range(0, 14).Select(i => $"wire-{i}"))
                     .Concat(Enumerable.Range(0, 4).Select(i => $"zh-{i}")).Concat(["port-law", "port-law-hant"]))
        {
            feeds.Serve($"articles/{article}", $"<!doctype html><html lang=\"en\"><title>{article}</title><p>The original of {article}.</p></html>", "text/html; charset=utf-8");
        }

        var lawUrl = feeds.Serve("port-dw.xml", Rss("DW 中文", "zh-cn", [new FixtureItem("鲁里塔尼亚议会全票通过港口安全法", $"{images}/articles/port-law", start.AddHours(200),
            "<p>鲁里塔尼亚议会周二以全票通过《港口安全法》，新法将于12月1日生效，授权海关扣押可疑货船并查验船员证件。议长马尔科·韦伯在表决后表示，这部法律回应了去年查获的港口走私案。</p>", null, null)]));
        var lawTraditionalUrl = feeds.Serve("port-rfi.xml", Rss("RFI 中文", "zh-tw", [new FixtureItem("魯里塔尼亞議會全票通過港口安全法 12月1日生效", $"{images}/articles/port-law-hant", start.AddHours(202),
            "<p>魯里塔尼亞議會週二全票通過《港口安全法》，新法12月1日起生效，海關可扣押可疑貨船並查驗船員證件。議長馬爾科·韋伯表決後說，此法是對去年港口走私案的回應。</p>", null, null)]));
        var brokenUrl = feeds.Serve("broken.xml", "<rss><channel><item>", "application/xml");

        var port = AzuriteProcess.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var environment = await NewsfeedCli.IsolatedEnvironmentAsync($"hostile={hostileUrl};{LawFeed}={lawUrl};{LawTraditionalFeed}={lawTraditionalUrl}");
        environment["FetchSchedule"] = "*/2 * * * * *";
        environment["Api__AdminKey"] = AdminKey;
        environment["Page__ImageSources"] = images;
        // Unread rows for what was indexed a moment ago, so an account made after the fetch sees it at once.
        environment["Reader__SyncSettleSeconds"] = "0";
        process = Start(port, environment);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        await WaitAsync(async () => (await Http.GetAsync("api/health")).IsSuccessStatusCode, "newsfeed run to answer");

        // Folders come from OPML, as a reader's export carries them.
        var opml = $"""
            <opml version="2.0"><body>
              <outline text="Local"><outline type="rss" text="Harbour News" title="Harbour News" xmlUrl="{SecurityElement.Escape(harbourUrl)}"/>
                <outline type="rss" text="港口日报" title="港口日报" xmlUrl="{SecurityElement.Escape(chineseUrl)}"/></outline>
              <outline text="World"><outline type="rss" text="World Wire" title="World Wire" xmlUrl="{SecurityElement.Escape(wireUrl)}"/>
                <outline type="rss" text="Broken" title="Broken" xmlUrl="{SecurityElement.Escape(brokenUrl)}"/></outline>
            </body></opml>
            """;
        using (var import = new HttpRequestMessage(HttpMethod.Post, "api/feeds") { Content = new StringContent(opml, Encoding.UTF8, "text/x-opml") })
        {
            import.Headers.Add("x-functions-key", AdminKey);
            using var imported = await Http.SendAsync(import);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        var registered = (await Http.GetFromJsonAsync<JsonElement>("api/feeds")).GetProperty("feeds").EnumerateArray()
            .ToDictionary(f => f.GetProperty("url").GetString()!, f => f.GetProperty("name").GetString()!);
        Harbour = registered[harbourUrl];
        Wire = registered[wireUrl];
        Chinese = registered[chineseUrl];
        Hostile = registered[hostileUrl];
        await WaitAsync(async () => await CountAsync() >= 27 + 14 + 4 + 1 + 2, "every fixture item to be parsed");

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Loopback only: any other name fails to resolve, so nothing leaves the machine whatever a page links.
            Args = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
    }

    /// <summary>A page that records console errors, page errors, CSP violations, dialogs and navigations.</summary>
    public async Task<WatchedPage> OpenAsync(ColorScheme scheme = ColorScheme.Light, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = BaseAddress.AbsoluteUri,
        });
        return await WatchedPage.StartAsync(context);
    }

    public async Task<List<string>> ApiIdsAsync(string pathAndQuery)
    {
        var ids = new List<string>();
        string? next = pathAndQuery;
        while (next is not null)
        {
            var page = await Http.GetFromJsonAsync<JsonElement>(next.StartsWith("http", StringComparison.Ordinal) ? new Uri(next).PathAndQuery.TrimStart('/') : next);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            next = page.GetProperty("next").GetString();
        }

        return ids;
    }

    /// <summary>The newest item of a feed and the story the API gives it now.</summary>
    public async Task<(string Id, string Story)> NewestWithStoryAsync(string feed)
    {
        var item = (await Http.GetFromJsonAsync<JsonElement>($"api/items?source={feed}&limit=1")).GetProperty("items")[0];
        return (item.GetProperty("id").GetString()!, item.GetProperty("story").GetString()!);
    }

    /// <summary>A reader account (through the admin API, as an operator makes one), subscribed to every feed.</summary>
    public async Task<string> AddAccountAsync(string prefix, string password)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/accounts") { Content = JsonContent.Create(new { name, password }) };
        request.Headers.Add("x-functions-key", AdminKey);
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return name;
    }

    private async Task<int> CountAsync() => (await ApiIdsAsync("api/items?limit=100")).Count;

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        Http?.Dispose();
        if (process is { HasExited: false })
        {
            // Ctrl-C, as a person stops it; killed if it does not stop.
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process?.Dispose();
        await feeds.DisposeAsync();
    }

    private static Process Start(int port, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newsfeed.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"Waited 90 s for {what} (newsfeed exited: {process.HasExited}).");
    }

    private sealed record FixtureItem(string Title, string Link, DateTimeOffset Published, string Html, string? Image, string? Author);

    private static string Rss(string title, string language, IEnumerable<FixtureItem> items)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>{SecurityElement.Escape(title)}</title><link>http://127.0.0.1/</link><language>{language}</language>");
        foreach (var item in items)
        {
            var html = (item.Image is null ? "" : $"<figure><img src=\"{item.Image}\" alt=\"\" width=\"480\" height=\"320\"><figcaption>Photo for {SecurityElement.Escape(item.Title)}</figcaption></figure>") + item.Html;
            xml.Append("<item><title>").Append(SecurityElement.Escape(item.Title)).Append("</title><link>").Append(item.Link).Append("</link><guid>").Append(item.Link)
                .Append("</guid><pubDate>").Append(item.Published.ToString("R", CultureInfo.InvariantCulture)).Append("</pubDate>");
            if (item.Author is not null)
            {
                xml.Append("<dc:creator>").Append(SecurityElement.Escape(item.Author)).Append("</dc:creator>");
            }

            xml.Append("<description><![CDATA[").Append(html).Append("]]></description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSession : ICollectionFixture<ReadingPageHost>
{
    public const string Name = "Browser";
}
