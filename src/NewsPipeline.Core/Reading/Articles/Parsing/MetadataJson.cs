using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>How metadata is written as JSON by the ops tools (<c>newsfeed parse --json</c>): camelCase, origins as words, CJK unescaped.</summary>
public static class MetadataJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(ArticleMetadata article) => JsonSerializer.Serialize(article, Options);
}
