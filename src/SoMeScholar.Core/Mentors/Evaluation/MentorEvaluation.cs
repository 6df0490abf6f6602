using System.Globalization;
using System.Text;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Mentors.Evaluation;

public sealed record EvaluationOptions
{
    /// <summary>Share of each account's partners hidden (the strongest first).</summary>
    public double HideFraction { get; init; } = 0.2;

    /// <summary>Cut-off of recall@K.</summary>
    public int K { get; init; } = 10;

    /// <summary>Accounts with fewer partners are not queried (20% of fewer than five partners hides nobody).</summary>
    public int MinPartners { get; init; } = 5;

    public ulong Seed { get; init; } = 20_261_121;

    /// <summary>Query at most this many accounts (a seeded sample), for large networks; null queries all.</summary>
    public int? MaxQueries { get; init; }

    public RecommenderWeights Weights { get; init; } = RecommenderWeights.Default;

    /// <summary>Also rank with one component at a time (interest only, network only...), to show what each adds.</summary>
    public bool Ablations { get; init; }
}

public sealed record MethodResult(string Method, double RecallAtK, double Mrr, int Queries);

public sealed record EvaluationReport(
    string Network,
    string Description,
    int Accounts,
    int Follows,
    int Engagements,
    int Posts,
    int Queries,
    int HiddenPairs,
    int Communities,
    string CommunityMethod,
    int K,
    double HideFraction,
    ulong Seed,
    RecommenderWeights Weights,
    IReadOnlyList<MethodResult> Methods)
{
    public const string Recommender = "recommender";
    public const string MostFollowed = "most-followed";
    public const string SameCommunityRandom = "same-community random";
    public const string Random = "random";

    public MethodResult Method(string name) => Methods.First(m => m.Method == name);

    /// <summary>The recommender's recall@K and MRR are both above those of the most-followed and same-community baselines.</summary>
    public bool RecommenderBeatsBaselines =>
        new[] { MostFollowed, SameCommunityRandom }.All(b => Method(Recommender).RecallAtK > Method(b).RecallAtK && Method(Recommender).Mrr > Method(b).Mrr);

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Network}: {Accounts:N0} accounts, {Follows:N0} follows, {Engagements:N0} engagement edges, {Posts:N0} posts");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Queries:N0} accounts queried; {HiddenPairs:N0} ties hidden in all (the strongest {HideFraction:P0} of each account's); {Communities:N0} communities ({CommunityMethod}); seed {Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"method",-32} {"recall@" + K,10} {"MRR",8}");
        foreach (var method in Methods)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{method.Method,-32} {method.RecallAtK,10:0.0000} {method.Mrr,8:0.0000}");
        }

        return text.ToString();
    }
}

