using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// The page's one stylesheet and one script, shipped in the assembly (no build step, no files beside the app). Each
/// is linked with its hash as <c>?v=</c>, so a browser may keep it for a year and still never runs an old script
/// against a new page.
/// </summary>
public sealed class PageAssets
{
    private readonly Asset styles = Load("page.css", "text/css; charset=utf-8");
    private readonly Asset script = Load("page.js", "text/javascript; charset=utf-8");

    public string StylesPath => "/" + PageRoutes.Styles + "?v=" + styles.Version;
    public string ScriptPath => "/" + PageRoutes.Script + "?v=" + script.Version;

    public Task WriteStylesAsync(HttpContext context) => WriteAsync(context, styles);

    public Task WriteScriptAsync(HttpContext context) => WriteAsync(context, script);

    private static async Task WriteAsync(HttpContext context, Asset asset)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        PageSecurity.ApplyCommon(response);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        var etag = "\"" + asset.Version + "\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = context.Request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Body.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("NewsPipeline.Core.Web.Page.Assets." + name)
            ?? throw new InvalidOperationException($"The page asset {name} is not embedded in the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var body = buffer.ToArray();
        return new Asset(body, contentType, Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8)));
    }

    private sealed record Asset(byte[] Body, string ContentType, string Version);
}
