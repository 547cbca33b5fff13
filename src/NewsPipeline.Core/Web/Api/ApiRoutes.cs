namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// The API routes both hosts serve, spelled in full (<c>api/…</c>). One list, so the Functions app, <c>newsfeed run</c>
/// and openapi.json are checked against the same names.
/// </summary>
/// <remarks>
/// The Functions app's HTTP route prefix is empty (host.json) so that the reading page can answer at <c>/</c>; every
/// API route therefore carries its own <c>api/</c>, and the public URLs stay what they were
/// (FunctionsMetadataTests holds them). No route here may start with a parameter or a catch-all: with an empty prefix
/// such a route could swallow the host's own <c>/runtime/webhooks/…</c> and <c>/admin/…</c> paths.
/// The read-only API triggers name no methods, so every method reaches the endpoint, which answers 405 with an
/// <c>Allow</c> header itself (a trigger limited to GET would leave the Functions host answering 404). Only the two
/// triggers of <c>/api/feeds</c> list theirs: the anonymous one must never receive POST or DELETE.
/// </remarks>
public static class ApiRoutes
{
    public const string Items = "api/items";
    public const string ItemById = "api/items/{id}";
    public const string Health = "api/health";
    public const string Feeds = "api/feeds";
    public const string Changes = "api/changes";
    public const string Stories = "api/stories";
    public const string StoryById = "api/stories/{id}";

    /// <summary>The registry's changes (function key): <c>POST feeds</c>, <c>DELETE feeds/{name}</c>, <c>POST feeds/{name}/enable|disable</c>.</summary>
    public const string FeedEdits = "api/feeds/{name?}/{action?}";

    /// <summary><c>newsfeed run</c> only: the local metrics (the Functions app exports them to Application Insights).</summary>
    public const string Metrics = "api/metrics";

    /// <summary>Reader accounts (function key): <c>GET|POST accounts</c>, <c>DELETE accounts/{name}</c>, <c>POST accounts/{name}/password|import</c>.</summary>
    public const string Accounts = "api/accounts/{name?}/{action?}";

    /// <summary>
    /// The Google Reader API (anonymous triggers: each call checks its login token itself). A catch-all below a fixed
    /// prefix: stream ids carry slashes (<c>stream/contents/user/-/state/com.google/reading-list</c>), and it can match
    /// nothing outside <c>/api/greader/</c>.
    /// </summary>
    public const string GoogleReader = "api/greader/{*path}";
}