/// <summary>
/// Measures the recommender by link prediction. For each account with at least <see cref="EvaluationOptions.MinPartners"/>
/// interaction partners, hide the strongest 20% of its ties (follows either way and engagement: replies 3, mentions and
/// quotes 2, reposts 1.5, likes 1, each follow 1; ties broken by a seeded hash), rank every other account that is not a
/// visible partner, and see where the hidden partners land: recall@K (share of hidden partners in the top K) and MRR
/// (1 / rank of the best-placed hidden partner), averaged over accounts.
/// </summary>
/// <remarks>
/// The recommender uses the account's own heaviest ten terms as its stated interests, and its follows and engagement
/// without the hidden ties (the query hides them; nothing else about the network changes). Baselines rank the same
/// candidates: most-followed (in-degree in the follow graph without the query's hidden follows), same-community random
/// (the account's community first, in random order; communities found on the network with every hidden tie removed),
/// and random. Ties in any ranking are broken by the same seeded hash.
/// </remarks>
public static class MentorEvaluation
{
    public static EvaluationReport Run(EvaluationNetwork network, EvaluationOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var n = network.AccountCount;
        var (offsets, partners, strengths) = Partners(network);
        var seed = options.Seed;

        // Hidden partners of each account: the strongest HideFraction of its ties.
        var hidden = new int[n][];
        var hiddenPairs = new HashSet<long>();
        for (var u = 0; u < n; u++)
        {
            var degree = offsets[u + 1] - offsets[u];
            var count = degree >= options.MinPartners ? (int)Math.Floor(options.HideFraction * degree) : 0;
            if (count == 0)
            {
                hidden[u] = [];
                continue;
            }

            var order = Enumerable.Range(offsets[u], degree)
                .OrderByDescending(i => strengths[i])
                .ThenBy(i => Mix(seed ^ HidingSalt, u, partners[i]))
                .Take(count)
                .Select(i => partners[i])
                .ToArray();
            hidden[u] = order;
            foreach (var v in order)
            {
                hiddenPairs.Add(PairKey(u, v));
            }
        }

        // Communities on the network without any hidden tie, so neither the baseline nor the recommender sees them.
        var masked = new List<(int, int, double)>();
        for (var u = 0; u < n; u++)
        {
            for (var i = offsets[u]; i < offsets[u + 1]; i++)
            {
                if (partners[i] > u && !hiddenPairs.Contains(PairKey(u, partners[i])))
                {
                    masked.Add((u, partners[i], strengths[i]));
                }
            }
        }

        var communities = NetworkCommunities.Detect(n, masked, seed);
        // The recommender ranks as production does, with the same communities (Louvain); the ablations show it without them.
        var index = BuildIndex(network, communities);
        var withoutCommunities = options.Ablations ? BuildIndex(network, null) : null;
        var interests = index.TopTermsOfAll(10);

        var queries = Enumerable.Range(0, n).Where(u => hidden[u].Length > 0).ToList();
        if (options.MaxQueries is { } max && queries.Count > max)
        {
            queries = queries.OrderBy(u => Mix(seed ^ SamplingSalt, u, 0)).Take(max).Order().ToList();
        }

        var methods = new List<(string Name, RecommenderWeights? Weights, MentorIndex? Index)>
        {
            (EvaluationReport.Recommender, options.Weights, index),
            (EvaluationReport.MostFollowed, null, null),
            (EvaluationReport.SameCommunityRandom, null, null),
            (EvaluationReport.Random, null, null),
        };
        if (options.Ablations)
        {
            var none = options.Weights with { Interest = 0, Network = 0, Activity = 0, Openness = 0 };
            methods.Add(("recommender without communities", options.Weights, withoutCommunities));
            methods.Add(("interest only", none with { Interest = 1 }, index));
            methods.Add(("network only", none with { Network = 1 }, index));
            methods.Add(("network only, no communities", none with { Network = 1 }, withoutCommunities));
            methods.Add(("activity and openness only", none with { Activity = 1, Openness = 1 }, index));
        }

        var recall = new double[methods.Count];
        var reciprocal = new double[methods.Count];
        var scores = new double[n];
        var keys = new ulong[n];
        var candidate = new bool[n];
        for (var q = 0; q < queries.Count; q++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = queries[q];
            var hiddenSet = hidden[u].ToHashSet();
            var excluded = new HashSet<int> { u };
            for (var i = offsets[u]; i < offsets[u + 1]; i++)
            {
                if (!hiddenSet.Contains(partners[i]))
                {
                    excluded.Add(partners[i]);
                }
            }

            for (var c = 0; c < n; c++)
            {
                candidate[c] = !excluded.Contains(c);
                keys[c] = Mix(seed, u, c);
            }

            var terms = interests[u];
            var query = new MentorQuery
            {
                Topics = terms.Where(t => !TermAnalyzer.IsHashtag(t)).ToList(),
                Hashtags = terms.Where(TermAnalyzer.IsHashtag).Select(t => t[1..]).ToList(),
                TraineeAccounts = [u],
                TraineePersonId = u + 1L,
                HiddenPartners = hiddenSet,
                ExcludedAccounts = excluded,
            };

            for (var m = 0; m < methods.Count; m++)
            {
                var (name, weights, methodIndex) = methods[m];
                if (weights is not null)
                {
                    var scoring = MentorScorer.Score(methodIndex!, query, weights, null);
                    Array.Copy(scoring.Scores, scores, n);
                }
                else
                {
                    for (var c = 0; c < n; c++)
                    {
                        scores[c] = name switch
                        {
                            EvaluationReport.MostFollowed => index.FollowersOf(c) - (hiddenSet.Contains(c) && index.Following(u).BinarySearch(c) >= 0 ? 1 : 0),
                            EvaluationReport.SameCommunityRandom => communities[c] == communities[u] ? 1 : 0,
                            _ => 0,
                        };
                    }
                }

                var best = int.MaxValue;
                var hits = 0;
                foreach (var target in hidden[u])
                {
                    var rank = Rank(target, scores, keys, candidate);
                    best = Math.Min(best, rank);
                    hits += rank <= options.K ? 1 : 0;
                }

                recall[m] += (double)hits / hidden[u].Length;
                reciprocal[m] += 1.0 / best;
            }

            if ((q + 1) % 100 == 0 || q + 1 == queries.Count)
            {
                progress?.Report((q + 1, queries.Count));
            }
        }

        var results = methods.Select((method, m) => new MethodResult(method.Name, queries.Count == 0 ? 0 : recall[m] / queries.Count, queries.Count == 0 ? 0 : reciprocal[m] / queries.Count, queries.Count)).ToList();
        return new EvaluationReport(network.Name, network.Description, n, network.Follows.Count, network.Engagements.Count, network.Posts.Count, queries.Count, hiddenPairs.Count,
            communities.Distinct().Count(), NetworkCommunities.Method, options.K, options.HideFraction, seed, options.Weights, results);
    }

