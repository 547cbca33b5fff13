using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Api;

/// <summary>Settings of the HTTP API (<c>Api__…</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// How long one request may spend on storage, retries included, before it is answered 503. Well under the
    /// Functions HTTP limit (230 s, the front end's idle timeout) and under a client's patience: a reader that gets
    /// 503 with Retry-After comes back, one that waits minutes has gone.
    /// </summary>
    [Range(1, 120)]
    public int StorageBudgetSeconds { get; set; } = 10;

    /// <summary>What a 503 asks the client to wait before trying again (<c>Retry-After</c>).</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
