namespace SoMeScholar.Core.Settings;

/// <summary>
/// An administrator-editable setting, stored as a key and a JSON or plain value (registration mode, severity
/// thresholds, recommender weights). Also records facts about the store itself, such as when the demo was built.
/// </summary>
public class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
