using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>What every view needs to start a response: the assets, the public links, the security headers.</summary>
public sealed class PageKit(PageAssets assets, PublicLinks links, PageSecurity security, PageSession session)
{
    /// <summary>A page for this request, or null when its method is not GET or HEAD (answered 405 here).</summary>
    internal async Task<PageContext?> BeginAsync(HttpContext context, bool post = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || (post && HttpMethods.IsPost(context.Request.Method)))
        {
            var page = new PageContext(context, assets, links, security);
            page.User = await page.ReadAsync(_ => session.UserAsync(context)).ConfigureAwait(false);
            return page;
        }

        PageSecurity.ApplyCommon(context.Response);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = post ? "GET, HEAD, POST" : "GET, HEAD";
        return null;
    }
}
