using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// The alerts, diagnostic settings, availability test and storage redundancy of infra/main.bicep, compiled: every
/// alert watches a metric the platform publishes on the resource it is scoped to, or a log table something in the
/// deployment writes (a diagnostic setting, the app's own metrics), names queues the app uses, and tells the action group.
/// </summary>
public sealed partial class MonitoringTemplateTests
{
    // Platform metrics the alerts may use (Azure Monitor supported metrics, by resource type), with their aggregations.
    private static readonly Dictionary<(string Namespace, string Metric), string[]> PlatformMetrics = new()
    {
        [("Microsoft.Storage/storageAccounts", "Availability")] = ["Average", "Minimum", "Maximum"],
        [("Microsoft.Storage/storageAccounts", "Transactions")] = ["Total"],
        [("Microsoft.Storage/storageAccounts/queueServices", "QueueMessageCount")] = ["Average"],
        [("Microsoft.Storage/storageAccounts/queueServices", "QueueCount")] = ["Average"],
        [("Microsoft.Insights/components", "requests/failed")] = ["Count"],
        [("Microsoft.Insights/components", "exceptions/count")] = ["Count"],
        [("Microsoft.EventGrid/systemTopics", "DeadLetteredCount")] = ["Total"],
        [("Microsoft.EventGrid/systemTopics", "DeliveryAttemptFailCount")] = ["Total"],
    };

    // Storage log tables, the service whose diagnostic setting fills each, and the category of each operation.
    private static readonly Dictionary<string, string> StorageLogTables = new(StringComparer.Ordinal)
    {
        ["StorageBlobLogs"] = "blobServices",
        ["StorageTableLogs"] = "tableServices",
        ["StorageQueueLogs"] = "queueServices",
    };

    private static readonly Dictionary<string, string> OperationCategories = new(StringComparer.Ordinal)
    {
        ["PutMessage"] = "StorageWrite",
        ["DeleteMessage"] = "StorageDelete",
        ["GetMessages"] = "StorageRead",
        ["PutBlob"] = "StorageWrite",
        ["DeleteBlob"] = "StorageDelete",
    };

    private static async Task<IReadOnlyList<ArmResource>> ResourcesAsync() => ArmTemplate.Parse(await BicepCli.BuildMainAsync()).Resources;

