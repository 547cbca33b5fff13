namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// The reading page's routes, the same in both hosts. Each is explicit and starts with a literal (the home page aside),
/// so none can match the Functions host's own <c>/runtime/…</c> or <c>/admin/…</c> paths under the empty route prefix
/// (HttpRoutesTests holds it). Links between views are plain URLs a person can bookmark.
/// </summary>
public static class PageRoutes
{
    /// <summary>
    /// <c>/</c>: the latest items. <c>Route = ""</c> does not match <c>/</c> in the Functions host; an optional
    /// parameter that only the empty path can fill does.
    /// </summary>
    public const string Latest = "{ignored:maxlength(0)?}";

    /// <summary><c>/feed/{name}</c>: one feed's items.</summary>
    public const string Feed = "feed/{name}";

    /// <summary><c>/folder?name=…</c>: the items of a folder's feeds (a folder name may hold '/', so it is a query value).</summary>
    public const string Folder = "folder";

    /// <summary><c>/article/{id}</c>: one article.</summary>
    public const string Article = "article/{id}";

    /// <summary>
    /// <c>/story/{id}</c>: one story's reports. Singular, as <c>/article/{id}</c> and <c>/feed/{name}</c> are: a page
    /// route names the one thing it shows (the API's <c>/api/stories/{id}</c> is a member of a collection).
    /// </summary>
    public const string Story = "story/{id}";

    /// <summary><c>/feeds</c>: every feed, by folder, with its health.</summary>
    public const string Feeds = "feeds";

    /// <summary><c>/login</c>: the sign-in form (GET) and sign-in (POST).</summary>
    public const string Login = "login";

    /// <summary><c>/logout</c> (POST): signs the session out.</summary>
    public const string Logout = "logout";

    /// <summary><c>/unread</c>: the signed-in account's unread items.</summary>
    public const string Unread = "unread";

    /// <summary><c>/starred</c>: the signed-in account's starred items.</summary>
    public const string Starred = "starred";

    /// <summary><c>/mark</c> (POST): marks one item read, unread, starred or not.</summary>
    public const string Mark = "mark";

    /// <summary><c>/mark-all-read</c> (POST): marks the account's unread items read, up to what the page showed.</summary>
    public const string MarkAllRead = "mark-all-read";

    public const string Styles = "page.css";
    public const string Script = "page.js";
}
