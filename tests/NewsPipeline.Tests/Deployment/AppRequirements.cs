using System.Text.Json.Nodes;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// A storage connection the app uses, the services it reaches through it, who uses it, and what its users do with
/// queue messages (<see cref="QueueAccess"/>), which decides the queue roles it needs.
/// </summary>
internal sealed record StorageConnection(string Name, IReadOnlySet<string> Services, bool NeedsBlobOwner, IReadOnlyList<string> UsedBy, IReadOnlySet<string> QueueActions);

/// <summary>
/// Queue data operations as Azure RBAC names them (…/queueServices/queues/messages/{read,write,add/action,process/action}
/// and …/queues/write to create one), and which of them each binding's runtime performs.
/// </summary>
internal static class QueueAccess
{
    public const string Peek = "messages/read";
    public const string Add = "messages/add/action";
    /// <summary>Get and delete messages.</summary>
    public const string Process = "messages/process/action";
    /// <summary>Update a message: its visibility (renewal while a function runs, release after a failure).</summary>
    public const string Update = "messages/write";
    public const string CreateQueue = "queues/write";

    // The queue listener peeks and receives, deletes what succeeded, renews the visibility of a long run, releases a
    // failure for visibilityTimeout (update), and copies a message to "{queue}-poison" after maxDequeueCount (add).
    public static readonly string[] Trigger = [Peek, Process, Update, Add];

    // The host creates its own queues (the blob trigger's, the poison queues it finds missing).
    public static readonly string[] Host = [Peek, Process, Update, Add, CreateQueue];

    public static readonly string[] Output = [Add];
}

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
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Problems)
{
    public const string HostConnection = "AzureWebJobsStorage";

    // Storage services each binding type reaches through its connection. The blob trigger writes poison messages to
    // a queue of its own account; its blob receipts and leases are why the Functions docs ask for Blob Data Owner.
    private static readonly Dictionary<string, (string[] Services, bool BlobOwner, string[] QueueActions)> StorageBindings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["blobTrigger"] = (["blob", "queue"], true, QueueAccess.Trigger),
        ["blob"] = (["blob"], false, []),
        ["queueTrigger"] = (["queue"], false, QueueAccess.Trigger),
        ["queue"] = (["queue"], false, QueueAccess.Output),
        ["table"] = (["table"], false, []),
    };

    /// <summary>The queue the host moves a trigger's message to after maxDequeueCount failed deliveries.</summary>
    public static string PoisonQueue(string queue) => queue + "-poison";

    // Bindings that need no connection.
    private static readonly HashSet<string> ConnectionlessBindings = new(StringComparer.OrdinalIgnoreCase) { "timerTrigger", "httpTrigger", "http" };

    public static AppRequirements From(JsonArray functions, StorageOptions core)
    {
        var problems = new List<string>();
        var services = new Dictionary<string, (HashSet<string> Services, bool Owner, List<string> UsedBy, HashSet<string> QueueActions)>(StringComparer.Ordinal);
        void Use(string connection, IEnumerable<string> needed, bool owner, string user, IEnumerable<string> queueActions)
        {
            if (!services.TryGetValue(connection, out var entry))
            {
                entry = ([], false, [], []);
            }

            entry.Services.UnionWith(needed);
            entry.UsedBy.Add(user);
            entry.QueueActions.UnionWith(queueActions);
            services[connection] = (entry.Services, entry.Owner || owner, entry.UsedBy, entry.QueueActions);
        }

        // The host keeps its locks, timer status, keys and the blob trigger's internal queue in its own storage, and
        // writes its diagnostic events to a table there (AzureFunctionsDiagnosticEvents{yyyyMM}).
        Use(HostConnection, ["blob", "queue", "table"], true, "the Functions host", QueueAccess.Host);
        // Core's stores read and write blobs and tables through the same connection name as the bindings, and the
        // scheduler (ScheduleFeeds, `newsfeed run`) sends the fetch messages through its queue service.
        Use(StorageOptions.ConnectionName, ["blob", "table", "queue"], false, "NewsPipeline.Core (StorageClients)", QueueAccess.Output);

        var triggers = new List<EventGridBlobTrigger>();
        var containers = new SortedSet<string>(StringComparer.Ordinal) { core.ArticlesContainer };
        var queues = new SortedSet<string>(StringComparer.Ordinal);
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
                    Use(string.IsNullOrEmpty(connection) ? HostConnection : connection, rule.Services, rule.BlobOwner, $"{functionName} ({type})", rule.QueueActions);
                    if (type.StartsWith("queue", StringComparison.OrdinalIgnoreCase))
                    {
                        if ((string?)binding["queueName"] is not { Length: > 0 } queue)
                        {
                            problems.Add($"{functionName}: the {type} binding has no queueName, so the check cannot tell which queue the templates must create.");
                        }
                        else if (queue.Contains('%', StringComparison.Ordinal))
                        {
                            problems.Add($"{functionName}: the {type} binding's queue '{queue}' is an app setting; the check only knows literal queue names.");
                        }
                        else
                        {
                            queues.Add(queue);
                            if (type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
                            {
                                queues.Add(PoisonQueue(queue));
                            }
                        }
                    }

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
            .Select(p => new StorageConnection(p.Key, p.Value.Services, p.Value.Owner, p.Value.UsedBy, p.Value.QueueActions))
            .ToList();
        return new AppRequirements(connections, triggers, [.. containers], [core.ArticlesTable, core.FailuresTable, core.FeedsTable, core.ReadersTable, core.StoriesTable], [.. queues], problems);
    }
}
