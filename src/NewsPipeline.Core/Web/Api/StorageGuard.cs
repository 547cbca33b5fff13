using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// Runs one API endpoint within a storage budget, so that no request waits on storage longer than
/// <see cref="ApiOptions.StorageBudgetSeconds"/>, and answers 503 <c>application/problem+json</c> with
/// <c>Retry-After</c> when storage is down, refusing or frozen. Both hosts call every endpoint through it.
/// </summary>
/// <remarks>
/// The Azure SDK reports an outage in several shapes: a <see cref="RequestFailedException"/> (status 0 for a refused
/// connection), an <see cref="AggregateException"/> once its retries are spent ("Retry failed after 4 tries"), or a
/// cancellation when its network timeout or our budget ends a frozen call. Uncaught, the first two reached the
/// host as a 500 with an empty body after ~6 s, and a frozen storage held a request for 405 s.
/// </remarks>
public sealed partial class StorageGuard(IOptions<ApiOptions> options, ILogger<StorageGuard> logger)
{
    public async Task RunAsync(HttpContext context, Func<HttpContext, Task> endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        var clientAborted = context.RequestAborted;
        context.Items[ProblemResponses.RetryAfterKey] = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.StorageBudgetSeconds));
        // Endpoints pass RequestAborted to every storage call: the budget reaches them all without a new parameter.
        context.RequestAborted = budget.Token;
        try
        {
            await endpoint(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!clientAborted.IsCancellationRequested && !context.Response.HasStarted
                                  && (budget.IsCancellationRequested || IsStorageOutage(e)))
        {
            LogStorageUnavailable(context.Request.Path, budget.IsCancellationRequested ? "no answer within the budget" : Reason(e),
                options.Value.StorageBudgetSeconds);
            context.RequestAborted = clientAborted;
            context.Response.Clear();
            await WriteUnavailableAsync(context).ConfigureAwait(false);
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }
    }

    /// <summary>503 with the problem document every storage failure gets (endpoints that catch one themselves use it too).</summary>
    public static Task WriteUnavailableAsync(HttpContext context, string detail = "The article store did not answer; try again shortly.") =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage unavailable", detail);

    /// <summary>Whether an exception says storage is unreachable or failing (not that a request to it was wrong).</summary>
    public static bool IsStorageOutage(Exception e) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageOutage),
        OperationCanceledException or TimeoutException or HttpRequestException or IOException => true,
        _ => false,
    };

    private static string Reason(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } aggregate
        ? aggregate.InnerExceptions[^1].Message
        : e.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage unavailable for {Path} ({Reason}; budget {BudgetSeconds} s): answered 503 with Retry-After. Check the ArticleStorage connection and GET /api/health")]
    private partial void LogStorageUnavailable(string path, string reason, int budgetSeconds);
}
