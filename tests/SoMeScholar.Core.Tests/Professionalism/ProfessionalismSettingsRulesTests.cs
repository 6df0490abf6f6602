using System.Text.Json;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Tests.Professionalism;

public class ProfessionalismSettingsRulesTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(ProfessionalismSettingsRules.Validate(ProfessionalismSettings.Default));
    }

    [Theory]
    [InlineData("BlockingSeverity")]
    [InlineData("MinimumSeverity")]
    [InlineData("CombinationThreshold")]
    [InlineData("DeniedTerms")]
    [InlineData("AllowedTerms")]
    public void Each_rule_names_the_field_it_refuses(string field)
    {
        var settings = field switch
        {
            "BlockingSeverity" => new ProfessionalismSettings { BlockingSeverity = Severity.Info },
            "MinimumSeverity" => new ProfessionalismSettings { MinimumSeverity = Severity.High, BlockingSeverity = Severity.Medium },
            "CombinationThreshold" => new ProfessionalismSettings { CombinationThreshold = 1 },
            "DeniedTerms" => new ProfessionalismSettings { AllowedTerms = { "gomer" }, DeniedTerms = { "GOMER" } },
            _ => new ProfessionalismSettings { AllowedTerms = { new string('x', ProfessionalismSettingsRules.MaxTermLength + 1) } },
        };

        var errors = ProfessionalismSettingsRules.Validate(settings);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Stored_json_is_stable_and_reads_back_the_same()
    {
        var settings = new ProfessionalismSettings { AllowedTerms = { "zeta", " Alpha ", "alpha" }, SeverityOverrides = { [FindingCategory.Date] = Severity.High } };

        var json = ProfessionalismSettingsRules.Serialize(settings);
        var back = ProfessionalismSettingsRules.Deserialize(json);

        Assert.Contains("\"allowedTerms\":[\"Alpha\",\"zeta\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"blockingSeverity\":\"High\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ProfessionalismSettingsRules.Serialize(back));
    }

    [Fact]
    public void Unknown_names_in_a_settings_document_are_reported_by_field()
    {
        var document = new SettingsDocument
        {
            BlockingSeverity = "severe",
            DisabledCategories = ["profanity", "gossip"],
            SeverityOverrides = new Dictionary<string, string> { ["place"] = "high", ["weather"] = "low" },
        };

        var settings = document.ToSettings(out var errors);

        Assert.Contains("blockingSeverity", errors.Keys);
        Assert.Contains("gossip", errors["disabledCategories"][0], StringComparison.Ordinal);
        Assert.Contains("weather", errors["severityOverrides"][0], StringComparison.Ordinal);
        Assert.Contains(FindingCategory.Profanity, settings.DisabledCategories);
        Assert.Equal(Severity.High, settings.SeverityOverrides[FindingCategory.Place]);
    }

    [Fact]
    public void A_settings_document_round_trips_through_json_with_camel_case_names()
    {
        var settings = new ProfessionalismSettings { BlockingSeverity = Severity.Medium, DisabledCategories = [FindingCategory.UnsourcedClaim], DeniedTerms = { "meh" } };

        var json = JsonSerializer.Serialize(SettingsDocument.From(settings), ProfessionalismSettingsRules.Json);
        var back = JsonSerializer.Deserialize<SettingsDocument>(json, ProfessionalismSettingsRules.Json)!.ToSettings(out var errors);

        Assert.Empty(errors);
        Assert.Contains("\"disabledCategories\":[\"unsourcedClaim\"]", json, StringComparison.Ordinal);
        Assert.Equal(ProfessionalismSettingsRules.Serialize(settings), ProfessionalismSettingsRules.Serialize(back));
    }

    [Fact]
    public void Terms_typed_one_a_line_or_with_commas_are_trimmed_and_deduplicated()
    {
        Assert.Equal(["St. Elsewhere", "gomer", "Grand rounds"], ProfessionalismSettingsRules.ParseTerms(" St. Elsewhere \r\ngomer, GOMER\n\nGrand rounds"));
    }
}
