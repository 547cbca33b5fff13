using System.Text.Json;
using Microsoft.AspNetCore.Http;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>RFC 9457 problem details, naming the parameter that was wrong.</summary>
public static class ProblemResponses
{
    public const string RetryAfterKey = "NewsPipeline.RetryAfter";

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? parameter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // A 503 says when to come back; the options' value where a guard set it, else a few seconds.
            context.Response.Headers.RetryAfter = context.Items[RetryAfterKey] as string ?? "5";
            context.Response.Headers.CacheControl = "no-store";
        }

        var problem = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (parameter is not null)
        {
            problem["parameter"] = parameter;
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(problem, ApiJson.Options), context.RequestAborted);
    }
}
