using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// host.json's queue settings against what Core assumes about the fetch queue: the same dequeue count, the same
/// message encoding, and retries that end before the scheduler counts a claimed feed as lost.
/// </summary>
public sealed class HostSettingsTests
{
    private static JsonObject Queues()
    {
        var host = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Functions", "host.json")))!;
        return host["extensions"]?["queues"] as JsonObject ?? throw new Xunit.Sdk.XunitException("host.json has no extensions.queues section.");
    }

    [Fact]
    public void The_host_poisons_a_fetch_message_after_the_dequeue_count_Core_reports()
    {
        // FetchFeedsPoisoned and the feed status say "after N deliveries" with ScheduleOptions' number.
        Assert.Equal(new ScheduleOptions().MaxDequeueCount, (int)Queues()["maxDequeueCount"]!);
    }

    [Fact]
    public void The_trigger_decodes_messages_the_way_Core_writes_them()
    {
        Assert.Equal(QueueMessageEncoding.Base64, StorageClients.QueueOptions.MessageEncoding);
        Assert.Equal("base64", (string?)Queues()["messageEncoding"]);
    }

    [Fact]
    public void Every_retry_of_a_message_ends_before_the_scheduler_claims_its_feeds_again()
    {
        var queues = Queues();
        var schedule = new ScheduleOptions();
        var retryDelay = TimeSpan.Parse((string)queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture);
        // One delivery of a full message: a host's feeds one after another.
        var oneRun = TimeSpan.FromSeconds(schedule.MaxFeedsPerMessage * schedule.SecondsPerFeed);

        // Were the last delivery still running when the claim lease ends, the scheduler would enqueue the same feeds
        // again and two workers would fetch one host at once.
        var lastDeliveryEnds = (retryDelay + oneRun) * schedule.MaxDequeueCount;
        Assert.True(lastDeliveryEnds < TimeSpan.FromMinutes(schedule.ClaimLeaseMinutes),
            $"{schedule.MaxDequeueCount} deliveries of {oneRun} each, {retryDelay} apart, end after the {schedule.ClaimLeaseMinutes}-minute claim lease.");
    }

    [Fact]
    public void A_full_message_fits_in_one_invocation_and_the_batch_size_within_the_host_limit()
    {
        var host = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Functions", "host.json")))!;
        var queues = Queues();
        var schedule = new ScheduleOptions();
        var timeout = TimeSpan.Parse((string)host["functionTimeout"]!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(TimeSpan.FromSeconds(schedule.MaxFeedsPerMessage * schedule.SecondsPerFeed) < timeout, "A message's feeds take longer than functionTimeout.");
        // The queue extension refuses a batchSize above 32.
        Assert.InRange((int)queues["batchSize"]!, 1, 32);
    }
}
