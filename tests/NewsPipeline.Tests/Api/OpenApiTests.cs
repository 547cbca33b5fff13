using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Tests.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>openapi.json, the Functions app and <c>newsfeed run</c> describe the same routes, parameters and fields.</summary>
public sealed class OpenApiTests
{
    private static readonly JsonElement OpenApi = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "openapi.json"))).RootElement.Clone();

    private static string[] DocumentedPaths => OpenApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Documented_paths_are_exactly_the_Functions_http_routes()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataTests.MetadataPath));
        var routes = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .Select(b => "/" + b.GetProperty("route").GetString())
            // The reading page's routes are HTML for people, not part of the API; the Google Reader API has its own
            // page (docs/reader-api.md): its calls are Google's, not this API's.
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) && !r.StartsWith("/api/greader/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(routes, DocumentedPaths);
    }

    [Fact]
    public void Documented_paths_are_exactly_the_routes_newsfeed_run_maps()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        app.MapNewsPipelineApi();
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.StartsWith("/api/greader/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(routes, DocumentedPaths);
    }

    [Fact]
    public void Items_parameters_are_the_ones_the_endpoint_reads()
    {
        var documented = OpenApi.GetProperty("paths").GetProperty("/api/items").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(ItemsRequest.Parameters.Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void Stories_parameters_are_the_ones_the_endpoint_reads()
    {
        var documented = OpenApi.GetProperty("paths").GetProperty("/api/stories").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(StoriesEndpoint.Parameters.Order(StringComparer.Ordinal), documented);
    }

    [Theory]
    [InlineData("Story", typeof(StoryResource))]
    [InlineData("StoryItem", typeof(StoryItemResource))]
    [InlineData("StoriesPage", typeof(StoriesPage))]
    [InlineData("Item", typeof(ItemResource))]
    [InlineData("ItemDetail", typeof(ItemDetailResource))]
    [InlineData("ItemsPage", typeof(ItemsPage))]
    [InlineData("ChangesPage", typeof(ChangesPage))]
    [InlineData("FeedStatus", typeof(FeedStatusResource))]
    public void Schemas_list_the_fields_the_API_serializes(string schema, Type type)
    {
        var documented = OpenApi.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var serialized = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(serialized, documented);
    }

    [Fact]
    public void Every_route_documents_its_errors()
    {
        var paths = OpenApi.GetProperty("paths");
        string Codes(string path) => string.Join(',', paths.GetProperty(path).GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name));

        Assert.Equal("200,304,400,405,503", Codes("/api/items"));
        Assert.Equal("200,304,404,405,503", Codes("/api/items/{id}"));
        Assert.Equal("200,405,503", Codes("/api/health"));
        Assert.Equal("200,304,400,405,503", Codes("/api/stories"));
        Assert.Equal("200,304,404,405,503", Codes("/api/stories/{id}"));
    }
}