    [SkippableFact]
    public async Task Every_metric_alert_watches_a_metric_its_scope_publishes_and_tells_the_action_group()
    {
        var resources = await ResourcesAsync();
        var alerts = resources.Where(r => r.Type == "Microsoft.Insights/metricAlerts").ToList();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var name = alert.Text("name");
            Assert.False(alert.Conditional, $"{name} is conditional.");
            Assert.Contains("Microsoft.Insights/actionGroups", alert.Text("properties", "actions"), StringComparison.Ordinal);
            var criteria = alert.Node["properties"]!["criteria"]!;
            if ((string?)criteria["odata.type"] == "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria")
            {
                Assert.Contains("Microsoft.Insights/webtests", alert.Text("properties", "criteria", "webTestId"), StringComparison.Ordinal);
                continue;
            }

            var scopes = alert.Text("properties", "scopes");
            foreach (var criterion in criteria["allOf"]!.AsArray().OfType<JsonObject>())
            {
                var key = ((string)criterion["metricNamespace"]!, (string)criterion["metricName"]!);
                Assert.True(PlatformMetrics.TryGetValue(key, out var aggregations), $"{name} watches {key}, which is not a platform metric this test knows.");
                Assert.Contains((string)criterion["timeAggregation"]!, aggregations);
                // The alert's scope is a resource of the namespace's type (not its parent or a child).
                Assert.Contains($"'{key.Item1}'", scopes, StringComparison.Ordinal);
            }
        }
    }

    [SkippableFact]
    public async Task Every_log_alert_reads_a_table_the_deployment_fills_and_the_queues_the_app_uses()
    {
        var resources = await ResourcesAsync();
        var app = AppRequirements.From((JsonArray)JsonNode.Parse(DeploymentCheckTests.FeedQueueMetadataJson)!, new StorageOptions());
        var createdQueues = string.Join("\n", resources.Where(r => r.Type == "Microsoft.Storage/storageAccounts/queueServices/queues").Select(r => r.Text("name")));
        var diagnostics = resources.Where(r => r.Type == "Microsoft.Insights/diagnosticSettings").ToList();
        var instruments = PipelineInstruments();
        var alerts = resources.Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules").ToList();
        var seen = new List<string>();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var name = alert.Text("name");
            Assert.Contains("Microsoft.OperationalInsights/workspaces", alert.Text("properties", "scopes"), StringComparison.Ordinal);
            Assert.Contains("Microsoft.Insights/actionGroups", alert.Text("properties", "actions"), StringComparison.Ordinal);
            foreach (var criterion in alert.Node["properties"]!["criteria"]!["allOf"]!.AsArray().OfType<JsonObject>())
            {
                var query = alert.Template.Text(criterion["query"]!);
                var table = Regex.Match(ArmTemplate.Unquote(query), @"^\s*(\w+)").Groups[1].Value;
                if (StorageLogTables.TryGetValue(table, out var service))
                {
                    // A diagnostic setting on that service sends every category the query filters on.
                    var setting = diagnostics.FirstOrDefault(d => d.Text("scope").Contains(service, StringComparison.Ordinal));
                    Assert.True(setting is not null, $"{name} reads {table}, but no diagnostic setting on {service} writes it.");
                    foreach (Match operation in Operation().Matches(query))
                    {
                        var category = OperationCategories[operation.Groups[1].Value];
                        seen.Add(operation.Groups[1].Value);
                        Assert.True(setting!.Text("properties", "logs").Contains($"'{category}'", StringComparison.Ordinal),
                            $"{name} counts {operation.Groups[1].Value}, whose category {category} the {service} diagnostic setting does not send.");
                    }

                    foreach (Match queue in QueueInUri().Matches(query))
                    {
                        var queueName = queue.Groups[1].Value;
                        seen.Add(queueName);
                        Assert.Contains(queueName, app.Queues);
                        Assert.Contains($"'{queueName}'", createdQueues, StringComparison.Ordinal);
                    }
                }
                else if (table == "AppMetrics")
                {
                    // Custom metrics reach the workspace's AppMetrics under their instrument names.
                    var metric = Regex.Match(query, "Name == \"([^\"]+)\"").Groups[1].Value;
                    Assert.Contains(metric, instruments);
                    seen.Add(metric);
                }
                else
                {
                    Assert.Fail($"{name} reads {table}, a table this test does not know the source of.");
                }
            }
        }

        // What the checks above read, so that a query they failed to parse cannot pass unseen.
        Assert.Equal(["DeleteMessage", "PutMessage", "feed-fetch", "feed-fetch-poison", "newspipeline.feeds.failed"], seen.Distinct().Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task The_alerts_cover_what_an_operator_must_hear_about()
    {
        var resources = await ResourcesAsync();
        var watched = resources.Where(r => r.Type is "Microsoft.Insights/metricAlerts" or "Microsoft.Insights/scheduledQueryRules")
            .Select(r => r.Text("properties", "criteria")).ToList();

        // Issue 13: poison queue, fetch backlog, failures and 5xx, storage, dead-lettered events, failing feeds, the probe.
        Assert.Contains(watched, c => c.Contains("StorageQueueLogs", StringComparison.Ordinal) && c.Contains("/feed-fetch-poison", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("StorageQueueLogs", StringComparison.Ordinal) && c.Contains("/feed-fetch/messages", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("'QueueMessageCount'", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("'requests/failed'", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("'Availability'", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("'DeadLetteredCount'", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("newspipeline.feeds.failed", StringComparison.Ordinal));
        Assert.Contains(watched, c => c.Contains("WebtestLocationAvailabilityCriteria", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_availability_test_asks_the_health_route_and_is_listed_under_Application_Insights()
    {
        var test = Assert.Single(await ResourcesAsync(), r => r.Type == "Microsoft.Insights/webtests");

        Assert.Equal("'standard'", test.Text("kind"));
        Assert.EndsWith($"/{ApiRoutes.Health}'", test.Text("properties", "Request", "RequestUrl"), StringComparison.Ordinal);
        Assert.Contains("https://", test.Text("properties", "Request", "RequestUrl"), StringComparison.Ordinal);
        Assert.Equal("200", test.Text("properties", "ValidationRules", "ExpectedHttpStatusCode"));
        Assert.Contains("hidden-link:", test.Text("tags"), StringComparison.Ordinal);
        Assert.True(test.Node["properties"]!["Locations"]!.AsArray().Count >= 2, "A failure from one location is not an outage: the alert needs two.");
    }

    [SkippableFact]
    public async Task The_action_group_mails_the_operator_only_when_an_address_is_given()
    {
        var group = Assert.Single(await ResourcesAsync(), r => r.Type == "Microsoft.Insights/actionGroups");

        // Read unexpanded: an empty alertEmail leaves the group without receivers, an address makes it the one receiver.
        var receivers = (string)group.Node["properties"]!["emailReceivers"]!;
        Assert.StartsWith("[if(empty(parameters('alertEmail')), createArray(), createArray(", receivers, StringComparison.Ordinal);
        Assert.Contains("'emailAddress', parameters('alertEmail')", receivers, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Blob_table_and_queue_writes_and_deletes_of_the_data_account_go_to_the_Log_Analytics_workspace()
    {
        var diagnostics = (await ResourcesAsync()).Where(r => r.Type == "Microsoft.Insights/diagnosticSettings").ToList();

        foreach (var service in new[] { "blobServices", "tableServices", "queueServices" })
        {
            var setting = diagnostics.SingleOrDefault(d => d.Text("scope").Contains($"/{service}", StringComparison.Ordinal));
            Assert.True(setting is not null, $"No diagnostic setting on the storage account's {service}.");
            Assert.DoesNotContain("'sthost", setting!.Text("scope"), StringComparison.Ordinal);
            Assert.Contains("Microsoft.OperationalInsights/workspaces", setting!.Text("properties", "workspaceId"), StringComparison.Ordinal);
            Assert.Contains("'StorageWrite'", setting.Text("properties", "logs"), StringComparison.Ordinal);
            Assert.Contains("'StorageDelete'", setting.Text("properties", "logs"), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Storage_redundancy_is_a_parameter_offering_zone_and_geo_zone_redundancy_and_defaulting_to_LRS()
    {
        var root = await BicepCli.BuildMainAsync();
        var parameter = root["parameters"]!["storageSku"]!;
        var accounts = ArmTemplate.Parse(root).Resources.Where(r => r.Type == "Microsoft.Storage/storageAccounts").ToList();
        // The articles' account; the host's state stays LRS, the host rebuilds it.
        var account = Assert.Single(accounts, r => !r.Text("name").StartsWith("'sthost", StringComparison.Ordinal));
        Assert.Equal("'Standard_LRS'", Assert.Single(accounts, r => r.Text("name").StartsWith("'sthost", StringComparison.Ordinal)).Text("sku", "name"));

        Assert.Equal("Standard_LRS", (string?)parameter["defaultValue"]);
        var allowed = parameter["allowedValues"]!.AsArray().Select(v => (string?)v).ToList();
        Assert.Contains("Standard_ZRS", allowed);
        Assert.Contains("Standard_GZRS", allowed);
        // The account takes the parameter (its default, as the check reads it), not a literal of its own.
        Assert.Equal("'Standard_LRS'", account.Text("sku", "name"));
        Assert.Contains("\"storageSku\"", await File.ReadAllTextAsync(Path.Combine(Infrastructure.RepositoryPaths.Root, "infra", "main.parameters.json")), StringComparison.Ordinal);
    }

    private static HashSet<string> PipelineInstruments()
    {
        using var metrics = new PipelineMetrics();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    names.Add(instrument.Name);
                }
            },
        };
        listener.Start();
        return names;
    }

    [GeneratedRegex("OperationName == \"(\\w+)\"")]
    private static partial Regex Operation();

    [GeneratedRegex("Uri contains \"/([a-z0-9-]+)")]
    private static partial Regex QueueInUri();
}
