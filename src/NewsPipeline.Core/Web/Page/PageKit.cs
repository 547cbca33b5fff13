using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>What every view needs to start a response: the assets, the public links, the security headers.</summary>
public sealed class PageKit(PageAssets assets, PublicLinks links, PageSecurity security)
{
    /// <summary>A page for this request, or null when its method is not GET or HEAD (answered 405 here).</summary>
    internal PageContext? Begin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return new PageContext(context, assets, links, security);
        }

        PageSecurity.ApplyCommon(context.Response);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD";
        return null;
    }
}
