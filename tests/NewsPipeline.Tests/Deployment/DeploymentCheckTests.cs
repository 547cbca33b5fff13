using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Storage;
using NewsPipeline.Tests.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// The Bicep templates, compiled by the real Bicep CLI, against what the app needs: the connections its functions
/// and Core use (from the generated functions.metadata), their identity-based settings, the data roles, and the
/// Event Grid subscription of the Event Grid blob trigger. Broken copies of the templates show that each rule bites.
/// </summary>
public sealed partial class DeploymentCheckTests
{
    internal static readonly string InfraDirectory = Path.Combine(RepositoryPaths.Root, "infra");

    [SkippableFact]
    public async Task The_templates_give_every_connection_of_the_app_its_identity_based_settings_and_roles()
    {
        var app = AppRequirements.From(LoadMetadata(FunctionsMetadataTests.MetadataPath), new StorageOptions());
        var report = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildMainAsync()), app);

        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
        // What the check saw, so that an empty problem list cannot come from a template it failed to read.
        Assert.Equal(["ArticleStorage", "AzureWebJobsStorage"], app.Connections.Select(c => c.Name));
        foreach (var connection in app.Connections)
        {
            Assert.Contains("managedidentity", report.Settings[$"{connection.Name}__credential"], StringComparison.Ordinal);
            Assert.All(connection.Services, s => Assert.Contains($"primaryEndpoints.{s}", report.Settings[$"{connection.Name}__{s}ServiceUri"], StringComparison.Ordinal));
        }

        // The same three data roles on each of the two accounts (data, host state), none broader.
        Assert.Equal(
            ["Monitoring Metrics Publisher", "Storage Blob Data Owner", "Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Queue Data Contributor",
                "Storage Table Data Contributor", "Storage Table Data Contributor"],
            report.AppRoles.Select(r => RoleName(r.Role)).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.AppRoles.Where(r => r.Scope.Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal)).Select(r => r.Scope).Distinct().Count());
        Assert.Equal([new EventGridBlobTrigger("ParseArticle", "articles")], app.EventGridTriggers);
    }

    [Fact]
    public void The_app_needs_blobs_queues_and_tables_through_ArticleStorage_and_through_the_host_storage()
    {
        var app = AppRequirements.From(LoadMetadata(FunctionsMetadataTests.MetadataPath), new StorageOptions());

        Assert.Empty(app.Problems);
        var byName = app.Connections.ToDictionary(c => c.Name);
        Assert.Equal(["blob", "queue", "table"], byName["ArticleStorage"].Services.Order(StringComparer.Ordinal));
        Assert.Equal(["blob", "queue", "table"], byName["AzureWebJobsStorage"].Services.Order(StringComparer.Ordinal));
        Assert.Equal(["articles", "parsefailures", "feeds", "readers", "stories"], app.Tables);
        Assert.Equal(["articles"], app.Containers);
        // Core's scheduler sends fetch messages through ArticleStorage's queue service, whatever the bindings say.
        Assert.Contains(QueueAccess.Add, byName["ArticleStorage"].QueueActions);
    }

    // The functions of the fetch fan-out (issue 10) as the generated functions.metadata will list them, so that the
    // derivation is checked before they exist in this build.
    internal const string FeedQueueMetadataJson = """
        [
          { "name": "ScheduleFeeds", "bindings": [ { "name": "timer", "direction": "In", "type": "timerTrigger", "schedule": "%FetchSchedule%" } ] },
          { "name": "FetchFeeds", "bindings": [ { "name": "message", "direction": "In", "type": "queueTrigger", "queueName": "feed-fetch", "connection": "ArticleStorage" } ] },
          { "name": "FetchFeedsPoisoned", "bindings": [ { "name": "message", "direction": "In", "type": "queueTrigger", "queueName": "feed-fetch-poison", "connection": "ArticleStorage" } ] },
          { "name": "EditFeeds", "bindings": [
              { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Function", "methods": [ "post", "delete" ], "route": "feeds/{name?}" },
              { "name": "$return", "direction": "Out", "type": "http" } ] },
          { "name": "ParseArticle", "bindings": [ { "name": "content", "direction": "In", "type": "blobTrigger", "path": "articles/{name}", "source": "EventGrid", "connection": "ArticleStorage" } ] }
        ]
        """;

    [Fact]
    public void Queue_triggers_need_their_queue_and_the_poison_queue_the_host_moves_failures_to()
    {
        var app = AppRequirements.From((JsonArray)JsonNode.Parse(FeedQueueMetadataJson)!, new StorageOptions());

        Assert.Empty(app.Problems);
        // A trigger on a poison queue has a poison queue of its own: the host names them all "{queue}-poison".
        Assert.Equal(["feed-fetch", "feed-fetch-poison", "feed-fetch-poison-poison"], app.Queues);
        var articleStorage = app.Connections.Single(c => c.Name == "ArticleStorage");
        Assert.Equal(["blob", "queue", "table"], articleStorage.Services.Order(StringComparer.Ordinal));
        Assert.Contains("FetchFeeds (queueTrigger)", articleStorage.UsedBy);
        // Receive and delete are not enough: the listener updates a message's visibility and adds it to the poison queue.
        Assert.Equal([QueueAccess.Add, QueueAccess.Process, QueueAccess.Peek, QueueAccess.Update], articleStorage.QueueActions.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task The_templates_create_the_fetch_queues_and_grant_what_the_queue_triggers_do()
    {
        var app = AppRequirements.From((JsonArray)JsonNode.Parse(FeedQueueMetadataJson)!, new StorageOptions());
        var report = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildMainAsync()), app);

        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
        Assert.Contains("primaryEndpoints.queue", report.Settings["ArticleStorage__queueServiceUri"], StringComparison.Ordinal);
    }

    [SkippableTheory]
    // Without the poison queue the host would have to create it (queues/write) the first time a fetch is poisoned.
    [InlineData("main.bicep", "  poisonQueueName\n", "", "The queue 'feed-fetch-poison' is not created.")]
    [InlineData("main.bicep", "  fetchQueueName\n  poisonQueueName\n", "  poisonQueueName\n", "The queue 'feed-fetch' is not created.")]
    // The roles the queue-trigger docs list, plus Message Sender: receive, delete and send, but no visibility update.
    [InlineData("app/roles.bicep", "  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor\n",
        "  '19e7f393-937e-4f77-808e-94535e297925' // Storage Queue Data Reader\n  '8a0f0c08-91a1-4084-bc3d-661d67233fed' // Message Processor\n  'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' // Message Sender\n",
        "or roles that allow messages/write, which ArticleStorage (queue) needs for")]
    public async Task A_copy_of_the_templates_without_what_the_fetch_queue_needs_fails_the_check(string file, string find, string replace, string expected)
    {
        using var copy = new TemplateCopy(InfraDirectory);
        copy.Edit(file, find, replace);
        var app = AppRequirements.From((JsonArray)JsonNode.Parse(FeedQueueMetadataJson)!, new StorageOptions());

        var problems = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildAsync(copy.MainTemplate)), app).Problems;

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"Expected \"{expected}\" among:\n{string.Join("\n", problems)}");
    }

    [SkippableFact]
    public async Task A_function_added_with_a_new_connection_fails_the_check_until_the_templates_configure_it()
    {
        var app = AppRequirements.From(LoadMetadata(RepositoryPaths.Fixture("infra", "functions-with-new-connections.metadata.json")), new StorageOptions());
        var problems = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildMainAsync()), app).Problems;

        // A queue trigger on a connection the templates do not know: all its identity-based settings are missing, and
        // neither its queue nor the poison queue the host would move its failures to exists.
        Assert.Contains("The queue 'parse-retries' is not created.", problems);
        Assert.Contains("The queue 'parse-retries-poison' is not created.", problems);
        Assert.Contains(problems, p => p.StartsWith("RetryQueue__credential is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RetryQueue__clientId is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RetryQueue__queueServiceUri is missing", StringComparison.Ordinal));
        // A second Event Grid blob trigger needs its own container and subscription.
        Assert.Contains("The blob container 'imports' is not created.", problems);
        Assert.Contains(problems, p => p.StartsWith("No Event Grid subscription delivers Microsoft.Storage.BlobCreated under 'imports/'", StringComparison.Ordinal));
        // A binding type the check has no rule for is reported, not ignored.
        Assert.Contains(problems, p => p.Contains("binding type 'serviceBus' uses connection 'ImportBus'", StringComparison.Ordinal));
        // What the templates already give stays accepted.
        Assert.DoesNotContain(problems, p => p.Contains("ArticleStorage__", StringComparison.Ordinal) || p.Contains("ParseArticle", StringComparison.Ordinal));
    }

    // Each row breaks one thing in a copy of infra/ and names the problem the check must report.
    [SkippableTheory]
    [InlineData("app/function-app.bicep", "    ArticleStorage__tableServiceUri: dataAccount.properties.primaryEndpoints.table\n", "",
        "ArticleStorage__tableServiceUri is missing")]
    [InlineData("app/function-app.bicep", "    AzureWebJobsStorage__clientId: identity.properties.clientId\n", "",
        "AzureWebJobsStorage__clientId is missing")]
    [InlineData("app/function-app.bicep", "    ArticleStorage__credential: 'managedidentity'\n",
        "    ArticleStorage: 'DefaultEndpointsProtocol=https;AccountName=${dataAccount.name};AccountKey=${dataAccount.listKeys().keys[0].value}'\n",
        "ArticleStorage carries an account key or connection string")]
    [InlineData("app/function-app.bicep", "    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'\n", "",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING is missing")]
    [InlineData("app/roles.bicep", "  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor\n", "",
        "The app's identity lacks 'Storage Queue Data Contributor' on the storage account")]
    [InlineData("app/roles.bicep", "  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor\n",
        "  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor\n  '17d1049b-9a84-46fb-8f53-869881c3d3ab' // Storage Account Contributor\n",
        "The app's identity gets 'Storage Account Contributor'")]
    [InlineData("app/roles.bicep", "var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'",
        "var monitoringMetricsPublisher = '43d0d8ad-25c7-4714-9337-8ba259a9fe05' // Monitoring Reader",
        "lacks 'Monitoring Metrics Publisher' on Application Insights")]
    [InlineData("app/storage.bicep", "    allowSharedKeyAccess: false\n", "    allowSharedKeyAccess: true\n",
        "allows shared key access")]
    [InlineData("main.bicep", "  'feeds'\n", "", "The table 'feeds' is not created.")]
    [InlineData("app/storage.bicep", "    isVersioningEnabled: versioning\n", "    isVersioningEnabled: false\n", "Blob versioning is off")]
    // Issue 13: the articles in the host's account, and a data role granted on the wrong account.
    [InlineData("app/function-app.bicep", "    ArticleStorage__blobServiceUri: dataAccount.properties.primaryEndpoints.blob\n",
        "    ArticleStorage__blobServiceUri: hostAccount.properties.primaryEndpoints.blob\n", "share the storage account")]
    [InlineData("app/roles.bicep", "  // The articles index, parse failures, feed state and the feed registry.\n  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor\n", "",
        "The app's identity lacks 'Storage Table Data Contributor' on the storage account, which ArticleStorage (table) needs")]
    [InlineData("app/storage.bicep", "    deleteRetentionPolicy: {\n      enabled: true\n", "    deleteRetentionPolicy: {\n      enabled: false\n", "Blob soft delete is off")]
    [InlineData("app/parse-article-subscription.bicep", "containers/${containerName}/blobs/", "containers/inbox/blobs/",
        "No Event Grid subscription delivers Microsoft.Storage.BlobCreated under 'articles/'")]
    public async Task A_broken_copy_of_the_templates_fails_the_check(string file, string find, string replace, string expected)
    {
        using var copy = new TemplateCopy(InfraDirectory);
        copy.Edit(file, find, replace);
        var app = AppRequirements.From(LoadMetadata(FunctionsMetadataTests.MetadataPath), new StorageOptions());

        var problems = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildAsync(copy.MainTemplate)), app).Problems;

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"Expected \"{expected}\" among:\n{string.Join("\n", problems)}");
    }

    // Rotating the blobs_extension key breaks delivery until the subscription carries the new one (docs/deployment.md, "Rotating
    // the webhook key"): it must be read from the app at every deployment, never passed in or written down.
    [SkippableFact]
    public async Task The_webhook_key_is_read_from_the_app_at_each_deployment_so_a_provision_picks_up_a_rotated_key()
    {
        var resources = ArmTemplate.Parse(await BicepCli.BuildMainAsync()).Resources;
        var subscription = Assert.Single(resources, r => r.Type == "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var module = Assert.Single(resources, r => r.Type == "Microsoft.Resources/deployments" && r.Text("name") == "'parse-article-subscription'");

        var url = (string)subscription.Node["properties"]!["destination"]!["properties"]!["endpointUrl"]!;
        Assert.Contains("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites'", url, StringComparison.Ordinal);
        Assert.Contains(".systemKeys.blobs_extension", url, StringComparison.Ordinal);
        Assert.DoesNotContain(module.Node["properties"]!["parameters"]!.AsObject(), p => p.Key.Contains("key", StringComparison.OrdinalIgnoreCase) || p.Key.Contains("code", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task The_deployment_doc_names_every_azd_setting_and_every_app_setting()
    {
        var deploy = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "deployment.md"));
        var parameters = await File.ReadAllTextAsync(Path.Combine(InfraDirectory, "main.parameters.json"));
        var app = AppRequirements.From(LoadMetadata(FunctionsMetadataTests.MetadataPath), new StorageOptions());
        var report = DeploymentCheck.Run(ArmTemplate.Parse(await BicepCli.BuildMainAsync()), app);
        var settings = report.Settings;

        var variables = AzdVariable().Matches(parameters).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("NEWSPIPELINE_FEEDS", variables);
        Assert.All(variables, v => Assert.Contains(v, deploy, StringComparison.Ordinal));
        Assert.All(settings.Keys, s => Assert.Contains(s, deploy, StringComparison.Ordinal));
        // Issue 13: the roles the app's identity gets are the ones docs/deployment.md lists.
        Assert.All(report.AppRoles.Select(r => RoleName(r.Role)).Distinct(), role => Assert.Contains(role, deploy, StringComparison.Ordinal));
    }

    private static JsonArray LoadMetadata(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not generated: build src/NewsPipeline.Functions.");
        return (JsonArray)JsonNode.Parse(File.ReadAllText(path))!;
    }

    private static string RoleName(string id) => id switch
    {
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b" => "Storage Blob Data Owner",
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88" => "Storage Queue Data Contributor",
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" => "Storage Table Data Contributor",
        "3913510d-42f4-4e42-8a64-420c390055eb" => "Monitoring Metrics Publisher",
        _ => id,
    };

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)")]
    private static partial Regex AzdVariable();

    /// <summary>A throw-away copy of infra/ to break on purpose.</summary>
    internal sealed class TemplateCopy : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("newspipeline-infra-").FullName;

        public TemplateCopy(string source)
        {
            foreach (var file in Directory.EnumerateFiles(source, "*.bicep", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string MainTemplate => Path.Combine(root, "main.bicep");

        public void Edit(string file, string find, string replace)
        {
            var path = Path.Combine(root, file);
            var text = File.ReadAllText(path).ReplaceLineEndings("\n");
            Assert.True(text.Contains(find, StringComparison.Ordinal), $"{file} no longer contains the line this test breaks: {find}");
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
