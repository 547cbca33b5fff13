using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Tests.Layering;

/// <summary>
/// Core's one-way layers (docs/architecture.md): Model ← Reading ← Storage ← Services ← Web ← Composition. A layer uses
/// only the layers below it, no two namespaces use each other, and Core knows no host.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] Layers =
    [
        "NewsPipeline.Core.Model",
        "NewsPipeline.Core.Reading",
        "NewsPipeline.Core.Storage",
        "NewsPipeline.Core.Services",
        "NewsPipeline.Core.Web",
        "NewsPipeline.Core.Composition",
    ];

    private static readonly Lazy<NamespaceGraph> Core = new(() => NamespaceGraph.Of(typeof(ArticleId).Assembly.Location, "NewsPipeline.Core"));

    [Fact]
    public void Every_Core_namespace_belongs_to_a_layer()
    {
        var outside = Core.Value.Edges.Keys.Where(name => LayerOf(name) < 0).ToList();
        Assert.True(outside.Count == 0, $"Namespaces outside the layers: {string.Join(", ", outside)}");
    }

    [Fact]
    public void No_layer_uses_a_layer_above_it()
    {
        var upward = (
            from edge in Core.Value.Edges
            from used in edge.Value
            where LayerOf(used) > LayerOf(edge.Key)
            select $"{edge.Key} -> {used} ({Core.Value.ExampleOf(edge.Key, used)})").ToList();
        Assert.True(upward.Count == 0, "Dependencies against the layers' direction:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void No_two_Core_namespaces_use_each_other()
    {
        var cycles = Core.Value.Cycles();
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Select(cycle => string.Join(" <-> ", cycle))));
    }

    [Theory]
    [InlineData("NewsPipeline.Core.Model", "System.Net.Http")]
    [InlineData("NewsPipeline.Core.Model", "Azure")]
    [InlineData("NewsPipeline.Core.Model", "Microsoft.AspNetCore")]
    [InlineData("NewsPipeline.Core.Reading", "System.Net.Http")]
    [InlineData("NewsPipeline.Core.Reading", "Azure")]
    [InlineData("NewsPipeline.Core.Reading", "Microsoft.AspNetCore")]
    [InlineData("NewsPipeline.Core.Storage", "Microsoft.AspNetCore")]
    [InlineData("NewsPipeline.Core.Services", "Microsoft.AspNetCore")]
    [InlineData("NewsPipeline.Core", "Microsoft.Azure.Functions")]
    public void A_layer_knows_nothing_of_what_belongs_above_it(string layer, string foreign)
    {
        var uses = (
            from entry in Core.Value.External
            where entry.Key == layer || entry.Key.StartsWith(layer + ".", StringComparison.Ordinal)
            from used in entry.Value
            where used == foreign || used.StartsWith(foreign + ".", StringComparison.Ordinal)
            select $"{entry.Key} -> {used} ({Core.Value.ExampleOf(entry.Key, used)})").ToList();
        Assert.True(uses.Count == 0, string.Join("\n", uses));
    }

    [Fact]
    public void Only_the_storage_layer_knows_the_storage_SDKs()
    {
        string[] sdks = ["Azure.Data.Tables", "Azure.Storage"];
        var uses = (
            from entry in Core.Value.External
            where LayerOf(entry.Key) != Array.IndexOf(Layers, "NewsPipeline.Core.Storage")
                && LayerOf(entry.Key) != Array.IndexOf(Layers, "NewsPipeline.Core.Composition")
            from used in entry.Value
            where sdks.Any(sdk => used == sdk || used.StartsWith(sdk + ".", StringComparison.Ordinal))
            select $"{entry.Key} -> {used} ({Core.Value.ExampleOf(entry.Key, used)})").ToList();
        Assert.True(uses.Count == 0, string.Join("\n", uses));
    }

    [Fact]
    public void The_graph_sees_a_dependency_that_exists()
    {
        // The reader of the IL must see what the code plainly does, or every rule above would pass on an empty graph.
        Assert.Contains("NewsPipeline.Core.Model.Articles", Core.Value.Edges["NewsPipeline.Core.Storage.Tables"]);
        Assert.Contains("NewsPipeline.Core.Storage.Tables", Core.Value.Edges["NewsPipeline.Core.Web.Api"]);
    }

    private static int LayerOf(string name) =>
        Array.FindIndex(Layers, layer => name == layer || name.StartsWith(layer + ".", StringComparison.Ordinal));
}
