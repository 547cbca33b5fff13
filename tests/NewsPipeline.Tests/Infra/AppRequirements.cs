using System.Text.Json.Nodes;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Tests.Infra;

/// <summary>A storage connection the app uses, the services it reaches through it, and who uses it.</summary>
internal sealed record StorageConnection(string Name, IReadOnlySet<string> Services, bool NeedsBlobOwner, IReadOnlyList<string> UsedBy);

/// <summary>A blob trigger fed by Event Grid: it needs a subscription on its container that calls its webhook.</summary>
internal sealed record EventGridBlobTrigger(string Function, string Container);

/// <summary>
/// What the app needs from a deployment, derived from the Functions host's view of it (<c>functions.metadata</c>:
/// every binding with a <c>connection</c>), the host itself (<c>AzureWebJobsStorage</c>) and Core's own storage
/// clients (<see cref="StorageOptions"/>), so that a function added later is checked without touching the test.
/// </summary>
internal sealed record AppRequirements(
    IReadOnlyList<StorageConnection> Connections,
    IReadOnlyList<EventGridBlobTrigger> EventGridTriggers,
    IReadOnlyList<string> Containers,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Problems)
{
    public const string HostConnection = "AzureWebJobsStorage";

    // Storage services each binding type reaches through its connection. The blob trigger writes poison messages to
    // a queue of its own account; its blob receipts and leases are why the Functions docs ask for Blob Data Owner.
    private static readonly Dictionary<string, (string[] Services, bool BlobOwner)> StorageBindings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["blobTrigger"] = (["blob", "queue"], true),
        ["blob"] = (["blob"], false),
        ["queueTrigger"] = (["queue"], false),
        ["queue"] = (["queue"], false),
        ["table"] = (["table"], false),
    };

    // Bindings that need no connection.
    private static readonly HashSet<string> ConnectionlessBindings = new(StringComparer.OrdinalIgnoreCase) { "timerTrigger", "httpTrigger", "http" };

    public static AppRequirements From(JsonArray functions, StorageOptions core)
    {
        var problems = new List<string>();
        var services = new Dictionary<string, (HashSet<string> Services, bool Owner, List<string> UsedBy)>(StringComparer.Ordinal);
        void Use(string connection, IEnumerable<string> needed, bool owner, string user)
        {
            if (!services.TryGetValue(connection, out var entry))
            {
                entry = ([], false, []);
            }

            entry.Services.UnionWith(needed);
            entry.UsedBy.Add(user);
            services[connection] = (entry.Services, entry.Owner || owner, entry.UsedBy);
        }

        // The host keeps its locks, timer status, keys and the blob trigger's internal queue in its own storage.
        Use(HostConnection, ["blob", "queue"], true, "the Functions host");
        // Core's stores read and write blobs and tables through the same connection name as the bindings.
        Use(StorageOptions.ConnectionName, ["blob", "table"], false, "NewsPipeline.Core (StorageClients)");

        var triggers = new List<EventGridBlobTrigger>();
        var containers = new SortedSet<string>(StringComparer.Ordinal) { core.ArticlesContainer };
        foreach (var function in functions.OfType<JsonObject>())
        {
            var functionName = (string?)function["name"] ?? "?";
            foreach (var binding in (function["bindings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var type = (string?)binding["type"] ?? "";
                var connection = (string?)binding["connection"];
                if (StorageBindings.TryGetValue(type, out var rule))
                {
                    // A storage binding without a connection uses the host's.
                    Use(string.IsNullOrEmpty(connection) ? HostConnection : connection, rule.Services, rule.BlobOwner, $"{functionName} ({type})");
                    if (type.StartsWith("blob", StringComparison.OrdinalIgnoreCase) && (string?)binding["path"] is { } path)
                    {
                        var container = path.Split('/')[0];
                        containers.Add(container);
                        if (type.Equals("blobTrigger", StringComparison.OrdinalIgnoreCase) &&
                            string.Equals((string?)binding["source"], "EventGrid", StringComparison.OrdinalIgnoreCase))
                        {
                            triggers.Add(new EventGridBlobTrigger(functionName, container));
                        }
                    }
                }
                else if (!string.IsNullOrEmpty(connection))
                {
                    problems.Add($"{functionName}: binding type '{type}' uses connection '{connection}', and the check has no rule for it: " +
                        "add the storage services (or other identity-based settings) it needs to AppRequirements.");
                }
                else if (!ConnectionlessBindings.Contains(type))
                {
                    problems.Add($"{functionName}: binding type '{type}' is unknown to the check: say in AppRequirements whether it needs a connection.");
                }
            }
        }

        var connections = services
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new StorageConnection(p.Key, p.Value.Services, p.Value.Owner, p.Value.UsedBy))
            .ToList();
        return new AppRequirements(connections, triggers, [.. containers], [core.ArticlesTable, core.FailuresTable, core.FeedsTable], problems);
    }
}
