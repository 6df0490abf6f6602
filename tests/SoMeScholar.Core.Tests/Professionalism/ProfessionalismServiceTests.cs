using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Settings;
using SoMeScholar.Professionalism;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Professionalism;

public class ProfessionalismServiceTests
{
    private const string MediumOnlyDraft = "My patient, a 94-year-old, is doing well after her hip repair.";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Without_saved_settings_the_defaults_apply(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var service = scope.ServiceProvider.GetRequiredService<ProfessionalismService>();

        var stored = await service.StoredSettingsAsync();

        Assert.True(stored.IsDefault);
        Assert.Null(stored.UpdatedAt);
        Assert.Null(stored.Problem);
        Assert.Equal(ProfessionalismSettingsRules.Serialize(ProfessionalismSettings.Default), ProfessionalismSettingsRules.Serialize(stored.Settings));
        Assert.Empty(await service.ChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Saved_settings_round_trip_through_the_store_with_who_and_when(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var settings = EveryFieldChanged();

        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().SaveSettingsAsync(settings, "alice");
        }

        await using (var scope = store.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ProfessionalismService>();
            var stored = await service.StoredSettingsAsync();
            var change = Assert.Single(await service.ChangesAsync());

            Assert.False(stored.IsDefault);
            Assert.Equal("alice", stored.UpdatedBy);
            Assert.NotNull(stored.UpdatedAt);
            Assert.Equal(DateTimeKind.Utc, stored.UpdatedAt!.Value.Kind);
            Assert.Equal(ProfessionalismSettingsRules.Serialize(settings), ProfessionalismSettingsRules.Serialize(stored.Settings));
            Assert.Equal(Severity.Medium, stored.Settings.BlockingSeverity);
            Assert.Equal(Severity.High, stored.Settings.SeverityOverrides[FindingCategory.Place]);
            Assert.Contains(FindingCategory.Profanity, stored.Settings.DisabledCategories);
            Assert.Contains("ST. ELSEWHERE", stored.Settings.AllowedTerms); // read back case-insensitive
            Assert.Equal("alice", change.ChangedBy);
            Assert.Equal(stored.UpdatedAt, change.ChangedAt);
            Assert.Contains("Blocking severity: High → Medium", change.Changes, StringComparison.Ordinal);
            Assert.Contains("Profanity: disabled", change.Changes, StringComparison.Ordinal);
            Assert.Contains("Place severity: detector's own → High", change.Changes, StringComparison.Ordinal);
            Assert.Contains("Allowed terms added: grand rounds, St. Elsewhere", change.Changes, StringComparison.Ordinal);
            Assert.Equal(ProfessionalismSettingsRules.Serialize(settings), change.Settings);
        }

        await using var db = store.NewDb();
        var row = await db.Settings.SingleAsync(s => s.Key == ProfessionalismService.SettingKey);
        Assert.Contains("\"updatedBy\":\"alice\"", row.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_lower_blocking_severity_saved_by_an_administrator_blocks_a_medium_finding(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        bool before;
        await using (var scope = store.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ProfessionalismService>();
            before = (await service.CheckAsync(MediumOnlyDraft)).IsBlocking;
            await service.SaveSettingsAsync(new ProfessionalismSettings { BlockingSeverity = Severity.Medium }, "admin");
        }

        await using (var scope = store.Scope())
        {
            var after = await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().CheckAsync(MediumOnlyDraft);

            Assert.False(before);
            Assert.True(after.IsBlocking);
            Assert.Equal(Severity.Medium, after.BlockingSeverity);
        }
    }

    [Fact]
    public async Task Saving_the_same_settings_again_records_no_change()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        var service = scope.ServiceProvider.GetRequiredService<ProfessionalismService>();

        var first = await service.SaveSettingsAsync(EveryFieldChanged(), "alice");
        var second = await service.SaveSettingsAsync(EveryFieldChanged(), "bob");

        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Equal("alice", Assert.Single(await service.ChangesAsync()).ChangedBy);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_and_nothing_is_stored()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        var service = scope.ServiceProvider.GetRequiredService<ProfessionalismService>();
        var invalid = new ProfessionalismSettings { CombinationThreshold = 9 };

        var error = await Assert.ThrowsAsync<InvalidProfessionalismSettingsException>(() => service.SaveSettingsAsync(invalid, "alice"));

        Assert.Contains(nameof(ProfessionalismSettings.CombinationThreshold), error.Errors.Keys);
        Assert.True((await service.StoredSettingsAsync()).IsDefault);
        await using var db = store.NewDb();
        Assert.Equal(0, await db.ProfessionalismSettingsChanges.CountAsync());
    }

    [Fact]
    public async Task A_stored_row_that_cannot_be_read_falls_back_to_the_defaults_and_says_why()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = store.NewDb())
        {
            db.Settings.Add(new Setting { Key = ProfessionalismService.SettingKey, Value = "{\"settings\":{\"blockingSeverity\":\"Catastrophic\"}}", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var scope = store.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().StoredSettingsAsync();

        Assert.True(stored.IsDefault);
        Assert.Equal(Severity.High, stored.Settings.BlockingSeverity);
        Assert.Contains("cannot be read", stored.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void De_identification_replaces_every_identifier_whatever_minimum_severity_writers_see()
    {
        var settings = new ProfessionalismSettings { MinimumSeverity = Severity.High };
        const string Text = "Interview 3: I grew up in Scranton and trained at Mercy General Hospital.";

        var checkedText = ProfessionalismService.Check(Text, settings);
        var deidentified = ProfessionalismService.Deidentify(Text, settings);

        Assert.DoesNotContain(checkedText.Findings, f => f.Category == FindingCategory.Place);
        Assert.Equal("Interview 3: I grew up in [PLACE] and trained at [PLACE].", deidentified.Text);
    }

    [Fact]
    public void Disabled_categories_and_allowed_terms_apply_to_the_check_and_to_de_identification()
    {
        var settings = new ProfessionalismSettings { DisabledCategories = [FindingCategory.Phone], AllowedTerms = ["Mercy General Hospital"] };
        const string Text = "My patient from Mercy General Hospital called 570-555-0143 last night.";

        var result = ProfessionalismService.Check(Text, settings);
        var deidentified = ProfessionalismService.Deidentify(Text, settings);

        Assert.DoesNotContain(result.Findings, f => f.Category == FindingCategory.Phone || f.Text.Contains("Mercy", StringComparison.Ordinal));
        Assert.Contains("Mercy General Hospital", deidentified.Text, StringComparison.Ordinal);
        Assert.Contains("570-555-0143", deidentified.Text, StringComparison.Ordinal);
        Assert.Contains("[DATE]", deidentified.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_in_de_identification_mode_carries_the_tagged_text_and_each_replacement()
    {
        const string Text = "Mrs. Okafor, 96, was admitted on March 3rd.";

        var report = ProfessionalismService.Report(Text, CheckMode.Deidentify);

        Assert.Equal(CheckMode.Deidentify, report.Mode);
        Assert.Equal("Mrs. [NAME], [AGE], was admitted on [DATE].", report.Deidentified!.Text);
        Assert.All(report.Deidentified.Replacements, r =>
        {
            Assert.Equal(r.OriginalText, Text.Substring(r.OriginalStart, r.OriginalLength));
            Assert.Equal(r.Tag, report.Deidentified.Text.Substring(r.Start, r.Length));
        });
        Assert.All(report.Findings.Where(f => f.Length > 0), f => Assert.Equal(f.Text, Text.Substring(f.Start, f.Length)));
    }

    [Fact]
    public void Attachments_typed_one_a_line_are_read_with_their_descriptions()
    {
        var attachments = ProfessionalismService.ParseAttachments("ct_scan.jpg | CT of the chest\r\n\r\n  notes.pdf  \n| no name");

        Assert.Equal([new AttachmentInfo("ct_scan.jpg", null, "CT of the chest"), new AttachmentInfo("notes.pdf")], attachments);
    }

    private static ProfessionalismSettings EveryFieldChanged() => new()
    {
        BlockingSeverity = Severity.Medium,
        MinimumSeverity = Severity.Low,
        SeverityOverrides = { [FindingCategory.Place] = Severity.High, [FindingCategory.UnsourcedClaim] = Severity.Info },
        DisabledCategories = [FindingCategory.Profanity],
        CombinationThreshold = 3,
        CombinationSeverity = Severity.Medium,
        AllowedTerms = { "St. Elsewhere", " grand rounds " },
        DeniedTerms = { "nope" },
    };
}
