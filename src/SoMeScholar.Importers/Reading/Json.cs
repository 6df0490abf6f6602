using System.Globalization;
using System.Text.Json;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Reading;

/// <summary>
/// Typed access to <see cref="JsonElement"/> properties for the mappers: a missing or null property is null, a value
/// of the wrong type throws <see cref="InvalidDataException"/> after naming the field in the context, so the unit is
/// rejected with the field and the reason.
/// </summary>
internal static class Json
{
    public static bool Has(JsonElement obj, string name) => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement? Get(JsonElement obj, string name)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }

    public static string? Str(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Wrong(context, path, name, "a string", value);
        }

        return value.GetString();
    }

    /// <summary>A string, or a number taken as its text (ids that some producers write as numbers).</summary>
    public static string? Id(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Wrong(context, path, name, "an id (string or number)", value),
        };
    }

    /// <summary>A whole number, also from a numeric string (the X archive writes numbers as strings).</summary>
    public static long? Long(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Wrong(context, path, name, "a whole number", value);
    }

    public static bool? Bool(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => throw Wrong(context, path, name, "a boolean", value),
        };
    }

    public static JsonElement? Obj(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(context, path, name, "an object", value);
    }

    public static JsonElement? Arr(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Wrong(context, path, name, "an array", value);
    }

    /// <summary>Elements of an array property (none when missing).</summary>
    public static JsonElement.ArrayEnumerator Items(JsonElement obj, string name, ParseContext context, string? path = null) =>
        Arr(obj, name, context, path) is { } array ? array.EnumerateArray() : default;

    /// <summary>An ISO 8601 time; a value that does not parse throws (the field is named).</summary>
    public static DateTime? Time(JsonElement obj, string name, ParseContext context, string? path = null)
    {
        var text = Str(obj, name, context, path);
        if (text is null)
        {
            return null;
        }

        if (Timestamps.TryParseIso(text, out var when))
        {
            return when;
        }

        context.Field = Join(path, name);
        throw new InvalidDataException($"invalid date-time '{Excerpts.Of(text)}'");
    }

    /// <summary>Like <see cref="Time"/> but an unparsable value is null (optional, informative times).</summary>
    public static DateTime? TimeOrNull(JsonElement obj, string name, ParseContext context, string? path = null) =>
        Str(obj, name, context, path) is { } text && Timestamps.TryParseIso(text, out var when) ? when : null;

    public static string Join(string? path, string name) => path is null ? name : path + "." + name;

    private static InvalidDataException Wrong(ParseContext context, string? path, string name, string expected, JsonElement value)
    {
        context.Field = Join(path, name);
        return new InvalidDataException($"'{Join(path, name)}' should be {expected}, found {value.ValueKind}");
    }

    /// <summary>Rejects (with the field named) when a required value is missing.</summary>
    public static bool Require(string? value, string field, ParseContext context)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return true;
        }

        context.Reject(context.FieldPrefix + field, $"missing required field '{field}'", (string?)null);
        return false;
    }
}
