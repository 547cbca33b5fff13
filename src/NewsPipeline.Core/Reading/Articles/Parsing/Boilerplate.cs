using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Paragraphs that are not the story: ad markers, share and follow prompts, "read more" links, photo credits.
/// Outlets put them first often enough that a summary taken blindly from the first paragraph says "Advertisement".
/// </summary>
internal static partial class Boilerplate
{
    /// <summary>No boilerplate paragraph is longer than this: a longer one is the story.</summary>
    public const int MaxLength = 80;

    public static bool Is(string paragraph) =>
        paragraph.Length <= MaxLength && Pattern().IsMatch(paragraph);

    [GeneratedRegex(@"^[\s\p{P}]*(?:advertisement$|advertising$|sponsored(?: content)?$|ad$|subscribe\b|sign up\b|follow us\b|share (?:this|on)\b|read more\b|related\s*(?:articles?|stories|news|coverage)?\s*(?:[:：]|$)|click here\b|listen to (?:this|the) article|photo:|image:|file photo|getty images|广告|推广|推荐阅读|相关新闻|相關新聞|延伸阅读|延伸閱讀|点击|點擊|订阅|訂閱|关注我们|關注我們|分享(?:到|至)|图片来源|圖片來源|资料图|資料圖|来源[:：]|來源[:：])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
