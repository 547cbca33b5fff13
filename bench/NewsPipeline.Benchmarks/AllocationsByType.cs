using System.Diagnostics.Tracing;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Sampled allocations by type and heap (small, large) of one action repeated, from the runtime's own
/// <c>GCAllocationTick</c> events (one per ~100 KB allocated), through an in-process listener: which types feed the
/// large object heap, whose budget sets off full collections, without a trace file or stacks.
/// </summary>
internal sealed class AllocationsByType : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly Dictionary<(string Heap, string Type), long> bytes = [];
    private volatile bool recording;

    public static void Report(string name, Action once, int rounds, TextWriter output)
    {
        using var listener = new AllocationsByType();
        once();
        listener.recording = true;
        for (var i = 0; i < rounds; i++)
        {
            once();
        }

        listener.recording = false;
        // The listener's events arrive on the runtime's dispatch thread: give it a moment to drain.
        Thread.Sleep(500);
        lock (listener.bytes)
        {
            var total = listener.bytes.Values.Sum();
            output.WriteLine($"{name}: sampled {total / rounds / 1024.0:F0} KB per round");
            foreach (var ((heap, type), sum) in listener.bytes.OrderByDescending(pair => pair.Value).Take(15))
            {
                output.WriteLine($"  {heap,-5} {sum * 100.0 / total,5:F1} %  {sum / rounds / 1024.0,8:F1} KB  {type}");
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!recording || eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is not { } payload)
        {
            return;
        }

        var heap = eventData.PayloadNames!.IndexOf("AllocationKind") is var kind and >= 0 ? (uint)payload[kind]! switch { 0 => "small", 1 => "large", _ => "pinned" } : "?";
        var type = eventData.PayloadNames.IndexOf("TypeName") is var name and >= 0 ? payload[name] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var size and >= 0 ? Convert.ToInt64(payload[size], System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (bytes)
        {
            bytes[(heap, type)] = bytes.GetValueOrDefault((heap, type)) + amount;
        }
    }
}
