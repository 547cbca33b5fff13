using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// The reports the story pipeline tests serve as feeds (original text, Tuesday 24 November 2026): a port law passed,
/// its Traditional-script copy, another country's response, a rail strike, and the day's other news of the same
/// country, its port, its customs and its neighbour, as a window holds them.
/// </summary>
internal static class StoryFeeds
{
    public const string Law = "https://dw.example/zh/port-law";
    public const string LawTraditional = "https://rfi.example/tw/port-law";
    public const string Response = "https://voa.example/zh/bordova-response";

    public static readonly (string Title, string Link, string Time, string Text) LawItem = ("鲁里塔尼亚议会全票通过港口安全法", Law, "02:00",
        "鲁里塔尼亚议会周二以全票通过《港口安全法》，新法将于12月1日生效，授权海关扣押可疑货船并查验船员证件。议长马尔科·韦伯在表决后表示，这部法律回应了去年查获的港口走私案。");

    public static readonly (string Title, string Link, string Time, string Text) LawTraditionalItem = ("魯里塔尼亞議會全票通過港口安全法 12月1日生效", LawTraditional, "04:00",
        "魯里塔尼亞議會週二全票通過《港口安全法》，新法12月1日起生效，海關可扣押可疑貨船並查驗船員證件。議長馬爾科·韋伯表決後說，此法是對去年港口走私案的回應。");

    public static readonly (string Title, string Link, string Time, string Text) ResponseItem = ("博尔多瓦谴责鲁里塔尼亚港口安全法 召回驻鲁大使", Response, "09:00",
        "博尔多瓦外交部周三发表声明，谴责鲁里塔尼亚刚刚通过的港口安全法损害地区贸易自由。外交部长安娜·彼得罗娃宣布召回驻鲁里塔尼亚大使进行磋商，并称正在研究反制措施。");

    public static readonly (string Title, string Link, string Time, string Text)[] Background =
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

    public static (string Title, string Link, string Time, string Text) StrikeItem(string link, string time) => ("格兰维尔铁路工人开始为期三天的罢工", link, time,
        "格兰维尔全国铁路工会周二凌晨开始为期三天的罢工，要求将工资提高百分之八。交通部长伊莎贝尔·马丁说，约七成列车停运，通勤者应改乘巴士。");

    public static string Rss(string title, params (string Title, string Link, string Time, string Text)[] items) =>
        $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title><link>https://{title.ToLowerInvariant()}.example/</link>""" +
        string.Concat(items.Select(item => $"<item><title>{item.Title}</title><link>{item.Link}</link><pubDate>Tue, 24 Nov 2026 {item.Time}:00 GMT</pubDate><description><![CDATA[<p>{item.Text}</p>]]></description></item>")) +
        "</channel></rss>";

    /// <summary>The registry seeded, every feed fetched once and each blob parsed as the blob trigger would: the blobs written.</summary>
    public static async Task<List<string>> FetchAndParseAsync(TestPipeline pipeline)
    {
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        foreach (var name in report.WrittenBlobs)
        {
            var outcome = await pipeline.Get<ParseService>().ParseBlobAsync(name, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
        }

        return report.WrittenBlobs.ToList();
    }

    public static async Task<HttpContext> GetAsync(TestPipeline pipeline, string path, Func<HttpContext, Task> run)
    {
        var context = HttpContexts.Get(pipeline.Services, path);
        await run(context);
        return context;
    }
}
