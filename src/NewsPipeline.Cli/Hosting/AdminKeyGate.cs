using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The function key of a host without the Functions host (<c>newsfeed run</c>): a change to the registry carries
/// <see cref="ApiOptions.AdminKey"/> as <c>x-functions-key</c> (or <c>?code=</c>), compared in constant time, or is
/// answered 401 with nothing changed. In Azure the Functions host does this for <c>AuthorizationLevel.Function</c>.
/// </summary>
public sealed class AdminKeyGate(IOptions<ApiOptions> options)
{
    /// <summary>True when the request may change the registry; otherwise the 401 has been written.</summary>
    public async Task<bool> AllowAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = options.Value.AdminKey;
        var given = context.Request.Headers["x-functions-key"].ToString() is { Length: > 0 } header ? header : context.Request.Query["code"].ToString();
        if (!string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return true;
        }

        await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Key required", string.IsNullOrEmpty(key)
            ? "Changes to the feeds and reader accounts need a key: set Api__AdminKey for newsfeed run and send it in the x-functions-key header, or use `newsfeed feeds …` and `newsfeed users …`."
            : "Changes to the feeds and reader accounts need the key set in Api__AdminKey, in the x-functions-key header (or ?code=).").ConfigureAwait(false);
        return false;
    }
}
