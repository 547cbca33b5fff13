using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// azure.yaml, infra/main.parameters.json and the templates name each other: a typo in one of them only shows when
/// someone runs <c>azd up</c>, so the names are checked here.
/// </summary>
public sealed partial class AzdProjectTests
{
    private static readonly string AzureYaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    [SkippableFact]
    public async Task Every_template_parameter_without_a_default_comes_from_the_azd_environment_and_no_other_name_is_passed()
    {
        var template = await BicepCli.BuildMainAsync();
        var declared = template["parameters"]!.AsObject();
        var passed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key), name => Assert.True(passed.ContainsKey(name), $"main.parameters.json does not pass '{name}', which has no default: azd would prompt for it."));
        Assert.All(passed.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"main.parameters.json passes '{name}', which main.bicep does not declare."));
        Assert.All(passed.Select(p => (string)p.Value!["value"]!), value => Assert.Matches(@"^\$\{[A-Z0-9_]+(=[^}]*)?\}$", value));
    }

    [SkippableFact]
    public async Task The_service_in_azure_yaml_is_the_Functions_project_and_the_app_carries_its_tag()
    {
        var service = ServiceEntry().Match(AzureYaml);
        Assert.True(service.Success, "azure.yaml has no service with project, language and host.");
        Assert.Equal("function", service.Groups["host"].Value);
        var project = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, service.Groups["project"].Value));
        Assert.True(File.Exists(Path.Combine(project, "NewsPipeline.Functions.csproj")), $"azure.yaml's project {project} is not the Functions app.");

        var site = ArmTemplate.Parse(await BicepCli.BuildMainAsync())
            .Resources.Single(r => r.Type == "Microsoft.Web/sites");
        // azd finds the resource to deploy to by this tag; without it `azd deploy` stops with "resource not found".
        Assert.Contains($"'azd-service-name', '{service.Groups["name"].Value}'", site.Text("tags"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_postdeploy_hook_turns_on_the_parameter_that_creates_the_Event_Grid_subscription()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json")))!["parameters"]!;
        var variable = AzdVariable().Match((string)parameters["subscribeParseArticle"]!["value"]!).Groups[1].Value;

        var hooks = AzureYaml[AzureYaml.IndexOf("postdeploy:", StringComparison.Ordinal)..];
        Assert.Equal(2, Regex.Count(hooks, $@"azd env set {variable} true\b.*azd provision --no-prompt")); // posix and windows
    }

    [GeneratedRegex(@"^services:\s*\n\s+(?<name>[\w-]+):\s*\n\s+project:\s*(?<project>\S+)\s*\n\s+language:\s*\S+\s*\n\s+host:\s*(?<host>\S+)", RegexOptions.Multiline)]
    private static partial Regex ServiceEntry();

    [GeneratedRegex(@"^\$\{([A-Z0-9_]+)")]
    private static partial Regex AzdVariable();
}
