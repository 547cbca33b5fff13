namespace NewsPipeline.Core.Storage;

/// <summary>
/// Creates a container or table on first use. Unlike a cached Lazy task, a failure (storage briefly down) is not
/// remembered: the next call tries again.
/// </summary>
internal sealed class CreateOnce(Func<CancellationToken, Task> create)
{
    private volatile bool created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await create(cancellationToken).ConfigureAwait(false);
        created = true;
    }
}
