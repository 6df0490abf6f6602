using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoMeScholar.Core.Portfolio;

/// <summary>The JSON export of a dossier: camelCase names, enums by name, UTC times in ISO 8601 (docs/portfolio.md).</summary>
public static class DossierJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(DossierDocument document) => JsonSerializer.Serialize(document, Options);

    public static DossierDocument? Deserialize(string json) => JsonSerializer.Deserialize<DossierDocument>(json, Options);
}
