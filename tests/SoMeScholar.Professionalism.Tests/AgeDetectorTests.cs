using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class AgeDetectorTests
{
    [Theory]
    [InlineData("A 92-year-old with sepsis in our ED.", "92-year-old")]
    [InlineData("a 95 yo with new confusion", "95 yo")]
    [InlineData("96 y/o F with a hip fracture", "96 y/o")]
    [InlineData("Mrs. Smith, aged 101, went home.", "aged 101")]
    [InlineData("97M with chest pain", "97M")]
    [InlineData("Mrs. Smith, 96, went home today.", "96")]
    [InlineData("Our patient turned 100 on the ward!", "turned 100")]
    public void Flags_ages_over_89_in_every_written_form(string text, string age) => Check.Flags(text, Age, age);

    [Theory]
    [InlineData("An 89-year-old with delirium after hip surgery.")]
    [InlineData("A 45 yo with chest pain, HEART score 3.")]
    [InlineData("Patient's HR 110, K 96 mmol... no, Na 132.")]
    [InlineData("Ward 92 is closed for cleaning.")]
    public void Does_not_flag_ages_up_to_89_or_other_numbers(string text) => Check.DoesNotFlag(text, Age);

    [Fact]
    public void Suggests_grouping_the_age_as_over_90() =>
        Assert.Equal("over 90", Check.Findings("A 92-year-old with sepsis.").Single(f => f.Category == Age).Replacement);
}
