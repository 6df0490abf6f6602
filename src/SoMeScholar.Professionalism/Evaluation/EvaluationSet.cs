using System.Text.Json;

namespace SoMeScholar.Professionalism.Evaluation;

/// <summary>
/// Reads an evaluation set in JSON Lines: one object a line with "id", "text", "spans" (each "start", "end",
/// "category" named as in <see cref="FindingCategory"/>), and optional "split" and "kind".
/// </summary>
public static class EvaluationSet
{
    public static IReadOnlyList<LabelledText> Read(TextReader reader)
    {
        var texts = new List<LabelledText>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var text = root.GetProperty("text").GetString() ?? "";
                var spans = new List<LabelledSpan>();
                if (root.TryGetProperty("spans", out var spanArray))
                {
                    foreach (var span in spanArray.EnumerateArray())
                    {
                        var start = span.GetProperty("start").GetInt32();
                        var end = span.GetProperty("end").GetInt32();
                        var category = Enum.Parse<FindingCategory>(span.GetProperty("category").GetString() ?? "", ignoreCase: true);
                        if (start < 0 || end <= start || end > text.Length)
                        {
                            throw new FormatException($"span [{start}, {end}) lies outside the text of {text.Length} characters");
                        }

                        spans.Add(new LabelledSpan(start, end, category));
                    }
                }

                texts.Add(new LabelledText(
                    root.TryGetProperty("id", out var id) ? id.GetString() ?? $"line{lineNumber}" : $"line{lineNumber}",
                    text,
                    spans,
                    root.TryGetProperty("split", out var split) ? split.GetString() ?? "" : "",
                    root.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "" : ""));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new FormatException($"Evaluation set line {lineNumber}: {e.Message}", e);
            }
        }

        return texts;
    }

    /// <summary>
    /// The labelled set of tests/SoMeScholar.Professionalism.Tests/Evaluation/evaluation.jsonl as it was when this
    /// assembly was built (embedded), so the command line can evaluate without a path.
    /// </summary>
    public static IReadOnlyList<LabelledText> Bundled()
    {
        using var stream = typeof(EvaluationSet).Assembly.GetManifestResourceStream("Evaluation/evaluation.jsonl")
            ?? throw new InvalidOperationException("The evaluation set is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    public static IReadOnlyList<LabelledText> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }
}
