using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Resources;

/// <summary>A problem with one record of an import file: where (line, field) and why.</summary>
public sealed record TransferError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}

public sealed record TransferResult(int Added, int Updated, int Unchanged, IReadOnlyList<TransferError> Errors);

/// <summary>One resource as the import/export files carry it (CSV columns and JSON properties have these names).</summary>
public sealed record TransferRecord
{
    public string Url { get; init; } = "";
    public string Type { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Publisher { get; init; }
    public string? Specialty { get; init; }
    public string? PublishedAt { get; init; }
    public string? Licence { get; init; }
    public string? Topics { get; init; }

    /// <summary>Authors separated by ';': a name, or '@slug' for a person of the registry.</summary>
    public string? Authors { get; init; }

    public string? Summary { get; init; }
}

/// <summary>
/// Bulk registry loads for the CLI (<c>somescholar resources import|export</c>). Import reads CSV (a header row with the
/// <see cref="Columns"/>; any order; unknown columns are an error) or JSON (an array of objects with the same names).
/// It is idempotent, keyed on the normalised URL: a new address adds a resource, a known one with different metadata
/// is updated in place (its current version corrected), an identical one is left alone. A record with a problem is
/// reported with its line and field and skipped; the others are imported.
/// </summary>
public sealed class RegistryTransfer(ScholarDb db, TimeProvider clock, ResourceRegistry registry)
{
    public static readonly IReadOnlyList<string> Columns = ["url", "type", "title", "publisher", "specialty", "publishedAt", "licence", "topics", "authors", "summary"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<TransferResult> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? await ImportJsonAsync(stream, cancellationToken) : await ImportCsvAsync(new StreamReader(stream), cancellationToken);
    }

    public async Task<TransferResult> ImportCsvAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        var rows = ReadCsv(reader).ToList();
        if (rows.Count == 0)
        {
            return new TransferResult(0, 0, 0, [new TransferError(1, "header", "the file is empty; the first line names the columns")]);
        }

        var header = rows[0].Fields.Select(f => f.Trim()).ToList();
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0 || !header.Contains("url", StringComparer.OrdinalIgnoreCase))
        {
            var message = unknown.Count > 0 ? $"unknown column(s) {string.Join(", ", unknown)}; columns are {string.Join(", ", Columns)}" : "the header has no 'url' column";
            return new TransferResult(0, 0, 0, [new TransferError(rows[0].Line, "header", message)]);
        }

        var records = new List<(int Line, TransferRecord? Record, TransferError? Error)>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (row.Fields.Count != header.Count)
            {
                records.Add((row.Line, null, new TransferError(row.Line, "row", $"{row.Fields.Count} fields where the header has {header.Count}")));
                continue;
            }

