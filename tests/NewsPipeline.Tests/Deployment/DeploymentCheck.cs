using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsPipeline.Tests.Deployment;

/// <summary>What a compiled deployment gives the app, and every way it falls short of what the app needs.</summary>
internal sealed record DeploymentReport(
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<(string Role, string Scope)> AppRoles);

/// <summary>
/// Checks a compiled ARM template against <see cref="AppRequirements"/>: identity-based settings for every connection,
/// no key or connection string in any setting, the data roles each connection needs (and nothing broader), telemetry
/// without local auth, the storage account locked to Entra ID, the data containers and tables, and the Event Grid
/// subscription of every Event Grid blob trigger.
/// </summary>
internal static partial class DeploymentCheck
{
    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

    // What each built-in queue data role allows (Azure built-in roles, Storage): the check adds up the app's roles and
    // compares them with what each connection's users do (QueueAccess), so a narrower set passes only if it covers that.
    private static readonly Dictionary<string, string[]> QueueRoleActions = new(StringComparer.OrdinalIgnoreCase)
    {
        [QueueDataContributor] = [QueueAccess.Peek, QueueAccess.Process, QueueAccess.Update, QueueAccess.Add, QueueAccess.CreateQueue],
        ["19e7f393-937e-4f77-808e-94535e297925"] = [QueueAccess.Peek], // Storage Queue Data Reader
        ["8a0f0c08-91a1-4084-bc3d-661d67233fed"] = [QueueAccess.Peek, QueueAccess.Process], // Storage Queue Data Message Processor
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = [QueueAccess.Add], // Storage Queue Data Message Sender
    };

