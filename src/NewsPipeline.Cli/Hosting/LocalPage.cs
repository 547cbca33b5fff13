using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The reading page's routes (PageRoutes, as the Functions app's page functions), on the same Core views, for `newsfeed run`.</summary>
internal static class LocalPage
{
    private static readonly string[] Read = ["GET", "HEAD"];
    private static readonly string[] Post = ["POST"];

    public static IEndpointRouteBuilder MapReadingPage(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(PageRoutes.Latest, Read, context => Guarded(context, c => View<TimelineViews>(c).LatestAsync(c)));
        routes.MapMethods(PageRoutes.Feed, Read, context => Guarded(context, c => View<TimelineViews>(c).FeedAsync(c, c.GetRouteValue("name") as string)));
        routes.MapMethods(PageRoutes.Folder, Read, context => Guarded(context, c => View<TimelineViews>(c).FolderAsync(c)));
        routes.MapMethods(PageRoutes.Article, Read, context => Guarded(context, c => View<ArticleView>(c).HandleAsync(c, c.GetRouteValue("id") as string)));
        routes.MapMethods(PageRoutes.Story, Read, context => Guarded(context, c => View<StoryView>(c).HandleAsync(c, c.GetRouteValue("id") as string)));
        routes.MapMethods(PageRoutes.Feeds, Read, context => Guarded(context, c => View<FeedsView>(c).HandleAsync(c)));
        routes.MapMethods(PageRoutes.Login, ["GET", "HEAD", "POST"], context => Guarded(context, c => View<SignInView>(c).LoginAsync(c)));
        routes.MapMethods(PageRoutes.Logout, Post, context => Guarded(context, c => View<SignInView>(c).LogoutAsync(c)));
        routes.MapMethods(PageRoutes.Unread, Read, context => Guarded(context, c => View<ReaderViews>(c).UnreadAsync(c)));
        routes.MapMethods(PageRoutes.Starred, Read, context => Guarded(context, c => View<ReaderViews>(c).StarredAsync(c)));
        routes.MapMethods(PageRoutes.Mark, Post, context => Guarded(context, c => View<PageMarks>(c).MarkAsync(c)));
        routes.MapMethods(PageRoutes.MarkAllRead, Post, context => Guarded(context, c => View<PageMarks>(c).MarkAllReadAsync(c)));
        routes.MapMethods(PageRoutes.Styles, Read, context => View<PageAssets>(context).WriteStylesAsync(context));
        routes.MapMethods(PageRoutes.Script, Read, context => View<PageAssets>(context).WriteScriptAsync(context));
        return routes;
    }

    private static T View<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();

    // As in the Functions app: every view within the storage budget, a storage outage answered 503.
    private static Task Guarded(HttpContext context, Func<HttpContext, Task> view) =>
        context.RequestServices.GetRequiredService<StorageGuard>().RunAsync(context, view);
}
