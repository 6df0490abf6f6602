using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class PlaceDetectorTests
{
    [Theory]
    [InlineData("Patient admitted to St. Mary's ICU with DKA.", "St. Mary's ICU")]
    [InlineData("Patient transferred from Mercy General Hospital overnight.", "Mercy General Hospital")]
    [InlineData("Our patient in bay 4 keeps asking for her cat.", "bay 4")]
    [InlineData("Patient in Ward 7B pulled his NG tube.", "Ward 7B")]
    [InlineData("Patient brought in from 1423 Maple Avenue after a fire.", "1423 Maple Avenue")]
    [InlineData("A patient from Tulsa walked into triage.", "Tulsa")]
    [InlineData("A patient from Oakhurstville walked into triage.", "Oakhurstville")]
    public void Flags_places_smaller_than_a_state_in_a_case(string text, string place) => Check.Flags(text, Place, place);

    [Theory]
    [InlineData("Just landed in Chicago for #ACEP2023! Who's around?")]
    [InlineData("Congrats to our residents who matched at Cleveland Clinic and UCSF!")]
    [InlineData("A patient from Texas with a snake bite: what antivenom?")]
    [InlineData("Mayo Clinic just published updated guidance on statins.")]
    public void Does_not_flag_states_or_public_places_with_no_patient(string text) => Check.DoesNotFlag(text, Place);
}
