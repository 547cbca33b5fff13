using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPipeline.Core.Web.Api.Formats;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1); <c>next_url</c> pages through the archive.</summary>
internal static class JsonFeedWriter
{
    public const string ContentType = "application/feed+json; charset=utf-8";
    public const string Version = "https://jsonfeed.org/version/1.1";

    public static byte[] Write(FeedPage page)
    {
        var items = new JsonArray();
        foreach (var article in page.Items)
        {
            var item = new JsonObject
            {
                ["id"] = article.Id,
                ["url"] = article.Url,
                ["title"] = article.Title,
                ["content_html"] = page.Html.GetValueOrDefault(article.Id, string.Empty),
                ["date_published"] = article.Published.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["language"] = article.Language,
                // The outlet first, then the categories its feed gave the item.
                ["tags"] = new JsonArray([JsonValue.Create(article.Source), .. article.Categories.Select(c => (JsonNode?)JsonValue.Create(c))]),
            };
            if (article.Summary is { Length: > 0 } summary)
            {
                item["summary"] = summary;
            }

            if (article.Image is { Length: > 0 } image)
            {
                item["image"] = image;
            }

            // JSON Feed's extension convention: a key starting with '_' whose object carries what the format has no field for.
            if (article.Story is { } story)
            {
                item["_newspipeline"] = new JsonObject { ["story"] = story };
            }

            if (article.Author is { Length: > 0 } author)
            {
                item["authors"] = new JsonArray(new JsonObject { ["name"] = author });
            }

            items.Add(item);
        }

        var feed = new JsonObject
        {
            ["version"] = Version,
            ["title"] = page.Title,
            ["feed_url"] = page.FeedUrl,
        };
        if (page.NextUrl is not null)
        {
            feed["next_url"] = page.NextUrl;
        }

        feed["items"] = items;
        return JsonSerializer.SerializeToUtf8Bytes(feed, ApiJson.Options);
    }
}
