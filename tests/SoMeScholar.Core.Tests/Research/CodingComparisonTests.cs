using SoMeScholar.Core.Research;

namespace SoMeScholar.Core.Tests.Research;

/// <summary>
/// NVivo's Coding Comparison (anchors-domain.md section 10): per code and source, units are characters; percentage
/// agreement = (both + neither) / total; K = (TA − ΣEF) / (TU − ΣEF) with EF1 = A·B/TU and EF2 = (TU−A)(TU−B)/TU.
/// </summary>
public class CodingComparisonTests
{
    private static readonly string Thousand = new('x', 1000);

    [Fact]
    public void Percentage_agreement_is_85_percent_on_NVivos_worked_example_of_1000_characters_50_coded_by_both_150_by_one_800_by_neither()
    {
        // A codes [0,150), B codes [100,200): both 50 (100..150), one only 150 (A 100, B 50), neither 800.
        var counts = CodingComparison.Compare(Thousand, [new TextSpan(0, 150)], [new TextSpan(100, 200)]);

        Assert.Equal(1000, counts.TotalUnits);
        Assert.Equal(50, counts.Both);
        Assert.Equal(150, counts.Disagreement);
        Assert.Equal(800, counts.Neither);
        Assert.Equal(85.0, counts.PercentAgreement, 10);
    }

    [Fact]
    public void Kappa_of_the_worked_example_is_the_hand_computed_70_over_220()
    {
        // A coded 150, B coded 100. EF1 = 150·100/1000 = 15; EF2 = 850·900/1000 = 765; ΣEF = 780;
        // K = (850 − 780) / (1000 − 780) = 70/220 = 0.318181...
        var counts = CodingComparison.Compare(Thousand, [new TextSpan(0, 150)], [new TextSpan(100, 200)]);

        Assert.Equal(15.0, counts.ExpectedCodedByBoth, 10);
        Assert.Equal(765.0, counts.ExpectedCodedByNeither, 10);
        Assert.Equal(70.0 / 220.0, counts.Kappa, 12);
    }

    [Fact]
    public void Kappa_depends_on_how_the_one_coder_units_split_between_the_coders()
    {
        // Same 50/150/800, but all 150 disagreeing units are A's: A coded 200, B coded 50.
        // EF1 = 200·50/1000 = 10; EF2 = 800·950/1000 = 760; K = (850 − 770) / (1000 − 770) = 80/230.
        var counts = CodingComparison.Compare(Thousand, [new TextSpan(0, 200)], [new TextSpan(150, 200)]);

        Assert.Equal(85.0, counts.PercentAgreement, 10);
        Assert.Equal(80.0 / 230.0, counts.Kappa, 12);
    }

    [Fact]
    public void Complete_agreement_gives_kappa_1_including_when_neither_coder_coded_anything()
    {
        var same = CodingComparison.Compare(Thousand, [new TextSpan(10, 90)], [new TextSpan(10, 90)]);
        var none = CodingComparison.Compare(Thousand, [], []);

        Assert.Equal(1.0, same.Kappa);
        Assert.Equal(100.0, same.PercentAgreement);
        Assert.Equal(1.0, none.Kappa);
        Assert.Equal(100.0, none.PercentAgreement);
    }

    [Fact]
    public void Disjoint_codings_of_everything_give_no_agreement_beyond_chance()
    {
        var counts = CodingComparison.Compare(Thousand, [new TextSpan(0, 500)], [new TextSpan(500, 1000)]);

        Assert.Equal(0.0, counts.PercentAgreement);
        Assert.True(counts.Kappa <= 0);
    }

    [Fact]
    public void Overlapping_codings_by_one_coder_count_each_character_once()
    {
        var counts = CodingComparison.Compare(Thousand, [new TextSpan(0, 100), new TextSpan(50, 150), new TextSpan(150, 160)], [new TextSpan(0, 160)]);

        Assert.Equal(160, counts.CodedByA);
        Assert.Equal(160, counts.Both);
        Assert.Equal(1.0, counts.Kappa);
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_one_unit_although_it_takes_two_code_units()
    {
        var text = "ab\U0001F600cd"; // a, b, 😀 (two UTF-16 units), c, d: five characters
        var counts = CodingComparison.Compare(text, [new TextSpan(2, 4)], []);

        Assert.Equal(5, counts.TotalUnits);
        Assert.Equal(1, counts.CodedByA);
        Assert.Equal(80.0, counts.PercentAgreement, 10);
    }

    [Fact]
    public void Kappa_equals_Cohens_kappa_computed_character_by_character_on_random_codings()
    {
        var random = new Random(20261121);
        for (var round = 0; round < 50; round++)
        {
            var length = random.Next(1, 400);
            var text = new string('y', length);
            var a = Spans(random, length);
            var b = Spans(random, length);

            var counts = CodingComparison.Compare(text, a, b);

            // Cohen's kappa from the 2×2 table of characters: p_o observed agreement, p_e chance agreement.
            var codedA = new bool[length];
            var codedB = new bool[length];
            a.ForEach(s => Array.Fill(codedA, true, s.Start, s.Length));
            b.ForEach(s => Array.Fill(codedB, true, s.Start, s.Length));
            double both = 0, onlyA = 0, onlyB = 0, neither = 0;
            for (var i = 0; i < length; i++)
            {
                _ = (codedA[i], codedB[i]) switch
                {
                    (true, true) => both++,
                    (true, false) => onlyA++,
                    (false, true) => onlyB++,
                    _ => neither++,
                };
            }

            var observed = (both + neither) / length;
            var chance = ((both + onlyA) / length * ((both + onlyB) / length)) + ((onlyB + neither) / length * ((onlyA + neither) / length));
            var expected = observed == 1 ? 1 : (observed - chance) / (1 - chance);
            Assert.Equal(100 * observed, counts.PercentAgreement, 9);
            Assert.Equal(expected, counts.Kappa, 9);
        }
    }

    [Fact]
    public void Disagreements_list_each_stretch_only_one_coder_coded()
    {
        var ranges = CodingComparison.Disagreements(Thousand, [new TextSpan(0, 150)], [new TextSpan(100, 200), new TextSpan(300, 310)]);

        Assert.Equal(
            [new DisagreementRange(new TextSpan(0, 100), true), new DisagreementRange(new TextSpan(150, 200), false), new DisagreementRange(new TextSpan(300, 310), false)],
            ranges);
    }

    [Fact]
    public void Pooled_counts_add_characters_of_each_comparison()
    {
        var first = CodingComparison.Compare(Thousand, [new TextSpan(0, 150)], [new TextSpan(100, 200)]);
        var second = CodingComparison.Compare(new string('z', 100), [new TextSpan(0, 100)], [new TextSpan(0, 100)]);

        var pooled = first + second;

        Assert.Equal(new AgreementCounts(1100, 250, 200, 150), pooled);
        Assert.Equal(950.0 / 1100 * 100, pooled.PercentAgreement, 10);
    }

    private static List<TextSpan> Spans(Random random, int length)
    {
        var spans = new List<TextSpan>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var start = random.Next(0, length);
            spans.Add(new TextSpan(start, random.Next(start + 1, length + 1)));
        }

        return spans;
    }
}
