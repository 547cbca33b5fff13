using System.Text.Json;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// Stories through the whole pipeline on Azurite: feeds fetched, blobs parsed, stories found as each article is
/// indexed, and served by the Functions' own classes.
/// </summary>
public sealed class StoryPipelineTests
{
    private const string Law = "https://dw.example/zh/port-law";
    private const string LawTraditional = "https://rfi.example/tw/port-law";
    private const string Response = "https://voa.example/zh/bordova-response";
    private const string Strike = "https://dw.example/zh/rail-strike";

    [Fact]
    public async Task Two_feeds_reports_of_one_event_are_one_story_and_the_response_to_it_another()
    {
        await using var server = await FeedServer.StartAsync();
        var dw = server.Serve("dw.xml", Rss("DW",
            ("鲁里塔尼亚议会全票通过港口安全法", Law, "02:00",
                "鲁里塔尼亚议会周二以全票通过《港口安全法》，新法将于12月1日生效，授权海关扣押可疑货船并查验船员证件。议长马尔科·韦伯在表决后表示，这部法律回应了去年查获的港口走私案。"),
            ("格兰维尔铁路工人开始为期三天的罢工", Strike, "03:00",
                "格兰维尔全国铁路工会周二凌晨开始为期三天的罢工，要求将工资提高百分之八。交通部长伊莎贝尔·马丁说，约七成列车停运，通勤者应改乘巴士。")));
        var rfi = server.Serve("rfi.xml", Rss("RFI",
            ("魯里塔尼亞議會全票通過港口安全法 12月1日生效", LawTraditional, "04:00",
                "魯里塔尼亞議會週二全票通過《港口安全法》，新法12月1日起生效，海關可扣押可疑貨船並查驗船員證件。議長馬爾科·韋伯表決後說，此法是對去年港口走私案的回應。")));
        var voa = server.Serve("voa.xml", Rss("VOA",
            ("博尔多瓦谴责鲁里塔尼亚港口安全法 召回驻鲁大使", Response, "09:00",
                "博尔多瓦外交部周三发表声明，谴责鲁里塔尼亚刚刚通过的港口安全法损害地区贸易自由。外交部长安娜·彼得罗娃宣布召回驻鲁里塔尼亚大使进行磋商，并称正在研究反制措施。")));
        // The rest of the day's news, as a window holds it: the country, its port, its customs and its neighbour in
        // other events. In a window of only the four reports above, every shared word looks rare (docs/performance/stories.md).
        var ft = server.Serve("ft.xml", Rss("FT", Background));
        await using var pipeline = await TestPipeline.CreateAsync($"dw={dw};rfi={rfi};voa={voa};ft={ft}",
            new Dictionary<string, string?> { ["Api:ChangesSettleSeconds"] = "0" });

        var blobs = await FetchAndParseAsync(pipeline);
        var stories = await StoriesByUrlAsync(pipeline);
        Assert.Equal(stories[Law], stories[LawTraditional]);
        Assert.NotEqual(stories[Law], stories[Response]);
        Assert.NotEqual(stories[Law], stories[Strike]);
        Assert.NotEqual(stories[Response], stories[Strike]);

        // The story is named by its first report, and lists both outlets and both reports.
        var listed = Json(await GetAsync(pipeline, "/api/stories", c => pipeline.Create<LatestStories>().Run(c.Request)));
        var all = listed.GetProperty("stories").EnumerateArray().ToList();
        // The law (two reports), the response, the strike, and each of the day's other events alone.
        Assert.Equal(3 + Background.Length, all.Count);
        var law = all.Single(s => s.GetProperty("id").GetString() == stories[Law]);
        Assert.Equal(["dw", "rfi"], law.GetProperty("outlets").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal(2, law.GetProperty("reports").GetInt32());
        var firstReport = law.GetProperty("items").EnumerateArray().First();
        Assert.Equal(stories[Law], firstReport.GetProperty("id").GetString());
        Assert.Equal("鲁里塔尼亚议会全票通过港口安全法", law.GetProperty("title").GetString());

        var one = await GetAsync(pipeline, "/api/stories/" + stories[Law], c => pipeline.Create<StoryById>().Run(c.Request, stories[Law]));
        Assert.Equal(200, one.Response.StatusCode);
        Assert.Equal(2, Json(one).GetProperty("items").GetArrayLength());
        var missing = await GetAsync(pipeline, "/api/stories/0000", c => pipeline.Create<StoryById>().Run(c.Request, "0000"));
        Assert.Equal(404, missing.Response.StatusCode);

        var members = Json(await GetAsync(pipeline, "/api/items?story=" + stories[Law], c => pipeline.Create<LatestItems>().Run(c.Request)));
        Assert.Equal([Law, LawTraditional], members.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).Order(StringComparer.Ordinal).ToArray());

        // The change feed carries each article's story as it was known on arrival.
        var changes = Json(await GetAsync(pipeline, "/api/changes?limit=10", c => pipeline.Create<ItemChanges>().Run(c.Request)));
        Assert.All(changes.GetProperty("items").EnumerateArray(), i => Assert.Equal(stories[i.GetProperty("url").GetString()!], i.GetProperty("story").GetString()));

        // Parsed again (a reindex, a redelivery): every article keeps its story.
        foreach (var name in blobs)
        {
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(name, reparse: true, CancellationToken.None)).Succeeded);
        }

        Assert.Equal(stories, await StoriesByUrlAsync(pipeline));
    }

    private static readonly (string Title, string Link, string Time, string Text)[] Background =
    [
        ("鲁里塔尼亚首都马拉松吸引两万人参赛", "https://ft.example/zh/marathon", "00:30",
            "鲁里塔尼亚首都斯特雷尔绍周二举行年度国际马拉松，约两万名跑者参赛，肯尼亚选手以两小时八分夺冠。市政府说，赛事为当地带来约四百万欧元收入。"),
        ("鲁里塔尼亚最大港口货物吞吐量创历史新高", "https://ft.example/zh/port-record", "05:00",
            "鲁里塔尼亚最大港口泽恩达港公布，今年前十个月货物吞吐量达一亿二千万吨，创历史新高。港务局说，集装箱运输增长最快，亚洲航线的货船比去年多出两成。"),
        ("鲁里塔尼亚海关查获逾百万支走私香烟", "https://ft.example/zh/customs-cigarettes", "07:00",
            "鲁里塔尼亚海关周二在北部边境查获一百二十万支走私香烟，逮捕三名司机。海关发言人说，香烟藏在一辆运送冷冻鱼的货车夹层中，案件仍在调查。"),
        ("鲁里塔尼亚反对党领袖宣布参加明年总统选举", "https://ft.example/zh/opposition", "10:00",
            "鲁里塔尼亚最大反对党自由联盟的领袖卡塔琳娜·霍夫周二宣布参加明年五月的总统选举，承诺降低燃油税并改革养老金制度。民调显示她的支持率约为百分之三十一。"),
        ("博尔多瓦总统访问邻国 签署天然气供应协议", "https://ft.example/zh/bordova-gas", "12:00",
            "博尔多瓦总统米哈伊尔·索林周二访问邻国瓦尔达尼亚，两国签署为期十年的天然气供应协议。索林说，协议将使博尔多瓦冬季的能源供应更有保障。"),
        ("博尔多瓦与鲁里塔尼亚下月举行新一轮贸易谈判", "https://ft.example/zh/trade-talks", "20:00",
            "博尔多瓦和鲁里塔尼亚的贸易部门宣布，两国将于下月在边境城市举行新一轮贸易谈判，议题包括农产品关税和过境运输费用。两国去年的双边贸易额约为九十亿欧元。"),
    ];

    private static async Task<List<string>> FetchAndParseAsync(TestPipeline pipeline)
    {
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        Assert.Equal(4 + Background.Length, report.WrittenBlobs.Count());
        foreach (var name in report.WrittenBlobs)
        {
            var outcome = await pipeline.Get<ParseService>().ParseBlobAsync(name, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
        }

        return report.WrittenBlobs.ToList();
    }

    private static async Task<Dictionary<string, string>> StoriesByUrlAsync(TestPipeline pipeline)
    {
        var page = Json(await GetAsync(pipeline, "/api/items?limit=100", c => pipeline.Create<LatestItems>().Run(c.Request)));
        return page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("url").GetString()!, i => i.GetProperty("story").GetString()!);
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpContext> GetAsync(TestPipeline pipeline, string path, Func<Microsoft.AspNetCore.Http.HttpContext, Task> run)
    {
        var context = HttpContexts.Get(pipeline.Services, path);
        await run(context);
        return context;
    }

    private static JsonElement Json(Microsoft.AspNetCore.Http.HttpContext context)
    {
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context);
    }

    private static string Rss(string title, params (string Title, string Link, string Time, string Text)[] items) =>
        $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title><link>https://{title.ToLowerInvariant()}.example/</link>""" +
        string.Concat(items.Select(item => $"<item><title>{item.Title}</title><link>{item.Link}</link><pubDate>Tue, 24 Nov 2026 {item.Time}:00 GMT</pubDate><description><![CDATA[<p>{item.Text}</p>]]></description></item>")) +
        "</channel></rss>";
}
