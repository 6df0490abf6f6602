using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Settings;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Professionalism;

/// <summary>
/// The one entry point to the professionalism check for every host and capability (the /Check page, the JSON API,
/// <c>somescholar check</c>, the live wall, discussion moderation, the research toolkit's de-identification). It loads
/// the administrators' settings from the store (the defaults when none were saved) and runs the engine of
/// <c>SoMeScholar.Professionalism</c> with them. The static methods run the same check with given settings and no
/// store (the command line's default). Nothing checked is stored: only the settings and their change history are.
/// </summary>
public sealed class ProfessionalismService(ScholarDb db, TimeProvider clock)
{
    /// <summary>The key of the settings row (table <c>settings</c>) that holds the administrators' settings as JSON.</summary>
    public const string SettingKey = "professionalism.settings";

    /// <summary>The longest text the web page and the API accept (about 30,000 words: a long interview transcript).</summary>
    public const int MaxTextLength = 200_000;

    /// <summary>The most attachments one draft may list.</summary>
    public const int MaxAttachments = 20;

    private StoredProfessionalismSettings? _stored;

    /// <summary>Checks a draft with the given settings (the defaults when null), without a store.</summary>
    public static CheckResult Check(string text, ProfessionalismSettings? settings = null, IReadOnlyList<AttachmentInfo>? attachments = null, IReadOnlyCollection<string>? knownNames = null) =>
        ProfessionalismChecker.Check(text, new CheckOptions
        {
            Settings = settings ?? ProfessionalismSettings.Default,
            Attachments = attachments ?? [],
            KnownNames = knownNames ?? [],
        });

    /// <summary>
    /// Replaces identifiers with tags ([NAME], [DATE]...) with the given settings, without a store. Identifiers count
    /// wherever they are (not only near a case story), and every severity is replaced whatever the minimum severity
    /// the settings hide from writers; disabled categories and allowed terms apply.
    /// </summary>
    public static DeidentifiedText Deidentify(string text, ProfessionalismSettings? settings = null, IReadOnlyCollection<string>? knownNames = null) =>
        ProfessionalismChecker.Deidentify(text, DeidentifyOptions(settings, knownNames));

    /// <summary>The report the API and <c>somescholar check --format json</c> print, without a store.</summary>
    public static CheckReport Report(string text, CheckMode mode, ProfessionalismSettings? settings = null, IReadOnlyList<AttachmentInfo>? attachments = null, IReadOnlyCollection<string>? knownNames = null)
    {
        if (mode == CheckMode.Deidentify)
        {
            var options = DeidentifyOptions(settings, knownNames) with { Attachments = attachments ?? [] };
            return CheckReport.From(ProfessionalismChecker.Check(text, options), mode, ProfessionalismChecker.Deidentify(text, options with { Attachments = [] }));
        }

        return CheckReport.From(Check(text, settings, attachments, knownNames), mode);
    }

    /// <summary>
    /// Attachments typed one a line, as "file name" or "file name | description (alt text)". The media type is taken
    /// from the extension by the check.
    /// </summary>
    public static IReadOnlyList<AttachmentInfo> ParseAttachments(string? lines) =>
        (lines ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts[0].Length > 0)
            .Select(parts => new AttachmentInfo(parts[0], null, parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null))
            .ToList();

    /// <summary>The combination rule in plain words, with this site's threshold.</summary>
    public static string CombinationExplanation(ProfessionalismSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.CombinationThreshold <= 0 || settings.DisabledCategories.Contains(FindingCategory.CombinationRisk)
            ? "The combination rule is switched off on this site."
            : string.Create(CultureInfo.InvariantCulture,
                $"A date, an age over 89 or a place is shared by many patients, so each alone is a low or medium risk. Together they narrow a story down to very few people, and the staff, the family and the neighbours know when and where things happened. So when one passage of a case story holds {settings.CombinationThreshold} or more kinds of identifying detail, at least one of them a date, age or place, the check adds one {settings.CombinationSeverity.ToString().ToLowerInvariant()}-severity finding over all of them. Generalise or remove all but one of them.");
    }

    /// <summary>The administrators' settings, or the defaults when none were saved (read once per scope).</summary>
    public async Task<ProfessionalismSettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        (await StoredSettingsAsync(cancellationToken)).Settings;

    /// <summary>The stored settings with who saved them and when; the defaults (IsDefault) when none were saved.</summary>
    public async Task<StoredProfessionalismSettings> StoredSettingsAsync(CancellationToken cancellationToken = default)
    {
        if (_stored is not null)
        {
            return _stored;
        }

        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        _stored = row is null ? new StoredProfessionalismSettings(ProfessionalismSettings.Default, true, null, null, null) : Read(row);
        return _stored;
    }

    /// <summary>Checks a draft with the administrators' settings.</summary>
    public async Task<CheckResult> CheckAsync(string text, IReadOnlyList<AttachmentInfo>? attachments = null, IReadOnlyCollection<string>? knownNames = null, CancellationToken cancellationToken = default) =>
        Check(text, await SettingsAsync(cancellationToken), attachments, knownNames);

    /// <summary>De-identifies a text with the administrators' settings (see <see cref="Deidentify"/>).</summary>
    public async Task<DeidentifiedText> DeidentifyAsync(string text, IReadOnlyCollection<string>? knownNames = null, CancellationToken cancellationToken = default) =>
        Deidentify(text, await SettingsAsync(cancellationToken), knownNames);

    /// <summary>The API's report with the administrators' settings.</summary>
    public async Task<CheckReport> ReportAsync(string text, CheckMode mode, IReadOnlyList<AttachmentInfo>? attachments = null, IReadOnlyCollection<string>? knownNames = null, CancellationToken cancellationToken = default) =>
        Report(text, mode, await SettingsAsync(cancellationToken), attachments, knownNames);

