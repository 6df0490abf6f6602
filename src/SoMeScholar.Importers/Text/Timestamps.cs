using System.Globalization;

namespace SoMeScholar.Importers.Text;

/// <summary>
/// Date-time parsing for the formats: RFC 3339 as the AT Protocol restricts it (fast, on UTF-8 bytes, no
/// allocation), a lenient ISO 8601 fallback for values real clients write, X v1.1's "Tue Jul 18 23:25:04 +0000 2017"
/// and Unix epoch values. Everything returns UTC <see cref="DateTime"/>s.
/// </summary>
public static class Timestamps
{
    /// <summary>
    /// Strict AT Protocol datetime: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>, upper-case T and Z, a time zone,
    /// never <c>-00:00</c>, and a real calendar date. Fractions beyond 100 ns are truncated.
    /// </summary>
    public static bool TryParseAtProtocol(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 20 || text.Length > 64)
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || text[10] != 'T' || !Digits(text, 11, 2, out var hour) || text[13] != ':'
            || !Digits(text, 14, 2, out var minute) || text[16] != ':' || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var index = 19;
        long fractionTicks = 0;
        if (text[index] == '.')
        {
            index++;
            var digits = 0;
            var scale = 1_000_000L;
            while (index < text.Length && text[index] is >= (byte)'0' and <= (byte)'9')
            {
                if (digits < 7)
                {
                    fractionTicks += (text[index] - '0') * scale;
                    scale /= 10;
                }

                digits++;
                index++;
            }

            if (digits is 0 or > 20)
            {
                return false;
            }
        }

        if (index >= text.Length)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (text[index] == 'Z')
        {
            index++;
        }
        else if (text[index] is (byte)'+' or (byte)'-')
        {
            if (text.Length - index != 6 || !Digits(text, index + 1, 2, out var offsetHours) || text[index + 3] != ':'
                || !Digits(text, index + 4, 2, out var offsetMins) || offsetHours > 23 || offsetMins > 59)
            {
                return false;
            }

            if (text[index] == '-' && offsetHours == 0 && offsetMins == 0)
            {
                return false;
            }

            offsetMinutes = (offsetHours * 60) + offsetMins;
            if (text[index] == '-')
            {
                offsetMinutes = -offsetMinutes;
            }

            index += 6;
        }
        else
        {
            return false;
        }

        if (index != text.Length || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks
            - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    public static bool TryParseAtProtocol(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length is < 20 or > 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            bytes[i] = (byte)text[i];
        }

        return TryParseAtProtocol(bytes, out utc);
    }

    /// <summary>
    /// Any ISO 8601 / RFC 3339 date-time real payloads carry (strict form first, then a lenient parse; a value
    /// without a zone is taken as UTC).
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out DateTime utc)
    {
        if (TryParseAtProtocol(text, out utc))
        {
            return true;
        }

        if (text.Length is 0 or > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return TryParseIsoLenient(chars, out utc);
    }

    public static bool TryParseIso(ReadOnlySpan<char> text, out DateTime utc) =>
        TryParseAtProtocol(text, out utc) || TryParseIsoLenient(text, out utc);

    public static bool TryParseIso(string? text, out DateTime utc)
    {
        utc = default;
        return text is not null && TryParseIso(text.AsSpan(), out utc);
    }

    private static bool TryParseIsoLenient(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length is < 10 or > 64 || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    private static readonly string[] TwitterFormats = ["ddd MMM dd HH:mm:ss zzz yyyy", "ddd MMM d HH:mm:ss zzz yyyy"];

    /// <summary>X v1.1 and archive dates: <c>Tue Jul 18 23:25:04 +0000 2017</c>; falls back to ISO 8601.</summary>
    public static bool TryParseTwitter(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(text, TwitterFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return TryParseIso(text, out utc);
    }

    /// <summary>Microseconds since the Unix epoch (Jetstream <c>time_us</c>).</summary>
    public static DateTime FromUnixMicroseconds(long microseconds) =>
        microseconds is > 0 and < 253_402_300_799_000_000 ? DateTime.UnixEpoch.AddTicks(microseconds * 10) : DateTime.UnixEpoch;

    public static long ToUnixMicroseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Formats a UTC time as the AT Protocol writes it (millisecond precision, Z).</summary>
    public static string ToAtProtocol(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
