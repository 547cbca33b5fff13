namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// The routes both hosts serve, below <c>/api/</c> (the Functions route prefix). One list, so the Functions app,
/// <c>newsfeed run</c> and openapi.json are checked against the same names.
/// </summary>
/// <remarks>
/// The read-only API triggers name no methods, so every method reaches the endpoint, which answers 405 with an
/// <c>Allow</c> header itself (a trigger limited to GET would leave the Functions host answering 404). Only the two
/// triggers of <c>/api/feeds</c> list theirs: the anonymous one must never receive POST or DELETE.
/// </remarks>
public static class ApiRoutes
{
    public const string Prefix = "/api/";
    public const string Items = "items";
    public const string ItemById = "items/{id}";
    public const string Health = "health";
    public const string Feeds = "feeds";
    public const string Changes = "changes";
    public const string Stories = "stories";
    public const string StoryById = "stories/{id}";

    /// <summary>The registry's changes (function key): <c>POST feeds</c>, <c>DELETE feeds/{name}</c>, <c>POST feeds/{name}/enable|disable</c>.</summary>
    public const string FeedEdits = "feeds/{name?}/{action?}";
}
