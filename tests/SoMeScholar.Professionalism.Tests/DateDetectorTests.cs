using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class DateDetectorTests
{
    [Theory]
    [InlineData("Pt was admitted on March 3rd with DKA.", "March 3rd")]
    [InlineData("Patient admitted 3/14 with DKA.", "3/14")]
    [InlineData("Patient admitted 12/03/2023 with DKA.", "12/03/2023")]
    [InlineData("Patient admitted 2023-08-09 with DKA.", "2023-08-09")]
    [InlineData("Patient admitted on the 14th with DKA.", "14th")]
    [InlineData("Patient admitted on the 5th of May with DKA.", "5th of May")]
    [InlineData("Patient admitted in March 2021 with DKA.", "March 2021")]
    public void Flags_dates_more_specific_than_the_year_in_a_case(string text, string date) => Check.Flags(text, Date, date);

    [Theory]
    [InlineData("Last night a patient came in with a GI bleed.", "Last night")]
    [InlineData("Our patient coded this morning. ROSC after 14 min.", "this morning")]
    [InlineData("Saw a patient on Tuesday with a flexor tendon injury.", "on Tuesday")]
    [InlineData("Yesterday my patient was discharged.", "Yesterday")]
    public void Flags_relative_times_that_date_a_case(string text, string when) => Check.Flags(text, Date, when);

    [Theory]
    [InlineData("In 2019 we changed our sepsis protocol; mortality fell.")]
    [InlineData("On March 3rd our department hosts a wellness workshop.")]
    [InlineData("Tuesday journal club: the ARDSNet trial. Join us!")]
    [InlineData("The patient had 4/5 strength in the left arm.")]
    [InlineData("Patient's BP 120/80, HR 72, hgb 5.1.")]
    [InlineData("About 2/3 of patients improved.")]
    public void Does_not_flag_years_event_dates_or_fractions(string text) => Check.DoesNotFlag(text, Date);
}
