using System.Text.Json;
using HtmlAgilityPack;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>The fields of a JSON-LD <c>NewsArticle</c> (or <c>Article</c>, <c>ReportageNewsArticle</c>, <c>BlogPosting</c>) that the parser uses.</summary>
public sealed record JsonLdArticle(string? Headline, string? Url, string? DatePublished, string? Author, string? Image, string? Description)
{
    private static readonly string[] ArticleTypes = ["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "WebPage"];

    /// <summary>The first article object in the page's JSON-LD blocks; malformed blocks are skipped, as browsers and crawlers do.</summary>
    public static JsonLdArticle? Find(HtmlNodeCollection? scripts)
    {
        JsonLdArticle? page = null;
        foreach (var script in scripts ?? Enumerable.Empty<HtmlNode>())
        {
            try
            {
                using var json = JsonDocument.Parse(HtmlEntity.DeEntitize(script.InnerText), new JsonDocumentOptions
                {
                    AllowTrailingCommas = true,
                    CommentHandling = JsonCommentHandling.Skip,
                    MaxDepth = 64,
                });
                foreach (var node in Candidates(json.RootElement))
                {
                    var type = TypeOf(node);
                    if (type is "WebPage")
                    {
                        page ??= From(node);
                    }
                    else if (type is not null)
                    {
                        return From(node);
                    }
                }
            }
            catch (JsonException)
            {
            }
        }

        return page;
    }

    // Sites publish one object, an array of objects, or a @graph of them.
    private static IEnumerable<JsonElement> Candidates(JsonElement root)
    {
        var queue = new Queue<JsonElement>([root]);
        while (queue.Count > 0)
        {
            var element = queue.Dequeue();
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    queue.Enqueue(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                yield return element;
                if (element.TryGetProperty("@graph", out var graph))
                {
                    queue.Enqueue(graph);
                }
            }
        }
    }

    private static string? TypeOf(JsonElement node)
    {
        if (!node.TryGetProperty("@type", out var type))
        {
            return null;
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null) : [type.ValueKind == JsonValueKind.String ? type.GetString() : null];
        return types.FirstOrDefault(t => t is not null && ArticleTypes.Contains(t, StringComparer.OrdinalIgnoreCase)) is { } found
            ? ArticleTypes.First(a => a.Equals(found, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    private static JsonLdArticle From(JsonElement node) => new(
        StringOf(node, "headline") ?? StringOf(node, "name"),
        StringOf(node, "url") ?? StringOf(node, "mainEntityOfPage", "@id"),
        StringOf(node, "datePublished") ?? StringOf(node, "dateCreated"),
        StringOf(node, "author", "name"),
        StringOf(node, "image", "url"),
        StringOf(node, "description"));

    // A property may be a string, an object with the wanted field, or an array of either (several authors, images).
    private static string? StringOf(JsonElement node, string property, string? field = null)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return null;
        }

        return Flatten(value, field);
    }

    private static string? Flatten(JsonElement value, string? field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Object when field is not null && value.TryGetProperty(field, out var inner) => Flatten(inner, null),
        JsonValueKind.Array => value.EnumerateArray().Select(item => Flatten(item, field)).OfType<string>() is var all && all.Any()
            ? (field == "name" ? string.Join(", ", all) : all.First())
            : null,
        _ => null,
    };
}
