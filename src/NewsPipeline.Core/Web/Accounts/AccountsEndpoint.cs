using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Accounts;

/// <summary>The body of <c>POST /api/accounts</c> (<see cref="Name"/> and <see cref="Password"/>) and of <c>POST /api/accounts/{name}/password</c>.</summary>
public sealed record AccountRequest(string? Name, string? Password, bool? Subscriptions);

/// <summary>An account as the admin routes show it: never its password or hash.</summary>
public sealed record AccountResource(string Name, DateTimeOffset Created);

/// <summary>
/// Reader accounts over HTTP, for Azure where <c>newsfeed users</c> cannot reach, behind the function key in both hosts:
/// <c>GET /api/accounts</c>, <c>POST /api/accounts</c> (JSON name and password), <c>DELETE /api/accounts/{name}</c>,
/// <c>POST /api/accounts/{name}/password</c> (revokes the account's tokens), <c>POST /api/accounts/{name}/import</c>
/// (an OPML file: subscriptions with its folders as labels).
/// </summary>
public sealed class AccountsEndpoint(ReaderAccounts accounts)
{
    private const int MaxJsonBytes = 16 * 1024;

    public async Task HandleAsync(HttpContext context, string? name, string? action)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var ct = context.RequestAborted;
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            if (name is null && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
            {
                var list = (await accounts.ListAsync(ct).ConfigureAwait(false)).Select(a => new AccountResource(a.Name, a.Created)).ToList();
                await WriteJsonAsync(context, StatusCodes.Status200OK, new { accounts = list }).ConfigureAwait(false);
                return;
            }

            if (name is null && HttpMethods.IsPost(method))
            {
                var body = await ReadJsonAsync(context).ConfigureAwait(false);
                if (body is null)
                {
                    return;
                }

                var created = await accounts.AddAsync(body.Name ?? string.Empty, body.Password ?? string.Empty, body.Subscriptions ?? true, ct).ConfigureAwait(false);
                context.Response.Headers.Location = "/api/accounts/" + Uri.EscapeDataString(created.Name);
                await WriteJsonAsync(context, StatusCodes.Status201Created, new AccountResource(created.Name, created.Created)).ConfigureAwait(false);
                return;
            }

            if (name is not null && action is null && HttpMethods.IsDelete(method))
            {
                await accounts.RemoveAsync(name, ct).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            if (name is not null && action == "password" && HttpMethods.IsPost(method))
            {
                var body = await ReadJsonAsync(context).ConfigureAwait(false);
                if (body is null)
                {
                    return;
                }

                var revoked = await accounts.SetPasswordAsync(name, body.Password ?? string.Empty, ct).ConfigureAwait(false);
                await WriteJsonAsync(context, StatusCodes.Status200OK, new { name, tokensRevoked = revoked }).ConfigureAwait(false);
                return;
            }

            if (name is not null && action == "import" && HttpMethods.IsPost(method))
            {
                IReadOnlyList<OpmlEntry> entries;
                try
                {
                    // Copied first: Opml.Read reads synchronously, which a request body refuses.
                    using var copy = new MemoryStream();
                    await context.Request.Body.CopyToAsync(copy, ct).ConfigureAwait(false);
                    if (copy.Length > Opml.MaxBytes)
                    {
                        throw new InvalidDataException($"The OPML file is larger than {Opml.MaxBytes / (1024 * 1024)} MiB.");
                    }

                    copy.Position = 0;
                    entries = Opml.Read(copy);
                }
                catch (Exception e) when (e is FormatException or InvalidDataException)
                {
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid OPML", $"{e.Message} Nothing was imported.").ConfigureAwait(false);
                    return;
                }

                var report = await accounts.ImportAsync(name, entries, ct).ConfigureAwait(false);
                await WriteJsonAsync(context, StatusCodes.Status200OK, new { subscribed = report.Subscribed, labels = report.Labels }).ConfigureAwait(false);
                return;
            }
        }
        catch (ReaderAccountException e)
        {
            var status = e.Message.StartsWith("There is no account", StringComparison.Ordinal) ? StatusCodes.Status404NotFound
                : e.Message.StartsWith("An account named", StringComparison.Ordinal) ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
            await ProblemResponses.WriteAsync(context, status, "Account change refused", e.Message).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.Allow = name is null ? "GET, HEAD, POST" : action is null ? "DELETE" : "POST";
        await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            $"{method} is not served here; see docs/reader-api.md for the account routes.").ConfigureAwait(false);
    }

    private static async Task<AccountRequest?> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxJsonBytes)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"An account request is at most {MaxJsonBytes / 1024} KiB of JSON.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<AccountRequest>(context.Request.Body, ApiJson.Options, context.RequestAborted).ConfigureAwait(false)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid JSON",
                "Send JSON like {\"name\": \"alice\", \"password\": \"…\"}.").ConfigureAwait(false);
            return null;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(value, ApiJson.Options), context.RequestAborted).ConfigureAwait(false);
    }
}
