using HtmlAgilityPack;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;
using NewsPipeline.Tests.Stories;

namespace NewsPipeline.Tests.Page;

/// <summary>
/// The article page over stories the parse stage found (Stories__Enabled, the default): two outlets' reports of one
/// event, in Simplified and Traditional script, list each other; a third outlet's report of another event lists
/// nothing. Served by the Functions app's own page class.
/// </summary>
public sealed class StoryArticlePipelineTests
{
    private const string Law = StoryFeeds.Law;
    private const string LawTraditional = StoryFeeds.LawTraditional;
    private const string Strike = "https://voa.example/zh/rail-strike";

    [Fact]
    public async Task Reports_the_pipeline_clustered_list_each_other_under_the_article()
    {
        await using var server = await FeedServer.StartAsync();
        var dw = server.Serve("dw.xml", StoryFeeds.Rss("DW", StoryFeeds.LawItem));
        var rfi = server.Serve("rfi.xml", StoryFeeds.Rss("RFI", StoryFeeds.LawTraditionalItem));
        var voa = server.Serve("voa.xml", StoryFeeds.Rss("VOA", StoryFeeds.StrikeItem(Strike, "03:00")));
        await using var pipeline = await TestPipeline.CreateAsync($"dw={dw};rfi={rfi};voa={voa}");
        await StoryFeeds.FetchAndParseAsync(pipeline);

        var items = HttpContexts.Json(await StoryFeeds.GetAsync(pipeline, "/api/items", c => pipeline.Create<LatestItems>().Run(c.Request)))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("url").GetString()!, i => i.GetProperty("id").GetString()!);
        Assert.Equal(3, items.Count);

        Assert.Equal([items[LawTraditional]], await OtherReportsAsync(pipeline, items[Law]));
        Assert.Equal([items[Law]], await OtherReportsAsync(pipeline, items[LawTraditional]));
        Assert.Empty(await OtherReportsAsync(pipeline, items[Strike]));
    }

    private static async Task<List<string>> OtherReportsAsync(TestPipeline pipeline, string id)
    {
        var context = await StoryFeeds.GetAsync(pipeline, "/article/" + id, c => pipeline.Create<ArticlePage>().Run(c.Request, id));
        Assert.Equal(200, context.Response.StatusCode);
        var document = new HtmlDocument();
        document.LoadHtml(HttpContexts.Body(context));
        return document.DocumentNode.All("//section[@class='others']//li").Select(li => li.GetAttributeValue("data-id", "")).ToList();
    }
}