            string? Get(string name) => header.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 && row.Fields[i].Trim().Length > 0 ? row.Fields[i].Trim() : null;
            records.Add((row.Line, new TransferRecord
            {
                Url = Get("url") ?? "",
                Type = Get("type") ?? "",
                Title = Get("title") ?? "",
                Publisher = Get("publisher"),
                Specialty = Get("specialty"),
                PublishedAt = Get("publishedAt"),
                Licence = Get("licence"),
                Topics = Get("topics"),
                Authors = Get("authors"),
                Summary = Get("summary"),
            }, null));
        }

        return await ImportRecordsAsync(records, cancellationToken);
    }

    public async Task<TransferResult> ImportJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return new TransferResult(0, 0, 0, [new TransferError((int)(e.LineNumber ?? 0) + 1, "json", e.Message)]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new TransferResult(0, 0, 0, [new TransferError(1, "json", "the file must hold an array of resources")]);
            }

            var records = new List<(int Line, TransferRecord? Record, TransferError? Error)>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    records.Add((index, null, new TransferError(index, "record", "each resource is a JSON object")));
                    continue;
                }

                var unknown = element.EnumerateObject().Select(p => p.Name).Where(n => !Columns.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
                if (unknown.Count > 0)
                {
                    records.Add((index, null, new TransferError(index, unknown[0], $"unknown field; fields are {string.Join(", ", Columns)}")));
                    continue;
                }

                string? Get(string name)
                {
                    var property = element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Array => string.Join("; ", property.Value.EnumerateArray().Select(v => v.ToString())),
                        JsonValueKind.Undefined or JsonValueKind.Null => null,
                        _ => property.Value.ToString(),
                    };
                }

                records.Add((index, new TransferRecord
                {
                    Url = Get("url") ?? "",
                    Type = Get("type") ?? "",
                    Title = Get("title") ?? "",
                    Publisher = Get("publisher"),
                    Specialty = Get("specialty"),
                    PublishedAt = Get("publishedAt"),
                    Licence = Get("licence"),
                    Topics = Get("topics"),
                    Authors = Get("authors"),
                    Summary = Get("summary"),
                }, null));
            }

            // JSON records are numbered by their position in the array ("line" is the record number).
            return await ImportRecordsAsync(records, cancellationToken);
        }
    }

    private async Task<TransferResult> ImportRecordsAsync(List<(int Line, TransferRecord? Record, TransferError? Error)> records, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        var errors = new List<TransferError>();
        foreach (var (line, record, error) in records)
        {
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            try
            {
                var input = ToInput(record!, line);
                var normalized = ResourceRegistry.NormalizeUrl(input.Url);
                var existing = await db.Resources.Include(r => r.Authors).Include(r => r.Topics).Include(r => r.Versions).AsSplitQuery()
                    .FirstOrDefaultAsync(r => r.NormalizedUrl == normalized, cancellationToken);
                if (existing is null)
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var resource = new Resource { Url = input.Url.Trim(), NormalizedUrl = normalized, Title = "", CreatedAt = now };
                    await registry.ApplyAsync(resource, input, cancellationToken);
                    resource.Versions.Add(ResourceRegistry.VersionOf(resource, 1, "imported", null, now));
                    db.Resources.Add(resource);
                    await db.SaveChangesAsync(cancellationToken);
                    added++;
                }
                else
                {
                    var before = ResourceRegistry.VersionOf(existing, existing.Version, null, null, existing.CreatedAt).MetadataJson;
                    var updatedAt = existing.UpdatedAt;
                    existing.Url = input.Url.Trim();
                    await registry.ApplyAsync(existing, input, cancellationToken);
                    var after = ResourceRegistry.VersionOf(existing, existing.Version, null, null, existing.CreatedAt);
                    if (after.MetadataJson == before)
                    {
                        existing.UpdatedAt = updatedAt;
                        db.ChangeTracker.Clear();
                        unchanged++;
                    }
                    else
                    {
                        var current = existing.Versions.Single(v => v.Number == existing.Version);
                        current.Url = after.Url;
                        current.Title = after.Title;
                        current.MetadataJson = after.MetadataJson;
                        await db.SaveChangesAsync(cancellationToken);
                        updated++;
                    }
                }
            }
            catch (ResourceRuleException e)
            {
                db.ChangeTracker.Clear();
                errors.Add(new TransferError(line, e.Field ?? "record", e.Message));
            }

            db.ChangeTracker.Clear();
        }

        return new TransferResult(added, updated, unchanged, errors);
    }

    private static ResourceInput ToInput(TransferRecord record, int line)
    {
        if (string.IsNullOrWhiteSpace(record.Url))
        {
            throw new ResourceRuleException("a URL is required", "url");
        }

        var type = ParseType(record.Type) ?? throw new ResourceRuleException(
            $"'{record.Type}' is not a resource type; use one of {string.Join(", ", Enum.GetNames<ResourceType>())} (or blog, podcast, thread, tweetorial)", "type");
        DateTime? published = null;
        if (!string.IsNullOrWhiteSpace(record.PublishedAt))
        {
            if (!DateTime.TryParse(record.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new ResourceRuleException($"'{record.PublishedAt}' is not a date (use yyyy-mm-dd)", "publishedAt");
            }

            published = parsed;
        }

        _ = line;
        return new ResourceInput
        {
            Url = record.Url.Trim(),
            Type = type,
            Title = record.Title,
            Publisher = record.Publisher,
            Specialty = record.Specialty,
            PublishedAt = published,
            Licence = record.Licence,
            Summary = record.Summary,
            Topics = Split(record.Topics),
            Authors = Split(record.Authors).Select(a => a.StartsWith('@') ? new AuthorInput(null, PersonSlug: a[1..]) : new AuthorInput(a)).ToList(),
        };
    }

    public static ResourceType? ParseType(string? text)
    {
        var key = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).ToLowerInvariant();
        return key switch
        {
            "blog" or "blogpost" or "post" => ResourceType.BlogPost,
            "podcast" or "podcastepisode" or "episode" => ResourceType.PodcastEpisode,
            "video" => ResourceType.Video,
            "thread" or "tweetorial" or "threadtweetorial" => ResourceType.Thread,
            "infographic" => ResourceType.Infographic,
            "slides" or "slidedeck" => ResourceType.Slides,
            "paper" or "article" => ResourceType.Paper,
            _ => null,
        };
    }

    private static List<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Every resource as transfer records, in id order; what <see cref="ImportAsync"/> reads back unchanged.</summary>
    public async Task<IReadOnlyList<TransferRecord>> ExportAsync(CancellationToken cancellationToken = default)
    {
        var resources = await db.Resources.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Person).Include(r => r.Topics).AsSplitQuery().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return resources.Select(r => new TransferRecord
        {
            Url = r.Url,
            Type = r.Type.ToString(),
            Title = r.Title,
            Publisher = r.Publisher,
            Specialty = r.Specialty,
            PublishedAt = r.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Licence = r.Licence,
            Topics = string.Join("; ", r.Topics.Select(t => t.Topic).Order(StringComparer.Ordinal)),
            Authors = string.Join("; ", r.Authors.OrderBy(a => a.Position).Select(a => a.Person is { } p && p.DisplayName == a.Name ? "@" + p.Slug : a.Name)),
            Summary = r.Summary,
        }).ToList();
    }

    public static void WriteCsv(TextWriter writer, IEnumerable<TransferRecord> records)
    {
        writer.WriteLine(string.Join(',', Columns));
        foreach (var r in records)
        {
            writer.WriteLine(string.Join(',', new[] { r.Url, r.Type, r.Title, r.Publisher, r.Specialty, r.PublishedAt, r.Licence, r.Topics, r.Authors, r.Summary }.Select(CsvField)));
        }
    }

    public static string ToJson(IEnumerable<TransferRecord> records) => JsonSerializer.Serialize(records, Json);

    private static string CsvField(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>RFC 4180 records with the line each starts on (quoted fields may hold commas, quotes and line breaks).</summary>
    public static IEnumerable<(int Line, List<string> Fields)> ReadCsv(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (start, fields);
                    fields = [];
                    line++;
                    start = line;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
