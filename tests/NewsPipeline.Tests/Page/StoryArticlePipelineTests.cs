using HtmlAgilityPack;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Page;

/// <summary>
/// The article page over stories the parse stage found (Stories__Enabled, the default): two outlets' reports of one
/// event, in Simplified and Traditional script, list each other; a third outlet's report of another event lists
/// nothing. Served by the Functions app's own page class.
/// </summary>
public sealed class StoryArticlePipelineTests
{
    private const string Law = "https://dw.example/zh/port-law";
    private const string LawTraditional = "https://rfi.example/tw/port-law";
    private const string Strike = "https://voa.example/zh/rail-strike";

    [Fact]
    public async Task Reports_the_pipeline_clustered_list_each_other_under_the_article()
    {
        await using var server = await FeedServer.StartAsync();
        var dw = server.Serve("dw.xml", Rss("DW", ("鲁里塔尼亚议会全票通过港口安全法", Law, "02:00",
            "鲁里塔尼亚议会周二以全票通过《港口安全法》，新法将于12月1日生效，授权海关扣押可疑货船并查验船员证件。议长马尔科·韦伯在表决后表示，这部法律回应了去年查获的港口走私案。")));
        var rfi = server.Serve("rfi.xml", Rss("RFI", ("魯里塔尼亞議會全票通過港口安全法 12月1日生效", LawTraditional, "04:00",
            "魯里塔尼亞議會週二全票通過《港口安全法》，新法12月1日起生效，海關可扣押可疑貨船並查驗船員證件。議長馬爾科·韋伯表決後說，此法是對去年港口走私案的回應。")));
        var voa = server.Serve("voa.xml", Rss("VOA", ("格兰维尔铁路工人开始为期三天的罢工", Strike, "03:00",
            "格兰维尔全国铁路工会周二凌晨开始为期三天的罢工，要求将工资提高百分之八。交通部长伊莎贝尔·马丁说，约七成列车停运，通勤者应改乘巴士。")));
        await using var pipeline = await TestPipeline.CreateAsync($"dw={dw};rfi={rfi};voa={voa}");
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        foreach (var name in report.WrittenBlobs)
        {
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(name, CancellationToken.None)).Succeeded);
        }

        var items = HttpContexts.Json(await GetAsync(pipeline, "/api/items", c => pipeline.Create<LatestItems>().Run(c.Request)))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("url").GetString()!, i => i.GetProperty("id").GetString()!);
        Assert.Equal(3, items.Count);

        Assert.Equal([items[LawTraditional]], await OtherReportsAsync(pipeline, items[Law]));
        Assert.Equal([items[Law]], await OtherReportsAsync(pipeline, items[LawTraditional]));
        Assert.Empty(await OtherReportsAsync(pipeline, items[Strike]));
    }

    private static async Task<List<string>> OtherReportsAsync(TestPipeline pipeline, string id)
    {
        var context = await GetAsync(pipeline, "/article/" + id, c => pipeline.Create<ArticlePage>().Run(c.Request, id));
        Assert.Equal(200, context.Response.StatusCode);
        var document = new HtmlDocument();
        document.LoadHtml(HttpContexts.Body(context));
        return document.DocumentNode.All("//section[@class='others']//li").Select(li => li.GetAttributeValue("data-id", "")).ToList();
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpContext> GetAsync(TestPipeline pipeline, string path, Func<Microsoft.AspNetCore.Http.HttpContext, Task> run)
    {
        var context = HttpContexts.Get(pipeline.Services, path);
        await run(context);
        return context;
    }

    private static string Rss(string title, params (string Title, string Link, string Time, string Text)[] items) =>
        $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title><link>https://{title.ToLowerInvariant()}.example/</link>""" +
        string.Concat(items.Select(item => $"<item><title>{item.Title}</title><link>{item.Link}</link><pubDate>Tue, 24 Nov 2026 {item.Time}:00 GMT</pubDate><description><![CDATA[<p>{item.Text}</p>]]></description></item>")) +
        "</channel></rss>";
}