    /// <summary>
    /// Validates and saves the settings, recording who changed what. Returns the changes in plain words (empty when
    /// nothing changed, in which case nothing is written).
    /// </summary>
    /// <exception cref="InvalidProfessionalismSettingsException">The settings break a rule of <see cref="ProfessionalismSettingsRules.Validate"/>.</exception>
    public async Task<IReadOnlyList<string>> SaveSettingsAsync(ProfessionalismSettings settings, string changedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var errors = ProfessionalismSettingsRules.Validate(settings);
        if (errors.Count > 0)
        {
            throw new InvalidProfessionalismSettingsException(errors);
        }

        _stored = null;
        var before = await StoredSettingsAsync(cancellationToken);
        var after = ProfessionalismSettingsRules.Normalised(settings);
        var changes = ProfessionalismSettingsRules.Describe(before.Settings, after);
        if (changes.Count == 0)
        {
            return changes;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settingsJson = ProfessionalismSettingsRules.Serialize(after);
        var envelope = new JsonObject
        {
            ["updatedBy"] = changedBy,
            ["settings"] = JsonNode.Parse(settingsJson),
        }.ToJsonString();
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        if (row is null)
        {
            db.Settings.Add(new Setting { Key = SettingKey, Value = envelope, UpdatedAt = now });
        }
        else
        {
            row.Value = envelope;
            row.UpdatedAt = now;
        }

        db.ProfessionalismSettingsChanges.Add(new ProfessionalismSettingsChange
        {
            ChangedAt = now,
            ChangedBy = changedBy,
            Changes = string.Join('\n', changes),
            Settings = settingsJson,
        });
        await db.SaveChangesAsync(cancellationToken);
        _stored = new StoredProfessionalismSettings(after, false, now, changedBy, null);
        return changes;
    }

    /// <summary>The latest changes to the settings, newest first.</summary>
    public async Task<IReadOnlyList<ProfessionalismSettingsChange>> ChangesAsync(int count = 20, CancellationToken cancellationToken = default) =>
        await db.ProfessionalismSettingsChanges.AsNoTracking()
            .OrderByDescending(c => c.Id)
            .Take(Math.Clamp(count, 1, 1000))
            .ToListAsync(cancellationToken);

    private static CheckOptions DeidentifyOptions(ProfessionalismSettings? settings, IReadOnlyCollection<string>? knownNames)
    {
        var copy = ProfessionalismSettingsRules.Normalised(settings ?? ProfessionalismSettings.Default);
        copy.MinimumSeverity = Severity.Info;
        return new CheckOptions { Settings = copy, KnownNames = knownNames ?? [], FlagIdentifiersOutsideCaseStories = true };
    }

    /// <summary>
    /// Reads the stored row. A row that cannot be read (edited by hand, written by a newer version) falls back to the
    /// defaults rather than switching the check off, and says why so the settings page can show it.
    /// </summary>
    private static StoredProfessionalismSettings Read(Setting row)
    {
        try
        {
            using var document = JsonDocument.Parse(row.Value);
            var root = document.RootElement;
            var hasEnvelope = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("settings", out _);
            var settingsJson = hasEnvelope ? root.GetProperty("settings").GetRawText() : root.GetRawText();
            var updatedBy = hasEnvelope && root.TryGetProperty("updatedBy", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null;
            var settings = ProfessionalismSettingsRules.Deserialize(settingsJson);
            var errors = ProfessionalismSettingsRules.Validate(settings);
            return errors.Count == 0
                ? new StoredProfessionalismSettings(settings, false, row.UpdatedAt, updatedBy, null)
                : new StoredProfessionalismSettings(ProfessionalismSettings.Default, true, row.UpdatedAt, updatedBy,
                    "The stored settings break a rule (" + string.Join(" ", errors.SelectMany(e => e.Value)) + "); the defaults apply until they are saved again.");
        }
        catch (JsonException e)
        {
            return new StoredProfessionalismSettings(ProfessionalismSettings.Default, true, row.UpdatedAt, null,
                $"The stored settings cannot be read ({e.Message}); the defaults apply until they are saved again.");
        }
    }
}

/// <summary>The administrators' professionalism settings as stored.</summary>
/// <param name="Settings">What the check runs with (the defaults when none were saved or the row cannot be read).</param>
/// <param name="IsDefault">True when the defaults apply.</param>
/// <param name="UpdatedAt">When they were last saved.</param>
/// <param name="UpdatedBy">Who saved them last.</param>
/// <param name="Problem">Why a stored row was not used, when it was not.</param>
public sealed record StoredProfessionalismSettings(ProfessionalismSettings Settings, bool IsDefault, DateTime? UpdatedAt, string? UpdatedBy, string? Problem);

/// <summary>Settings that break a rule; <see cref="Errors"/> lists the problems by field, as a form or problem details show them.</summary>
public sealed class InvalidProfessionalismSettingsException : Exception
{
    public InvalidProfessionalismSettingsException(IReadOnlyDictionary<string, string[]> errors)
        : base("The professionalism settings are not valid: " + string.Join(" ", errors.SelectMany(e => e.Value))) => Errors = errors;

    public InvalidProfessionalismSettingsException() : this(new Dictionary<string, string[]>())
    {
    }

    public InvalidProfessionalismSettingsException(string message) : base(message) => Errors = new Dictionary<string, string[]>();

    public InvalidProfessionalismSettingsException(string message, Exception innerException) : base(message, innerException) => Errors = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
