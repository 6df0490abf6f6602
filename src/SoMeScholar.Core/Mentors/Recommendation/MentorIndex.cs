namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// A mentor as the index knows them: what they stated in their profile and which archived accounts are theirs
/// (dense account indices of the index). <see cref="Active"/> is their status when the index was built (a profile
/// change rebuilds it); what changes with every acceptance and block comes with each query (<see cref="MentorAvailability"/>).
/// </summary>
public sealed record IndexedMentor(
    long ProfileId,
    long PersonId,
    string DisplayName,
    string? Specialty,
    CareerStage CareerStage,
    string? TimeZone,
    IReadOnlyList<string> Languages,
    MentoringAreas Offers,
    int Capacity,
    IReadOnlyList<string> Topics,
    IReadOnlyList<int> Accounts,
    bool Active = true);

/// <summary>What the archive says about a mentor's recent activity and openness (the 90 days before the reference time).</summary>
public readonly record struct MentorActivity(int RecentPosts, int ActiveWeeks, int WeeksInWindow, int TraineesRepliedTo, int AccountsRepliedTo, DateTime? LastPostAt);

/// <summary>
/// The in-memory index the recommender scores against: the follow graph and the engagement graph as sparse adjacency
/// (compressed rows), each mentor's TF-IDF term vector as an inverted index (term → postings), and each mentor's
/// activity figures. Immutable once built (<see cref="MentorIndexBuilder"/>), so one instance serves concurrent queries.
/// </summary>
/// <remarks>Memory: about 8 bytes per follow edge (both directions), 16 per engagement pair, 12 per posting.</remarks>
public sealed class MentorIndex
{
    internal MentorIndex(
        int accountCount,
        DateTime referenceTime,
        int interestWindowDays,
        int[] followOutOffsets,
        int[] followOutTargets,
        int[] followInOffsets,
        int[] followInSources,
        int[] engagementOffsets,
        int[] engagementTargets,
        float[] engagementWeights,
        bool[] traineeAccounts,
        int[]? communities,
        IndexedMentor[] mentors,
        int[] mentorOfAccount,
        MentorActivity[] activity,
        int[][] repliedTo,
        Dictionary<string, int> termIds,
        string[] terms,
        float[] idf,
        int[] postingOffsets,
        int[] postingMentors,
        float[] postingWeights,
        int[] postingPosts,
        TimeSpan?[] mentorZones,
        string[][] mentorLanguages)
    {
        MentorZones = mentorZones;
        MentorLanguages = mentorLanguages;
        AccountCount = accountCount;
        ReferenceTime = referenceTime;
        InterestWindowDays = interestWindowDays;
        FollowOutOffsets = followOutOffsets;
        FollowOutTargets = followOutTargets;
        FollowInOffsets = followInOffsets;
        FollowInSources = followInSources;
        EngagementOffsets = engagementOffsets;
        EngagementTargets = engagementTargets;
        EngagementWeights = engagementWeights;
        TraineeAccounts = traineeAccounts;
        Communities = communities;
        Mentors = mentors;
        MentorOfAccount = mentorOfAccount;
        Activity = activity;
        RepliedTo = repliedTo;
        TermIds = termIds;
        Terms = terms;
        Idf = idf;
        PostingOffsets = postingOffsets;
        PostingMentors = postingMentors;
        PostingWeights = postingWeights;
        PostingPosts = postingPosts;
    }

    public int AccountCount { get; }

    /// <summary>The moment "recent" is measured from: the newest archived post, or now when that is earlier.</summary>
    public DateTime ReferenceTime { get; }

    /// <summary>Days of posts the interest vectors cover (or fewer when the archive is younger).</summary>
    public int InterestWindowDays { get; }

    public IReadOnlyList<IndexedMentor> Mentors { get; }

    public int MentorCount => Mentors.Count;

    public long FollowEdgeCount => FollowOutTargets.Length;

    public long EngagementPairCount => EngagementTargets.Length / 2;

    public int TermCount => Terms.Length;

    public long PostingCount => PostingMentors.Length;

    public bool HasCommunities => Communities is not null;

    public MentorActivity ActivityOf(int mentor) => Activity[mentor];

    /// <summary>Followers of an account inside the archive (its in-degree in the follow graph).</summary>
    public int FollowersOf(int account) => FollowInOffsets[account + 1] - FollowInOffsets[account];

    public int FollowingOf(int account) => FollowOutOffsets[account + 1] - FollowOutOffsets[account];

    public ReadOnlySpan<int> Following(int account) => FollowOutTargets.AsSpan(FollowOutOffsets[account], FollowingOf(account));

