using Azure;
using Azure.Storage.Blobs;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Waiting, bounded, for what another task does: outage tests stop storage once enough is written.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not reached within {seconds} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Blobs in a container so far; none while it does not exist yet.</summary>
    public static async Task<int> BlobCountAsync(BlobContainerClient container)
    {
        var count = 0;
        try
        {
            await foreach (var _ in container.GetBlobsAsync())
            {
                count++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return count;
    }
}
