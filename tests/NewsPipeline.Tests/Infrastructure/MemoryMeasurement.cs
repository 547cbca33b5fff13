namespace NewsPipeline.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's heap run alone: with other test classes running in parallel, whatever those
/// allocate (a 100,000-article seed, say) would count against the test measuring.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement";
}
