using System.Globalization;
using System.Text;

namespace SoMeScholar.Core.Resources;

/// <summary>
/// One canonical form per resource address, used as the registry's unique key and to match links in archived posts
/// (<c>post_links.url</c>) to resources. The rules (docs/resources.md lists them with examples):
/// <list type="number">
/// <item>Surrounding whitespace is trimmed; an address without a scheme is read as https.</item>
/// <item>Only http and https are accepted, and both become https: one page served over either is one resource.</item>
/// <item>The host is lower-cased, converted to its ASCII (punycode) form, loses a trailing dot and a leading "www.".</item>
/// <item>User information and default ports (80, 443) are dropped; other ports are kept.</item>
/// <item>Dot segments are resolved; an empty path becomes "/"; a trailing slash is removed (except the root "/").
/// Path case is kept (paths are case-sensitive on most servers).</item>
/// <item>Tracking parameters are removed: every <c>utm_*</c>, and fbclid, gclid, dclid, gbraid, wbraid, msclkid, yclid,
/// mc_cid, mc_eid, igshid, _hsenc, _hsmi, ref_src. The remaining parameters are sorted by name (stable for equal names);
/// an empty query is dropped.</item>
/// <item>The fragment (#...) is dropped.</item>
/// </list>
/// </summary>
public static class UrlNormalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "ref_src",
    };

    /// <summary>The canonical form, or null with a reason when the text is not an http(s) address.</summary>
    public static bool TryNormalize(string? text, out string normalized, out string error)
    {
        normalized = "";
        error = "";
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "the address is empty";
            return false;
        }

        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed.TrimStart('/');
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            error = $"'{Shorten(text!)}' is not a valid address";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"only http and https addresses can be registered, not {uri.Scheme}:";
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        if (host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4)
        {
            host = host[4..];
        }

        if (host.Length == 0)
        {
            error = "the address has no host";
            return false;
        }

        var builder = new StringBuilder("https://").Append(host);
        if (!uri.IsDefaultPort && uri.Port is not 80 and not 443)
        {
            builder.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        }

        var path = uri.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
            if (path.Length == 0)
            {
                path = "/";
            }
        }

        builder.Append(path.Length == 0 ? "/" : path);
        var query = NormalizeQuery(uri.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        normalized = builder.ToString();
        return true;
    }

    /// <summary>The canonical form; throws <see cref="ArgumentException"/> with the reason when the text is not an http(s) address.</summary>
    public static string Normalize(string text) =>
        TryNormalize(text, out var normalized, out var error) ? normalized : throw new ArgumentException(error, nameof(text));

    /// <summary>The canonical form, or null when the text is not an http(s) address (for matching archived links).</summary>
    public static string? NormalizeOrNull(string? text) => TryNormalize(text, out var normalized, out _) ? normalized : null;

    private static string NormalizeQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => (Pair: pair, Name: Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' '))))
            .Where(p => !p.Name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !TrackingParameters.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Pair);
        return string.Join('&', kept);
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
