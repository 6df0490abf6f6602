using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Tests.Mentors;

/// <summary>The scorer on a hand-built index: trainee 0; mentors A (1), B (2), C (3), D (4, French only), E (5, surgery); 6-9 others.</summary>
public class MentorScorerTests
{
    private const int Trainee = 0;
    private static readonly DateTime Now = new(2026, 10, 30, 12, 0, 0, DateTimeKind.Utc);

    private static MentorIndex BuildIndex()
    {
        var builder = new MentorIndexBuilder(10, Now);
        builder.AddMentor(Mentor(101, "A", [1]));
        builder.AddMentor(Mentor(102, "B", [2]));
        builder.AddMentor(Mentor(103, "C", [3]));
        builder.AddMentor(Mentor(104, "D", [4]) with { Languages = ["fr"] });
        builder.AddMentor(Mentor(105, "E", [5]) with { Topics = ["operative autonomy"] });
        builder.MarkTrainee(Trainee);

        // The trainee follows 6, 7 and 8; 6 and 7 follow A; 8 follows B; A and B also follow 9, which the trainee follows too.
        foreach (var f in new[] { 6, 7, 8, 9 })
        {
            builder.AddFollow(Trainee, f);
        }

        builder.AddFollow(6, 1);
        builder.AddFollow(7, 1);
        builder.AddFollow(8, 2);
        builder.AddFollow(1, 9);
        builder.AddFollow(2, 9);

        // A replies to the trainee; B replies to someone else.
        builder.AddEngagement(1, Trainee, SoMeScholar.Importers.InteractionKind.Reply, Now.AddDays(-3));
        builder.AddEngagement(2, 6, SoMeScholar.Importers.InteractionKind.Reply, Now.AddDays(-3));

        // A, B, C and D post about #POCUS every week for 13 weeks; E posts about surgery.
        for (var week = 0; week < 13; week++)
        {
            var at = Now.AddDays(-7 * week - 1);
            foreach (var author in new[] { 1, 2, 3, 4 })
            {
                builder.AddPost(author, at, "Five pearls on point-of-care ultrasound #POCUS");
            }

            builder.AddPost(5, at, "Operative autonomy for residents #SurgEd");
        }

        return builder.Build();
    }

    private static IndexedMentor Mentor(long id, string name, int[] accounts) =>
        new(id, id * 10, name, "Emergency Medicine", CareerStage.MidCareer, "Europe/London", ["en"], MentoringAreas.Career | MentoringAreas.Research, 2, [], accounts);

    private static MentorQuery Query() => new()
    {
        Topics = ["point-of-care ultrasound"],
        Hashtags = ["POCUS"],
        CareerStage = CareerStage.Resident,
        TimeZone = "Europe/London",
        Languages = ["en"],
        TraineeAccounts = [Trainee],
        TraineePersonId = 1,
    };

    private static MentorAvailability[] AllOpen(MentorIndex index) => Enumerable.Repeat(MentorAvailability.Open(2), index.MentorCount).ToArray();