    /// <summary>Every account as a mentor of its own, so any account can be recommended.</summary>
    private static MentorIndex BuildIndex(EvaluationNetwork network, int[]? communities)
    {
        var builder = new MentorIndexBuilder(network.AccountCount, network.ReferenceTime);
        for (var v = 0; v < network.AccountCount; v++)
        {
            builder.AddMentor(new IndexedMentor(v, v + 1L, v.ToString(CultureInfo.InvariantCulture), null, CareerStage.MidCareer, null, [], MentoringAreas.None, 1, [], [v]));
        }

        foreach (var trainee in network.Trainees)
        {
            builder.MarkTrainee(trainee);
        }

        foreach (var (source, target) in network.Follows)
        {
            builder.AddFollow(source, target);
        }

        foreach (var edge in network.Engagements)
        {
            builder.AddEngagement(edge.Source, edge.Target, edge.Kind, edge.At);
        }

        foreach (var post in network.Posts)
        {
            builder.AddPost(post.Author, post.CreatedAt, post.Text, post.Hashtags, post.Links);
        }

        if (communities is not null)
        {
            builder.SetCommunities(communities);
        }

        return builder.Build();
    }

    /// <summary>Partners of each account with the strength of the tie (follows either way count 1 each, engagement by kind).</summary>
    private static (int[] Offsets, int[] Partners, double[] Strengths) Partners(EvaluationNetwork network)
    {
        var strength = new Dictionary<long, double>();
        foreach (var (s, t) in network.Follows.Distinct())
        {
            if (s != t)
            {
                var key = PairKey(s, t);
                strength[key] = strength.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var edge in network.Engagements)
        {
            if (edge.Source != edge.Target)
            {
                var key = PairKey(edge.Source, edge.Target);
                strength[key] = strength.GetValueOrDefault(key) + MentorIndexBuilder.EngagementWeight(edge.Kind);
            }
        }

        var n = network.AccountCount;
        var offsets = new int[n + 1];
        foreach (var key in strength.Keys)
        {
            offsets[(int)(key >> 32) + 1]++;
            offsets[(int)(uint)key + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var partners = new int[offsets[^1]];
        var strengths = new double[offsets[^1]];
        var fill = (int[])offsets.Clone();
        foreach (var (key, value) in strength.OrderBy(p => p.Key))
        {
            var a = (int)(key >> 32);
            var b = (int)(uint)key;
            partners[fill[a]] = b;
            strengths[fill[a]++] = value;
            partners[fill[b]] = a;
            strengths[fill[b]++] = value;
        }

        return (offsets, partners, strengths);
    }

    /// <summary>1 + the candidates ranked above the target: higher score, or equal score and smaller tie key.</summary>
    private static int Rank(int target, double[] scores, ulong[] keys, bool[] candidate)
    {
        var rank = 1;
        var score = scores[target];
        var key = keys[target];
        for (var c = 0; c < scores.Length; c++)
        {
            if (candidate[c] && c != target && (scores[c] > score || (scores[c] == score && keys[c] < key)))
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>Choosing which equal-strength ties to hide must not correlate with the ranking's tie-break.</summary>
    private const ulong HidingSalt = 0x5DEECE66DUL;

    private const ulong SamplingSalt = 0x2545F4914F6CDD1DUL;

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>SplitMix64's finaliser over (seed, account, candidate): a seeded, order-free tie-break.</summary>
    private static ulong Mix(ulong seed, int a, int b)
    {
        var z = seed ^ ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