    public ReadOnlySpan<int> Followers(int account) => FollowInSources.AsSpan(FollowInOffsets[account], FollowersOf(account));

    public ReadOnlySpan<int> EngagedWith(int account) => EngagementTargets.AsSpan(EngagementOffsets[account], EngagementOffsets[account + 1] - EngagementOffsets[account]);

    public ReadOnlySpan<float> EngagementWeightsOf(int account) => EngagementWeights.AsSpan(EngagementOffsets[account], EngagementOffsets[account + 1] - EngagementOffsets[account]);

    public bool IsTrainee(int account) => TraineeAccounts[account];

    /// <summary>The community of an account, or -1 when the index has none.</summary>
    public int CommunityOf(int account) => Communities is { } c ? c[account] : -1;

    /// <summary>The mentor owning an account, or -1.</summary>
    public int MentorOf(int account) => MentorOfAccount[account];

    /// <summary>The index of a mentor profile, or -1.</summary>
    public int MentorByProfile(long profileId)
    {
        for (var m = 0; m < Mentors.Count; m++)
        {
            if (Mentors[m].ProfileId == profileId)
            {
                return m;
            }
        }

        return -1;
    }

    /// <summary>A mentor's heaviest terms (TF-IDF weight), for profile pages and explanations.</summary>
    public IReadOnlyList<(string Term, float Weight, int Posts)> TopTerms(int mentor, int count)
    {
        var found = new List<(string, float, int)>();
        for (var t = 0; t < Terms.Length; t++)
        {
            for (var p = PostingOffsets[t]; p < PostingOffsets[t + 1]; p++)
            {
                if (PostingMentors[p] == mentor)
                {
                    found.Add((Terms[t], PostingWeights[p], PostingPosts[p]));
                    break;
                }
            }
        }

        return found.OrderByDescending(f => f.Item2).ThenBy(f => f.Item1, StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>Every mentor's heaviest terms in one pass over the postings (the evaluation's stand-in for stated interests).</summary>
    public IReadOnlyList<string>[] TopTermsOfAll(int count)
    {
        var best = new List<(string Term, float Weight)>[Mentors.Count];
        for (var m = 0; m < best.Length; m++)
        {
            best[m] = [];
        }

        for (var t = 0; t < Terms.Length; t++)
        {
            for (var p = PostingOffsets[t]; p < PostingOffsets[t + 1]; p++)
            {
                var list = best[PostingMentors[p]];
                var weight = PostingWeights[p];
                if (list.Count == count && weight <= list[^1].Weight)
                {
                    continue;
                }

                var at = list.FindIndex(e => e.Weight < weight);
                list.Insert(at < 0 ? list.Count : at, (Terms[t], weight));
                if (list.Count > count)
                {
                    list.RemoveAt(list.Count - 1);
                }
            }
        }

        return best.Select(l => (IReadOnlyList<string>)l.Select(e => e.Term).ToList()).ToArray();
    }

    /// <summary>Each mentor's UTC offset at the reference time (null for an unknown zone), computed once.</summary>
    internal TimeSpan?[] MentorZones { get; }

    /// <summary>Each mentor's languages by primary subtag, computed once.</summary>
    internal string[][] MentorLanguages { get; }

    internal int[] FollowOutOffsets { get; }
    internal int[] FollowOutTargets { get; }
    internal int[] FollowInOffsets { get; }
    internal int[] FollowInSources { get; }
    internal int[] EngagementOffsets { get; }
    internal int[] EngagementTargets { get; }
    internal float[] EngagementWeights { get; }
    internal bool[] TraineeAccounts { get; }
    internal int[]? Communities { get; }
    internal IndexedMentor[] MentorArray => (IndexedMentor[])Mentors;
    internal int[] MentorOfAccount { get; }
    internal MentorActivity[] Activity { get; }

    /// <summary>Per mentor, the sorted distinct accounts they replied to or mentioned in the activity window.</summary>
    internal int[][] RepliedTo { get; }

    internal Dictionary<string, int> TermIds { get; }
    internal string[] Terms { get; }
    internal float[] Idf { get; }
    internal int[] PostingOffsets { get; }
    internal int[] PostingMentors { get; }

    /// <summary>The mentor's normalised TF-IDF weight for the term (the vector has unit length).</summary>
    internal float[] PostingWeights { get; }

    /// <summary>How many of the mentor's posts in the interest window carry the term (0 when it comes only from the profile).</summary>
    internal int[] PostingPosts { get; }
}
