using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Web.Api;

/// <summary>The API is read-only: GET and HEAD; anything else is 405 with the methods that are allowed.</summary>
internal static class ApiMethods
{
    public static async Task<bool> RefuseUnlessReadAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return false;
        }

        context.Response.Headers.Allow = "GET, HEAD";
        await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            $"{context.Request.Method} is not supported here: the API is read-only (GET, HEAD).").ConfigureAwait(false);
        return true;
    }
}
