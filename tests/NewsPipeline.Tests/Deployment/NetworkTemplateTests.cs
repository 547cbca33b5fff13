using System.Text.Json.Nodes;
using NewsPipeline.Core.Storage;
using NewsPipeline.Tests.Functions;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// The optional private network (main.bicep: vnetEnabled), compiled: off unless asked for, and when on, a private
/// endpoint and DNS zone for every storage service a connection of the app uses, with the app integrated in the network.
/// </summary>
public sealed class NetworkTemplateTests
{
    private static async Task<IReadOnlyList<ArmResource>> ResourcesAsync(string? template = null) =>
        ArmTemplate.Parse(template is null ? await BicepCli.BuildMainAsync() : await BicepCli.BuildAsync(template)).Resources;

    // The services of every connection, from the real functions.metadata and from the fetch fan-out still to come.
    private static SortedSet<string> ServicesTheAppUses()
    {
        var services = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var metadata in new[] { File.ReadAllText(FunctionsMetadataTests.MetadataPath), DeploymentCheckTests.FeedQueueMetadataJson })
        {
            var app = AppRequirements.From((JsonArray)JsonNode.Parse(metadata)!, new StorageOptions());
            services.UnionWith(app.Connections.SelectMany(c => c.Services));
        }

        return services;
    }

    private static List<string> MissingEndpoints(IReadOnlyList<ArmResource> resources)
    {
        var endpoints = string.Join("\n", resources.Where(r => r.Type == "Microsoft.Network/privateEndpoints")
            .Select(r => r.Text("properties", "privateLinkServiceConnections")));
        var zones = string.Join("\n", resources.Where(r => r.Type == "Microsoft.Network/privateDnsZones").Select(r => r.Text("name")));
        return ServicesTheAppUses()
            .Where(s => !endpoints.Contains($"'{s}'", StringComparison.Ordinal) || !zones.Contains($"'{s}'", StringComparison.Ordinal) || !zones.Contains("privatelink.", StringComparison.Ordinal))
            .ToList();
    }

    [SkippableFact]
    public async Task Every_storage_service_the_app_uses_has_a_private_endpoint_and_zone_when_the_network_is_on()
    {
        var resources = await ResourcesAsync();

        Assert.Equal(["blob", "queue", "table"], ServicesTheAppUses());
        Assert.Empty(MissingEndpoints(resources));
        // Both accounts: the host's state is reached through the network too.
        var endpoints = Assert.Single(resources, r => r.Type == "Microsoft.Network/privateEndpoints").Text("properties", "privateLinkServiceConnections");
        Assert.Contains("'st{", endpoints, StringComparison.Ordinal);
        Assert.Contains("'sthost{", endpoints, StringComparison.Ordinal);
        var groups = resources.Where(r => r.Type == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();
        Assert.Contains(groups, g => g.Text("properties").Contains("Microsoft.Network/privateDnsZones", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_network_is_off_by_default_and_then_nothing_of_it_is_deployed()
    {
        var root = await BicepCli.BuildMainAsync();
        var resources = ArmTemplate.Parse(root).Resources;

        Assert.False((bool)root["parameters"]!["vnetEnabled"]!["defaultValue"]!);
        var network = resources.Where(r => r.Type.StartsWith("Microsoft.Network/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(network);
        Assert.All(network, r => Assert.True(r.Conditional, $"{r.Type} {r.Text("name")} is deployed without vnetEnabled."));
        // The firewall follows the parameter: open by default, denying public addresses with the network on.
        var accounts = resources.Where(r => r.Type == "Microsoft.Storage/storageAccounts").ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account => Assert.Equal("if(false, 'Deny', 'Allow')", account.Text("properties", "networkAcls", "defaultAction")));
        Assert.All(accounts, account => Assert.Equal("'AzureServices'", account.Text("properties", "networkAcls", "bypass")));
    }

    [SkippableFact]
    public async Task With_the_network_on_the_app_sends_its_traffic_through_the_delegated_subnet()
    {
        var resources = await ResourcesAsync();
        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites");
        var vnet = Assert.Single(resources, r => r.Type == "Microsoft.Network/virtualNetworks");

        var subnet = site.Text("properties", "virtualNetworkSubnetId");
        Assert.Contains("Microsoft.Network/virtualNetworks/subnets", subnet, StringComparison.Ordinal);
        Assert.Contains("'app'", subnet, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.App/environments'", vnet.Text("properties", "subnets"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_copy_without_the_table_endpoint_fails_because_ArticleStorage_uses_tables()
    {
        using var copy = new DeploymentCheckTests.TemplateCopy(DeploymentCheckTests.InfraDirectory);
        copy.Edit("main.bicep", "      'queue'\n      'table'\n", "      'queue'\n");

        Assert.Equal(["table"], MissingEndpoints(await ResourcesAsync(copy.MainTemplate)));
    }
}