    [Fact]
    public void Network_proximity_ranks_the_mentor_followed_by_more_of_the_trainees_follows_first_and_says_so()
    {
        var index = BuildIndex();

        var ranked = MentorScorer.Recommend(index, Query(), RecommenderWeights.Default, AllOpen(index), 5);

        Assert.Equal("A", index.Mentors[ranked[0].Mentor].DisplayName);
        Assert.Equal("B", index.Mentors[ranked[1].Mentor].DisplayName);
        var reason = ReasonWriter.Sentence(ranked[0].Evidence!, "Emergency Medicine");
        Assert.Contains("2 people you follow follow them", reason, StringComparison.Ordinal);
        Assert.Contains("you both follow 1 of the same account", reason, StringComparison.Ordinal);
        Assert.StartsWith("Posts about #pocus weekly (13 posts", reason, StringComparison.Ordinal);
        Assert.Contains("you have interacted before", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mentor_who_is_not_available_is_never_recommended()
    {
        var index = BuildIndex();
        var availability = AllOpen(index);
        availability[index.MentorByProfile(101)] = MentorAvailability.Closed;

        var ranked = MentorScorer.Recommend(index, Query(), RecommenderWeights.Default, availability, 10);

        Assert.DoesNotContain(ranked, r => index.Mentors[r.Mentor].ProfileId == 101);
        Assert.Equal("B", index.Mentors[ranked[0].Mentor].DisplayName);
    }

    [Fact]
    public void Mentors_who_share_no_language_with_the_trainee_are_skipped_unless_the_weights_allow_them()
    {
        var index = BuildIndex();

        var strict = MentorScorer.Recommend(index, Query(), RecommenderWeights.Default, AllOpen(index), 10);
        var relaxed = MentorScorer.Recommend(index, Query(), RecommenderWeights.Default with { RequireSharedLanguage = false }, AllOpen(index), 10);

        Assert.DoesNotContain(strict, r => index.Mentors[r.Mentor].DisplayName == "D");
        Assert.Contains(relaxed, r => index.Mentors[r.Mentor].DisplayName == "D");
    }

    [Fact]
    public void The_trainees_own_mentor_profile_is_never_recommended_to_them()
    {
        var index = BuildIndex();

        var ranked = MentorScorer.Recommend(index, Query() with { TraineePersonId = 1010 }, RecommenderWeights.Default, AllOpen(index), 10);

        Assert.DoesNotContain(ranked, r => index.Mentors[r.Mentor].PersonId == 1010);
    }

    [Fact]
    public void Interest_similarity_separates_a_mentor_who_posts_about_the_request_from_one_who_does_not()
    {
        var index = BuildIndex();

        var scoring = MentorScorer.Score(index, Query() with { TraineeAccounts = [] }, RecommenderWeights.Default, AllOpen(index));
        var c = scoring.Describe(index.MentorByProfile(103), withEvidence: false);
        var e = scoring.Describe(index.MentorByProfile(105), withEvidence: false);

        Assert.True(c.Interest > 0.5, $"interest {c.Interest}");
        Assert.Equal(0, e.Interest, 6);
        Assert.True(c.Score > e.Score);
    }

    [Fact]
    public void A_mentor_ten_hours_away_shares_two_working_hours_and_ranks_lower()
    {
        var index = BuildIndex();

        var near = MentorScorer.Score(index, Query(), RecommenderWeights.Default, AllOpen(index)).Describe(0, withEvidence: true);
        var far = MentorScorer.Score(index, Query() with { TimeZone = "Pacific/Kiritimati" }, RecommenderWeights.Default, AllOpen(index)).Describe(0, withEvidence: true);

        // Kiritimati is UTC+14, London UTC+0 at the end of October: 10 hours apart around the clock, 2 working hours shared.
        Assert.Equal(1.0, near.TimeZoneFactor, 6);
        Assert.Equal(10, far.Evidence!.TimeZoneHoursApart!.Value, 6);
        Assert.Equal(2, far.Evidence.SharedWorkingHours);
        Assert.Equal(0.5 + (0.5 * 2 / 12.0), far.TimeZoneFactor, 6);
        Assert.True(far.Score < near.Score);
    }

    [Fact]
    public void A_mentor_who_is_not_later_in_their_career_and_offers_nothing_sought_is_ranked_lower()
    {
        var index = BuildIndex();
        var query = Query() with { CareerStage = CareerStage.Senior, Seeking = MentoringAreas.Clinical };

        var scored = MentorScorer.Score(index, query, RecommenderWeights.Default, AllOpen(index)).Describe(0, withEvidence: false);

        Assert.Equal(RecommenderWeights.Default.CareerStageFactor, scored.CareerStageFactor);
        Assert.Equal(RecommenderWeights.Default.AreaMismatchFactor, scored.AreaFactor);
    }

    [Fact]
    public void Openness_counts_the_trainees_a_mentor_replied_to_in_the_last_quarter()
    {
        var index = BuildIndex();

        Assert.Equal(1, index.ActivityOf(index.MentorByProfile(101)).TraineesRepliedTo);
        Assert.Equal(0, index.ActivityOf(index.MentorByProfile(102)).TraineesRepliedTo);
        Assert.Equal(1, index.ActivityOf(index.MentorByProfile(102)).AccountsRepliedTo);
        Assert.Equal(13, index.ActivityOf(index.MentorByProfile(101)).ActiveWeeks);
    }

    [Fact]
    public void Weights_that_cannot_rank_are_refused_with_every_problem_named()
    {
        var problems = (RecommenderWeights.Default with { Interest = -1, TimeZoneMinimumFactor = 2 }).Validate();
        var allZero = (RecommenderWeights.Default with { Interest = 0, Network = 0, Activity = 0, Openness = 0 }).Validate();

        Assert.Contains(problems, p => p.StartsWith("Interest", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("TimeZoneMinimumFactor", StringComparison.Ordinal));
        Assert.Single(allZero);
        Assert.Empty(RecommenderWeights.Default.Validate());
    }

    [Fact]
    public void Weights_survive_a_round_trip_through_json_and_missing_fields_keep_their_defaults()
    {
        var changed = RecommenderWeights.Default with { Interest = 0.7, RequireSharedLanguage = false };

        Assert.Equal(changed, RecommenderWeights.FromJson(changed.ToJson()));
        Assert.Equal(RecommenderWeights.Default with { Network = 0.9 }, RecommenderWeights.FromJson("{\"network\": 0.9}"));
    }

    [Fact]
    public void Louvain_communities_found_at_build_time_put_the_mentor_in_the_trainees_group_closer_and_say_so()
    {
        // Two tight groups joined by one follow: the trainee (0) likes posts of 2-7 but follows nobody; P (1) is in that
        // group (1-7), Q (8) in the other (8-14).
        MentorIndex Build(bool communities)
        {
            var builder = new MentorIndexBuilder(15, Now);
            builder.AddMentor(Mentor(101, "P", [1]));
            builder.AddMentor(Mentor(102, "Q", [8]));
            builder.MarkTrainee(Trainee);
            foreach (var (first, last) in new[] { (1, 7), (8, 14) })
            {
                for (var a = first; a <= last; a++)
                {
                    for (var b = first; b <= last; b++)
                    {
                        if (a != b)
                        {
                            builder.AddFollow(a, b);
                        }
                    }
                }
            }

            builder.AddFollow(7, 8);
            for (var a = 2; a < 8; a++)
            {
                builder.AddEngagement(Trainee, a, SoMeScholar.Importers.InteractionKind.Like, Now.AddDays(-3));
            }

            if (communities)
            {
                builder.DetectCommunities();
            }

            return builder.Build();
        }

        var index = Build(communities: true);
        var scoring = MentorScorer.Score(index, Query(), RecommenderWeights.Default, AllOpen(index));
        var p = scoring.Describe(index.MentorByProfile(101), withEvidence: true);
        var q = scoring.Describe(index.MentorByProfile(102), withEvidence: true);
        var plain = Build(communities: false);
        var withoutCommunities = MentorScorer.Score(plain, Query(), RecommenderWeights.Default, AllOpen(plain)).Describe(plain.MentorByProfile(101), withEvidence: true);

        Assert.True(index.HasCommunities);
        Assert.False(plain.HasCommunities);
        Assert.Equal(index.CommunityOf(Trainee), index.CommunityOf(1));
        Assert.NotEqual(index.CommunityOf(Trainee), index.CommunityOf(8));
        Assert.True(p.Evidence!.SameCommunity);
        Assert.False(q.Evidence!.SameCommunity);
        Assert.False(withoutCommunities.Evidence!.SameCommunity);
        Assert.True(p.Network > q.Network);
        Assert.True(p.Network > withoutCommunities.Network);
        Assert.StartsWith("In the same network community as you", ReasonWriter.Sentence(p.Evidence, "Emergency Medicine"), StringComparison.Ordinal);
    }
}
