using System.Text.RegularExpressions;

namespace SoMeScholar.Importers.Bluesky;

/// <summary>An AT-URI split into its parts: <c>at://{Authority}[/{Collection}[/{RecordKey}]]</c>.</summary>
public readonly record struct AtUri(string Authority, string? Collection, string? RecordKey)
{
    public override string ToString() => Collection is null ? "at://" + Authority
        : RecordKey is null ? $"at://{Authority}/{Collection}" : $"at://{Authority}/{Collection}/{RecordKey}";

    public static string Format(string did, string collection, string recordKey) => string.Concat("at://", did, "/", collection, "/", recordKey);

    /// <summary>Formats with the collection given as its path segment (<c>/app.bsky.feed.post/</c>): one allocation.</summary>
    internal static string FormatPath(string did, string collectionPath, ReadOnlySpan<char> recordKey) => string.Concat("at://", did, collectionPath, recordKey);
}

/// <summary>
/// The AT Protocol identifier syntaxes (DID, handle, NSID, record key, TID, AT-URI, at-identifier, datetime,
/// language), hand-written for speed (they run on every record) and checked against the official interop vectors.
/// </summary>
public static partial class AtSyntax
{
    private const int MaxDidLength = 2048;
    private const int MaxHandleLength = 253;
    private const int MaxNsidLength = 317;
    private const int MaxAtUriLength = 8192;

