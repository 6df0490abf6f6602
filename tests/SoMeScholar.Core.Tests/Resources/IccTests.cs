using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Tests.Resources;

public class IccTests
{
    /// <summary>Shrout and Fleiss (1979), Table 2: six targets rated by four judges.</summary>
    private static readonly double[,] ShroutFleiss =
    {
        { 9, 2, 5, 8 },
        { 6, 1, 3, 2 },
        { 8, 4, 6, 8 },
        { 7, 1, 2, 6 },
        { 10, 5, 6, 9 },
        { 6, 2, 4, 7 },
    };

    [Fact]
    public void Reproduces_the_Shrout_and_Fleiss_worked_example()
    {
        var icc = Icc.Compute(ShroutFleiss)!;

        // Their ANOVA: BMS 11.24, JMS 32.49, EMS 1.02; ICC(2,1) = .29, ICC(2,4) = .62, ICC(3,1) = .71.
        Assert.Equal(11.24, icc.MeanSquareTargets, 2);
        Assert.Equal(32.49, icc.MeanSquareRaters, 2);
        Assert.Equal(1.02, icc.MeanSquareError, 2);
        Assert.Equal(0.29, icc.Icc21, 2);
        Assert.Equal(0.62, icc.Icc2k, 2);
        Assert.Equal(0.71, icc.Icc31, 2);
    }

    [Fact]
    public void Raters_in_perfect_agreement_give_an_ICC_of_one()
    {
        var icc = Icc.Compute(new double[,] { { 1, 1, 1 }, { 2, 2, 2 }, { 3, 3, 3 } })!;

        Assert.Equal(1.0, icc.Icc21, 9);
        Assert.Equal(1.0, icc.Icc2k, 9);
    }

    [Fact]
    public void Identical_scores_everywhere_leave_the_ICC_undefined()
    {
        Assert.Null(Icc.Compute(new double[,] { { 2, 2 }, { 2, 2 } }));
    }

    [Fact]
    public void A_single_rater_or_a_missing_score_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Icc.Compute(new double[,] { { 1 }, { 2 } }));
        Assert.Throws<ArgumentException>(() => Icc.Compute(new double[,] { { 1, double.NaN }, { 2, 3 } }));
    }
}
