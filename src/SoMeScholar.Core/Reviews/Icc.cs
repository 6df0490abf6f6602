namespace SoMeScholar.Core.Reviews;

/// <summary>The two-way ANOVA behind the intraclass correlations, and the ICCs of Shrout and Fleiss (1979).</summary>
public sealed record IccResult(int Targets, int Raters, double MeanSquareTargets, double MeanSquareRaters, double MeanSquareError)
{
    /// <summary>
    /// ICC(2,1): two-way random effects, absolute agreement, one rater —
    /// (BMS − EMS) / (BMS + (k−1)·EMS + k·(JMS − EMS)/n).
    /// </summary>
    public double Icc21 => (MeanSquareTargets - MeanSquareError) /
        (MeanSquareTargets + ((Raters - 1) * MeanSquareError) + (Raters * (MeanSquareRaters - MeanSquareError) / Targets));

    /// <summary>ICC(2,k): two-way random effects, absolute agreement, the mean of k raters — (BMS − EMS) / (BMS + (JMS − EMS)/n).</summary>
    public double Icc2k => (MeanSquareTargets - MeanSquareError) / (MeanSquareTargets + ((MeanSquareRaters - MeanSquareError) / Targets));

    /// <summary>ICC(3,1): two-way mixed, consistency, one rater — (BMS − EMS) / (BMS + (k−1)·EMS). Reported for comparison.</summary>
    public double Icc31 => (MeanSquareTargets - MeanSquareError) / (MeanSquareTargets + ((Raters - 1) * MeanSquareError));
}

public static class Icc
{
    /// <summary>
    /// The ANOVA of a complete targets × raters matrix (rows are targets, columns raters). Needs at least two targets
    /// and two raters and no missing value. Returns null when the ICC is undefined (every score identical).
    /// </summary>
    public static IccResult? Compute(double[,] ratings)
    {
        var n = ratings.GetLength(0);
        var k = ratings.GetLength(1);
        if (n < 2 || k < 2)
        {
            throw new ArgumentException("An ICC needs at least two targets and two raters.", nameof(ratings));
        }

        var grand = 0.0;
        var rowMeans = new double[n];
        var columnMeans = new double[k];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var x = ratings[i, j];
                if (double.IsNaN(x))
                {
                    throw new ArgumentException("An ICC needs every target rated by every rater.", nameof(ratings));
                }

                grand += x;
                rowMeans[i] += x / k;
                columnMeans[j] += x / n;
            }
        }

        grand /= n * k;
        double total = 0, rows = 0, columns = 0;
        for (var i = 0; i < n; i++)
        {
            rows += k * Math.Pow(rowMeans[i] - grand, 2);
            for (var j = 0; j < k; j++)
            {
                total += Math.Pow(ratings[i, j] - grand, 2);
            }
        }

        for (var j = 0; j < k; j++)
        {
            columns += n * Math.Pow(columnMeans[j] - grand, 2);
        }

        var error = total - rows - columns;
        var bms = rows / (n - 1);
        var jms = columns / (k - 1);
        var ems = error / ((n - 1) * (k - 1));
        var result = new IccResult(n, k, bms, jms, ems);
        return double.IsFinite(result.Icc21) && double.IsFinite(result.Icc2k) ? result : null;
    }
}
