using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Mentors.Evaluation;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Mentors;

public class MentorEvaluationTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void On_the_seeded_demo_community_the_recommender_beats_most_followed_and_same_community_random()
    {
        var report = MentorEvaluation.Run(EvaluationNetwork.FromDemo(DemoCommunity.DefaultSeed), new EvaluationOptions());

        var recommender = report.Method(EvaluationReport.Recommender);
        Assert.True(report.Queries > 1_000, $"{report.Queries} accounts queried");
        Assert.True(report.RecommenderBeatsBaselines, report.ToTable());
        // Margins, so a regression that merely ties the baselines fails too.
        Assert.True(recommender.RecallAtK > 2 * report.Method(EvaluationReport.MostFollowed).RecallAtK, report.ToTable());
        Assert.True(recommender.RecallAtK > 2 * report.Method(EvaluationReport.SameCommunityRandom).RecallAtK, report.ToTable());
        Assert.True(recommender.Mrr > 2 * report.Method(EvaluationReport.SameCommunityRandom).Mrr, report.ToTable());
    }

    [Fact]
    public void On_the_network_science_coauthorship_graph_the_recommender_beats_both_baselines()
    {
        var network = EvaluationNetwork.FromEdgeList(SharedFiles.Graph("gt-netscience.edges.gz"), directed: false);

        var report = MentorEvaluation.Run(network, new EvaluationOptions());

        Assert.Equal(1_461, report.Accounts);
        Assert.True(report.Queries > 300, $"{report.Queries} accounts queried");
        Assert.True(report.RecommenderBeatsBaselines, report.ToTable());
    }

    [Fact]
    public void The_evaluation_is_reproducible_for_a_seed_and_changes_with_another()
    {
        var network = EvaluationNetwork.FromEdgeList(SharedFiles.Graph("gt-lesmis.edges.gz"), directed: false);

        var first = MentorEvaluation.Run(network, new EvaluationOptions { Seed = 7 });
        var again = MentorEvaluation.Run(network, new EvaluationOptions { Seed = 7 });
        var other = MentorEvaluation.Run(network, new EvaluationOptions { Seed = 8 });

        Assert.Equal(first.Methods, again.Methods);
        Assert.NotEqual(first.Method(EvaluationReport.Random), other.Method(EvaluationReport.Random));
    }

    [Fact]
    public void Hiding_twenty_percent_of_ties_hides_one_fifth_of_each_queried_accounts_partners_rounded_down()
    {
        // A star with 10 leaves and a ring among the leaves: the hub has 10 partners (2 hidden), each leaf 3 (none).
        var path = Path.Combine(Path.GetTempPath(), $"star-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, Enumerable.Range(1, 10).Select(i => $"0 {i}").Concat(Enumerable.Range(1, 10).Select(i => $"{i} {(i % 10) + 1}")));
        try
        {
            var report = MentorEvaluation.Run(EvaluationNetwork.FromEdgeList(path, directed: false), new EvaluationOptions());

            Assert.Equal(1, report.Queries);
            Assert.Equal(2, report.HiddenPairs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_malformed_edge_list_names_the_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["# comment", "1 2", "3"]);
        try
        {
            var error = Assert.Throws<FormatException>(() => EvaluationNetwork.FromEdgeList(path, directed: false));

            Assert.Contains(":3:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