    public static bool IsValidDid(ReadOnlySpan<char> did)
    {
        if (did.Length is < 7 or > MaxDidLength || !did.StartsWith("did:"))
        {
            return false;
        }

        var rest = did[4..];
        var colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        foreach (var c in rest[..colon])
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        var identifier = rest[(colon + 1)..];
        if (identifier.IsEmpty)
        {
            return false;
        }

        foreach (var c in identifier)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '%' or '-'))
            {
                return false;
            }
        }

        return identifier[^1] is not (':' or '%');
    }

    public static bool IsValidHandle(ReadOnlySpan<char> handle)
    {
        if (handle.Length is < 3 or > MaxHandleLength)
        {
            return false;
        }

        var labels = 0;
        var start = 0;
        while (true)
        {
            var dot = handle[start..].IndexOf('.');
            var label = dot < 0 ? handle[start..] : handle.Slice(start, dot);
            if (label.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            labels++;
            if (dot < 0)
            {
                // The top-level domain starts with a letter.
                return labels >= 2 && char.IsAsciiLetter(label[0]);
            }

            start += dot + 1;
        }
    }

    public static bool IsValidNsid(ReadOnlySpan<char> nsid)
    {
        if (nsid.Length is < 5 or > MaxNsidLength)
        {
            return false;
        }

        var segments = 0;
        var start = 0;
        while (true)
        {
            var dot = nsid[start..].IndexOf('.');
            var segment = dot < 0 ? nsid[start..] : nsid.Slice(start, dot);
            var last = dot < 0;
            if (segment.Length is 0 or > 63)
            {
                return false;
            }

            if (last)
            {
                // The name: a letter, then letters and digits.
                if (!char.IsAsciiLetter(segment[0]))
                {
                    return false;
                }

                foreach (var c in segment)
                {
                    if (!char.IsAsciiLetterOrDigit(c))
                    {
                        return false;
                    }
                }

                return segments >= 2;
            }

            // Domain authority segments: letters, digits, hyphens; no hyphen at either end; the first starts with a letter.
            if ((segments == 0 ? !char.IsAsciiLetter(segment[0]) : !char.IsAsciiLetterOrDigit(segment[0])) || segment[^1] == '-')
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            segments++;
            start += dot + 1;
        }
    }

    public static bool IsValidRecordKey(ReadOnlySpan<char> key)
    {
        if (key.Length is 0 or > 512 || key is "." or "..")
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '~' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A TID: 13 characters of base32-sortable (<c>234567a-z</c>), the first at most <c>j</c> (high bit zero).</summary>
    public static bool IsValidTid(ReadOnlySpan<char> tid)
    {
        if (tid.Length != 13 || tid[0] is not ((>= '2' and <= '7') or (>= 'a' and <= 'j')))
        {
            return false;
        }

        foreach (var c in tid)
        {
            if (c is not ((>= '2' and <= '7') or (>= 'a' and <= 'z')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A DID or a handle (the <c>actor</c> parameter of the API).</summary>
    public static bool IsValidAtIdentifier(ReadOnlySpan<char> value) =>
        value.StartsWith("did:") ? IsValidDid(value) : IsValidHandle(value);

    public static bool IsValidDatetime(ReadOnlySpan<char> value) => Text.Timestamps.TryParseAtProtocol(value, out _);

    public static bool IsValidAtUri(ReadOnlySpan<char> uri) => TryParseAtUriParts(uri, out _, out _, out _);

    public static bool TryParseAtUri(string? uri, out AtUri parsed)
    {
        parsed = default;
        if (uri is null || !TryParseAtUriParts(uri, out var authority, out var collection, out var rkey))
        {
            return false;
        }

        parsed = new AtUri(
            uri.Substring(authority.Start.Value, authority.End.Value - authority.Start.Value),
            collection.Equals(default) ? null : uri[collection],
            rkey.Equals(default) ? null : uri[rkey]);
        return true;
    }

    /// <summary>The authority (DID or handle) of an AT-URI, without allocating the other parts; null when invalid.</summary>
    public static string? AuthorityOf(string? uri)
    {
        if (uri is null || !TryParseAtUriParts(uri, out var authority, out _, out _))
        {
            return null;
        }

        return uri[authority];
    }

    internal static string? AuthorityOf(string? uri, Reading.StringCache cache)
    {
        if (uri is null || !TryParseAtUriParts(uri, out var authority, out _, out _))
        {
            return null;
        }

        return cache.Get(uri.AsSpan(authority));
    }

    private static bool TryParseAtUriParts(ReadOnlySpan<char> uri, out Range authority, out Range collection, out Range rkey)
    {
        authority = default;
        collection = default;
        rkey = default;
        if (uri.Length is < 8 or > MaxAtUriLength || !uri.StartsWith("at://"))
        {
            return false;
        }

        const int start = 5;
        var body = uri[start..];
        var hash = body.IndexOf('#');
        if (hash >= 0)
        {
            // A fragment is "#/" and then path characters.
            var fragment = body[(hash + 1)..];
            if (fragment.Length < 1 || fragment[0] != '/')
            {
                return false;
            }

            foreach (var c in fragment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || "._~:@!$&')(*+,;=-[]/\\".Contains(c)))
                {
                    return false;
                }
            }

            body = body[..hash];
        }

        var slash = body.IndexOf('/');
        var authoritySpan = slash < 0 ? body : body[..slash];
        if (!IsValidAtIdentifier(authoritySpan))
        {
            return false;
        }

        authority = new Range(start, start + authoritySpan.Length);
        if (slash < 0)
        {
            return true;
        }

        var path = body[(slash + 1)..];
        var collectionStart = start + slash + 1;
        var second = path.IndexOf('/');
        var collectionSpan = second < 0 ? path : path[..second];
        if (!IsValidNsid(collectionSpan))
        {
            return false;
        }

        collection = new Range(collectionStart, collectionStart + collectionSpan.Length);
        if (second < 0)
        {
            return true;
        }

        var keySpan = path[(second + 1)..];
        if (!IsValidRecordKey(keySpan))
        {
            return false;
        }

        rkey = new Range(collectionStart + second + 1, collectionStart + second + 1 + keySpan.Length);
        return true;
    }

    /// <summary>A BCP 47 language tag as the AT Protocol accepts it (not on the hot path: readers keep tags as given).</summary>
    public static bool IsValidLanguage(string? tag) => tag is not null && tag.Length <= 128 && LanguagePattern().IsMatch(tag);

    [GeneratedRegex(@"^((?<grandfathered>(en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE)|(art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang))|((?<language>([A-Za-z]{2,3}(-(?<extlang>[A-Za-z]{3}(-[A-Za-z]{3}){0,2}))?)|[A-Za-z]{4}|[A-Za-z]{5,8})(-(?<script>[A-Za-z]{4}))?(-(?<region>[A-Za-z]{2}|[0-9]{3}))?(-(?<variant>[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-(?<extension>[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+))*(-(?<privateUseA>[xX](-[A-Za-z0-9]{1,8})+))?)|(?<privateUseB>[xX](-[A-Za-z0-9]{1,8})+))$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LanguagePattern();
}