    // Roles that reach the management plane or the account keys: never for the app.
    private static readonly Dictionary<string, string> TooBroad = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["81a9662b-bebf-436f-a333-f67b29880f12"] = "Storage Account Key Operator Service Role",
    };

    private static readonly string[] SecretMarkers =
        ["listKeys(", "listAccountSas(", "listServiceSas(", "AccountKey=", "SharedAccessSignature=", "DefaultEndpointsProtocol=", "UseDevelopmentStorage", "InstrumentationKey="];

    private static readonly string[] ForbiddenSettings =
        ["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "APPINSIGHTS_INSTRUMENTATIONKEY", "AzureWebJobsDashboard", "AzureWebJobsSecretStorageKeyVaultConnectionString"];

    private const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static DeploymentReport Run(ArmTemplate arm, AppRequirements app)
    {
        var problems = new List<string>(app.Problems);
        var sites = arm.Resources.Where(r => Is(r, "Microsoft.Web/sites") && r.Text("kind").Contains("functionapp", StringComparison.OrdinalIgnoreCase)).ToList();
        if (sites.Count != 1)
        {
            problems.Add($"Expected one Functions app (Microsoft.Web/sites, kind functionapp) in the template, found {sites.Count}.");
            return new DeploymentReport(problems, new Dictionary<string, string>(), []);
        }

        var site = sites[0];
        var identities = IdentityNames(site.Text("identity"));
        if (identities.Count == 0 || !site.Text("identity", "type").Contains("UserAssigned", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The Functions app does not run as a user-assigned identity (identity.type UserAssigned).");
        }

        var settings = Settings(arm, site, problems);
        var appRoles = AppRoles(arm, identities, problems);

        CheckConnections(app, settings, identities, appRoles, problems);
        CheckSeparateAccounts(settings, problems);
        CheckNoSecrets(site, settings, problems);
        CheckTelemetry(arm, settings, identities, appRoles, problems);
        CheckStorageAccounts(arm, problems);
        CheckDataProtection(arm, settings, problems);
        CheckData(arm, app, problems);
        CheckEventGrid(arm, app, problems);
        return new DeploymentReport(problems, settings, appRoles);
    }

    private static Dictionary<string, string> Settings(ArmTemplate arm, ArmResource site, List<string> problems)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (site.Node["properties"]?["siteConfig"]?["appSettings"] is JsonArray list)
        {
            foreach (var item in list.OfType<JsonObject>())
            {
                settings[(string?)item["name"] ?? ""] = site.Template.Text(item["value"] ?? "");
            }
        }

        foreach (var config in arm.Resources.Where(r => Is(r, "Microsoft.Web/sites/config") && r.Text("name").EndsWith("appsettings'", StringComparison.OrdinalIgnoreCase)))
        {
            if (config.Conditional)
            {
                problems.Add("The app settings resource is conditional: a deployment could leave the app without its settings.");
            }

            if (config.Node["properties"] is not JsonObject properties)
            {
                problems.Add("The app settings are one expression: write them as an object with literal names so that they can be checked.");
                continue;
            }

            foreach (var (name, value) in properties)
            {
                if (name.StartsWith('['))
                {
                    problems.Add($"The app setting name {name} is an expression: write setting names literally.");
                }

                settings[name] = config.Template.Text(value ?? "");
            }
        }

        return settings;
    }

    private static List<(string Role, string Scope)> AppRoles(ArmTemplate arm, IReadOnlySet<string> identities, List<string> problems)
    {
        var roles = new List<(string, string)>();
        foreach (var assignment in arm.Resources.Where(r => Is(r, "Microsoft.Authorization/roleAssignments")))
        {
            var principal = assignment.Text("properties", "principalId");
            if (!principal.Contains("principalId", StringComparison.Ordinal) || !IdentityNames(principal).Overlaps(identities))
            {
                continue;
            }

            var scope = assignment.Text("scope");
            foreach (Match guid in Guid().Matches(assignment.Text("properties", "roleDefinitionId")))
            {
                if (TooBroad.TryGetValue(guid.Value, out var broad))
                {
                    problems.Add($"The app's identity gets '{broad}' ({scope}): it needs data roles only.");
                }
                else if (!assignment.Conditional)
                {
                    roles.Add((guid.Value.ToLowerInvariant(), scope));
                }
            }
        }

        return roles;
    }

    private static void CheckConnections(AppRequirements app, Dictionary<string, string> settings, IReadOnlySet<string> identities,
        List<(string Role, string Scope)> appRoles, List<string> problems)
    {
        foreach (var connection in app.Connections)
        {
            var users = string.Join(", ", connection.UsedBy);
            var prefix = connection.Name + "__";
            if (settings.ContainsKey(connection.Name))
            {
                problems.Add($"{connection.Name} is set as a connection string; use the identity-based {prefix}… settings (used by {users}).");
            }

            if (!settings.TryGetValue(prefix + "credential", out var credential))
            {
                problems.Add($"{prefix}credential is missing (managedidentity; used by {users}).");
            }
            else if (!credential.Contains("managedidentity", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{prefix}credential is {credential}, not managedidentity.");
            }

            if (!settings.TryGetValue(prefix + "clientId", out var clientId))
            {
                problems.Add($"{prefix}clientId is missing (the client id of the app's user-assigned identity; used by {users}).");
            }
            else if (!clientId.Contains("clientId", StringComparison.Ordinal) || !IdentityNames(clientId).Overlaps(identities))
            {
                problems.Add($"{prefix}clientId is not the client id of the identity the app runs as: {clientId}");
            }

            // Roles count on the account(s) the connection's service URIs point at, not on any account of the deployment.
            var accounts = connection.Services
                .SelectMany(s => settings.TryGetValue($"{prefix}{s}ServiceUri", out var uri) ? AccountNames(uri) : [])
                .ToHashSet(StringComparer.Ordinal);
            var rolesHere = appRoles.Where(r => IsStorageAccountScope(r.Scope) && (accounts.Count == 0 || AccountNames(r.Scope).Overlaps(accounts))).ToList();
            foreach (var service in connection.Services.Order(StringComparer.Ordinal))
            {
                var name = $"{prefix}{service}ServiceUri";
                if (!settings.TryGetValue(name, out var uri))
                {
                    problems.Add($"{name} is missing (used by {users}).");
                }
                else if (!uri.Contains(service, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{name} does not point at the {service} endpoint: {uri}");
                }

                if (service == "queue")
                {
                    var granted = rolesHere.Where(r => QueueRoleActions.ContainsKey(r.Role))
                        .SelectMany(r => QueueRoleActions[r.Role]).ToHashSet(StringComparer.Ordinal);
                    var missing = connection.QueueActions.Where(a => !granted.Contains(a)).Order(StringComparer.Ordinal).ToList();
                    if (missing.Count > 0)
                    {
                        problems.Add($"The app's identity lacks '{RoleNames[QueueDataContributor]}' on the storage account, or roles that allow " +
                            $"{string.Join(", ", missing)}, which {connection.Name} (queue) needs for {users}.");
                    }

                    continue;
                }

                var needed = service switch
                {
                    "blob" when connection.NeedsBlobOwner => ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"],
                    "blob" => new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "ba92f5b4-2d11-453d-a403-e96b0029c9fe" },
                    "table" => ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"],
                    _ => [],
                };
                if (needed.Length > 0 && !rolesHere.Any(r => needed.Contains(r.Role)))
                {
                    problems.Add($"The app's identity lacks '{RoleNames[needed[0]]}' on the storage account, which {connection.Name} ({service}) needs for {users}.");
                }
            }
        }
    }

    // Issue 13: one mistake on the host's state (a deleted container, a broad role, a rotated key) must not reach the
    // articles, so the two connections point at different accounts.
    private static void CheckSeparateAccounts(Dictionary<string, string> settings, List<string> problems)
    {
        var data = settings.TryGetValue(Core.Storage.StorageOptions.ConnectionName + "__blobServiceUri", out var d) ? AccountNames(d) : [];
        var host = settings.TryGetValue(AppRequirements.HostConnection + "__blobServiceUri", out var h) ? AccountNames(h) : [];
        foreach (var shared in data.Intersect(host, StringComparer.Ordinal))
        {
            problems.Add($"The pipeline's data ({Core.Storage.StorageOptions.ConnectionName}) and the host's state ({AppRequirements.HostConnection}) " +
                $"share the storage account {shared}: give the data an account of its own.");
        }
    }

    private static void CheckNoSecrets(ArmResource site, Dictionary<string, string> settings, List<string> problems)
    {
        foreach (var (name, value) in settings)
        {
            if (ForbiddenSettings.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{name} carries a key or a connection string; the app must not have it.");
            }

            // The Application Insights connection string names where telemetry goes; it is no credential once local
            // auth is off (checked below), so only it may carry an instrumentation key.
            var markers = name.Equals(AppInsightsConnectionString, StringComparison.OrdinalIgnoreCase)
                ? SecretMarkers.Where(m => m != "InstrumentationKey=")
                : SecretMarkers;
            if (markers.FirstOrDefault(m => value.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } marker)
            {
                problems.Add($"{name} carries an account key or connection string ({marker.TrimEnd('(', '=')}): {value}");
            }
        }

        var deployment = site.Text("properties", "functionAppConfig", "deployment", "storage", "authentication", "type");
        if (deployment.Length > 0 && !deployment.Contains("Identity", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"The deployment package is read with {deployment}, not with a managed identity.");
        }
    }

    private static void CheckTelemetry(ArmTemplate arm, Dictionary<string, string> settings, IReadOnlySet<string> identities,
        List<(string Role, string Scope)> appRoles, List<string> problems)
    {
        var components = arm.Resources.Where(r => Is(r, "Microsoft.Insights/components")).ToList();
        foreach (var component in components.Where(c => c.Text("properties", "DisableLocalAuth") != "true"))
        {
            problems.Add($"Application Insights {component.Text("name")} accepts local (key) authentication: set DisableLocalAuth.");
        }

        foreach (var workspace in arm.Resources.Where(r => Is(r, "Microsoft.OperationalInsights/workspaces") && r.Text("properties", "features", "disableLocalAuth") != "true"))
        {
            problems.Add($"Log Analytics {workspace.Text("name")} accepts local (key) authentication: set features.disableLocalAuth.");
        }

        if (!settings.ContainsKey(AppInsightsConnectionString))
        {
            if (components.Count > 0)
            {
                problems.Add($"{AppInsightsConnectionString} is missing: the app would send no telemetry.");
            }

            return;
        }

        if (!settings.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var authentication) ||
            !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) || !IdentityNames(authentication).Overlaps(identities))
        {
            problems.Add("APPLICATIONINSIGHTS_AUTHENTICATION_STRING is missing or not 'ClientId={the app identity's client id};Authorization=AAD': with local auth off, telemetry would be refused.");
        }

        if (!appRoles.Any(r => r.Role == "3913510d-42f4-4e42-8a64-420c390055eb" && r.Scope.Contains("Microsoft.Insights/components", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("The app's identity lacks 'Monitoring Metrics Publisher' on Application Insights: with local auth off, telemetry would be refused.");
        }
    }

    private static void CheckStorageAccounts(ArmTemplate arm, List<string> problems)
    {
        foreach (var account in arm.Resources.Where(r => Is(r, "Microsoft.Storage/storageAccounts")))
        {
            var name = account.Text("name");
            if (account.Text("properties", "allowSharedKeyAccess") != "false")
            {
                problems.Add($"Storage account {name} allows shared key access: set allowSharedKeyAccess to false.");
            }

            if (account.Text("properties", "allowBlobPublicAccess") != "false")
            {
                problems.Add($"Storage account {name} may allow public blob access: set allowBlobPublicAccess to false.");
            }

            if (account.Text("properties", "minimumTlsVersion") != "'TLS1_2'")
            {
                problems.Add($"Storage account {name} accepts TLS below 1.2: set minimumTlsVersion to TLS1_2.");
            }
        }
    }

    // One mistaken delete or overwrite of an article must be recoverable (docs/operations.md, "Restoring an article").
    private static void CheckDataProtection(ArmTemplate arm, Dictionary<string, string> settings, List<string> problems)
    {
        // The articles' account (where ArticleStorage's blobs are); every account when that cannot be told.
        var dataAccounts = settings.TryGetValue(Core.Storage.StorageOptions.ConnectionName + "__blobServiceUri", out var uri) ? AccountNames(uri) : [];
        var blobServices = arm.Resources.Where(r => Is(r, "Microsoft.Storage/storageAccounts/blobServices") &&
            (dataAccounts.Count == 0 || dataAccounts.Any(a => r.Text("name") == $"'{a}/default'"))).ToList();
        if (blobServices.Count == 0)
        {
            problems.Add("No blob service resource configures soft delete and versioning for the article blobs.");
        }

        foreach (var service in blobServices)
        {
            if (service.Text("properties", "isVersioningEnabled") != "true")
            {
                problems.Add($"Blob versioning is off ({service.Text("name")}): an overwritten article could not be restored.");
            }

            if (service.Text("properties", "deleteRetentionPolicy", "enabled") != "true")
            {
                problems.Add($"Blob soft delete is off ({service.Text("name")}): a deleted article could not be restored.");
            }

            if (service.Text("properties", "containerDeleteRetentionPolicy", "enabled") != "true")
            {
                problems.Add($"Container soft delete is off ({service.Text("name")}): a deleted container could not be restored.");
            }
        }
    }

    private static void CheckData(ArmTemplate arm, AppRequirements app, List<string> problems)
    {
        var containers = string.Join("\n", arm.Resources.Where(r => Is(r, "Microsoft.Storage/storageAccounts/blobServices/containers") && !r.Conditional).Select(r => r.Text("name")));
        var tables = string.Join("\n", arm.Resources.Where(r => Is(r, "Microsoft.Storage/storageAccounts/tableServices/tables") && !r.Conditional).Select(r => r.Text("name")));
        problems.AddRange(app.Containers.Where(c => !Mentions(containers, c)).Select(c => $"The blob container '{c}' is not created."));
        problems.AddRange(app.Tables.Where(t => !Mentions(tables, t)).Select(t => $"The table '{t}' is not created."));
        // A missing trigger queue leaves the function idle; a missing poison queue would make the host create it
        // (queues/write) on the first poisoned message, or lose that message's copy where it may not.
        var queues = string.Join("\n", arm.Resources.Where(r => Is(r, "Microsoft.Storage/storageAccounts/queueServices/queues") && !r.Conditional).Select(r => r.Text("name")));
        problems.AddRange(app.Queues.Where(q => !Mentions(queues, q)).Select(q => $"The queue '{q}' is not created."));
    }

    private static void CheckEventGrid(ArmTemplate arm, AppRequirements app, List<string> problems)
    {
        var subscriptions = arm.Resources
            .Where(r => Is(r, "Microsoft.EventGrid/systemTopics/eventSubscriptions") || Is(r, "Microsoft.EventGrid/eventSubscriptions"))
            .Select(r => r.Text("properties"))
            .ToList();
        foreach (var trigger in app.EventGridTriggers)
        {
            var found = subscriptions.Any(s =>
                s.Contains("/runtime/webhooks/blobs?functionName=Host.Functions." + trigger.Function + "&code=", StringComparison.Ordinal) &&
                s.Contains("blobs_extension", StringComparison.Ordinal) &&
                s.Contains("'Microsoft.Storage.BlobCreated'", StringComparison.Ordinal) &&
                s.Contains($"'/blobServices/default/containers/{trigger.Container}/", StringComparison.Ordinal));
            if (!found)
            {
                problems.Add($"No Event Grid subscription delivers Microsoft.Storage.BlobCreated under '{trigger.Container}/' to " +
                    $"/runtime/webhooks/blobs?functionName=Host.Functions.{trigger.Function} with the blobs_extension key: {trigger.Function} would never run.");
            }
        }
    }

    private static bool Is(ArmResource resource, string type) => resource.Type.Equals(type, StringComparison.OrdinalIgnoreCase);

    private static bool IsStorageAccountScope(string scope) =>
        scope.Contains("Microsoft.Storage/storageAccounts", StringComparison.OrdinalIgnoreCase) && !scope.Contains("/blobServices", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether resolved text names <paramref name="name"/> as a whole literal or as the last segment of one.</summary>
    private static bool Mentions(string text, string name) =>
        text.Contains($"'{name}'", StringComparison.Ordinal) || text.Contains($"/{name}'", StringComparison.Ordinal);

    /// <summary>The names of the storage accounts an expression refers to (as resolved literals).</summary>
    private static HashSet<string> AccountNames(string text) =>
        AccountReference().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The names of the user-assigned identities an expression refers to (as resolved literals).</summary>
    private static HashSet<string> IdentityNames(string text) =>
        IdentityReference().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    // The name is a literal in which folded expressions sit in braces, themselves possibly quoting.
    [GeneratedRegex(@"Microsoft\.Storage/storageAccounts', '(?<name>(?:[^'{}]|\{(?>[^{}]+|\{(?<d>)|\}(?<-d>))*(?(d)(?!))\})*)'")]
    private static partial Regex AccountReference();

    [GeneratedRegex(@"Microsoft\.ManagedIdentity/userAssignedIdentities', '(?<name>(?:[^'{}]|\{(?>[^{}]+|\{(?<d>)|\}(?<-d>))*(?(d)(?!))\})*)'")]
    private static partial Regex IdentityReference();
}
