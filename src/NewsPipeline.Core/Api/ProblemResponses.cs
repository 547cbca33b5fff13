using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Api;

/// <summary>RFC 9457 problem details, naming the parameter that was wrong.</summary>
internal static class ProblemResponses
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? parameter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
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
