using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Real ASP.NET Core request objects for calling HTTP functions directly, as the Functions host would.</summary>
internal static class HttpContexts
{
    public static HttpContext Get(IServiceProvider services, string pathAndQuery, string method = "GET")
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static string Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    public static JsonElement Json(HttpContext context) => JsonDocument.Parse(Body(context)).RootElement.Clone();
}
