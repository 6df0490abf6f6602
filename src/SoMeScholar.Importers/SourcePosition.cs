using System.Globalization;
using System.Text;

namespace SoMeScholar.Importers;

/// <summary>
/// Where a record came from: the file (or URL), its line or byte offset, and the field at fault.
/// Carried by every record and every error so a message can say exactly where bad input is.
/// </summary>
public readonly record struct SourcePosition(string Source, long? Line = null, long? ByteOffset = null, string? Field = null)
{
    /// <summary>
    /// The record's index among the records read from the same unit (a line, an array element, a CAR block): 0 for
    /// the first. A JSON line can hold many records (an X v2 page); <c>(ByteOffset, Index)</c> orders every record of
    /// a file, and <see cref="ReadCheckpoint.After"/> turns it into a resume point.
    /// </summary>
    public int Index { get; init; }

    public SourcePosition WithField(string field) => this with { Field = field };

    public override string ToString()
    {
        var text = new StringBuilder(Source);
        if (Line is { } line)
        {
            text.Append(CultureInfo.InvariantCulture, $":{line}");
        }

        if (ByteOffset is { } offset)
        {
            text.Append(CultureInfo.InvariantCulture, $" (byte {offset})");
        }

        if (Index > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" record {Index + 1}");
        }

        if (!string.IsNullOrEmpty(Field))
        {
            text.Append(CultureInfo.InvariantCulture, $" field '{Field}'");
        }

        return text.ToString();
    }
}
