using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Web.Features.Check;

/// <summary>
/// The administrators' professionalism settings: blocking and minimum severity, per-category severity and on/off,
/// the combination rule, allowed and denied terms. Saved in the settings table; every change is recorded with who
/// made it and what changed.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class SettingsModel(ProfessionalismService professionalism) : PageModel
{
    public static IReadOnlyList<Severity> Severities { get; } = Enum.GetValues<Severity>();

    public static IReadOnlyList<FindingCategory> Categories { get; } = Enum.GetValues<FindingCategory>();

    [BindProperty]
    public string BlockingSeverity { get; set; } = "";

    [BindProperty]
    public string MinimumSeverity { get; set; } = "";

    [BindProperty]
    public int CombinationThreshold { get; set; }

    [BindProperty]
    public string CombinationSeverity { get; set; } = "";

    /// <summary>The categories whose box is ticked; the others are disabled.</summary>
    [BindProperty]
    public List<string> Enabled { get; set; } = [];

    /// <summary>Category name → severity name, or empty for the detector's own.</summary>
    [BindProperty]
    public Dictionary<string, string> Overrides { get; set; } = [];

    [BindProperty]
    public string? AllowedTerms { get; set; }

    [BindProperty]
    public string? DeniedTerms { get; set; }

    public StoredProfessionalismSettings Stored { get; private set; } = null!;

    public IReadOnlyList<ProfessionalismSettingsChange> Changes { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<string> Saved { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Fill(Stored.Settings);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var document = new SettingsDocument
        {
            BlockingSeverity = BlockingSeverity,
            MinimumSeverity = MinimumSeverity,
            CombinationThreshold = CombinationThreshold,
            CombinationSeverity = CombinationSeverity,
            DisabledCategories = Categories.Select(c => c.ToString()).Where(c => !Enabled.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList(),
            SeverityOverrides = Overrides.Where(o => !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value),
            AllowedTerms = ProfessionalismSettingsRules.ParseTerms(AllowedTerms),
            DeniedTerms = ProfessionalismSettingsRules.ParseTerms(DeniedTerms),
        };
        var settings = document.ToSettings(out var errors);
        if (!ModelState.IsValid)
        {
            errors = errors.Append(new("form", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToArray())).ToDictionary();
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Saved = await professionalism.SaveSettingsAsync(settings, User.Identity?.Name ?? "administrator", cancellationToken);
        Message = Saved.Count == 0 ? "Nothing changed." : "Saved. The check uses the new settings from now on.";
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        Fill(Stored.Settings);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        Saved = await professionalism.SaveSettingsAsync(ProfessionalismSettings.Default, User.Identity?.Name ?? "administrator", cancellationToken);
        Message = Saved.Count == 0 ? "The defaults already apply." : "The default settings apply again.";
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        Fill(Stored.Settings);
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Stored = await professionalism.StoredSettingsAsync(cancellationToken);
        Changes = await professionalism.ChangesAsync(20, cancellationToken);
    }

    private void Fill(ProfessionalismSettings settings)
    {
        BlockingSeverity = settings.BlockingSeverity.ToString();
        MinimumSeverity = settings.MinimumSeverity.ToString();
        CombinationThreshold = settings.CombinationThreshold;
        CombinationSeverity = settings.CombinationSeverity.ToString();
        Enabled = Categories.Where(c => !settings.DisabledCategories.Contains(c)).Select(c => c.ToString()).ToList();
        Overrides = settings.SeverityOverrides.ToDictionary(o => o.Key.ToString(), o => o.Value.ToString());
        AllowedTerms = string.Join('\n', ProfessionalismSettingsRules.Sorted(settings.AllowedTerms));
        DeniedTerms = string.Join('\n', ProfessionalismSettingsRules.Sorted(settings.DeniedTerms));
    }
}
