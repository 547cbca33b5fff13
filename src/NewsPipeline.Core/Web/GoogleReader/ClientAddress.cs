using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>
/// The address a login is counted under. Behind a front end (Azure's), the connection comes from the front end, so the
/// address is read from the header the platform names (<c>Reader__ClientAddressHeader</c>, <c>X-Forwarded-For</c> in
/// Azure): its last entry, which the platform appended — earlier entries are whatever the client wrote.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context, string header)
    {
        if (!string.IsNullOrEmpty(header) && context.Request.Headers[header].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',')[^1].Trim();
            // "203.0.113.7:50123" and "[2001:db8::1]:50123" carry a port; the address is what is counted.
            if (System.Net.IPEndPoint.TryParse(last, out var endpoint))
            {
                return endpoint.Address.ToString();
            }

            return last.Length > 64 ? last[..64] : last;
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
