using SoMeScholar.Importers;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// Collects accounts, edges, mentors and their posts, then builds a <see cref="MentorIndex"/>. Pure: the store loader
/// (<see cref="MentorIndexLoader"/>), the evaluation and the benchmark all feed it the same way. Add every mentor
/// before the first edge or post (edges and posts are attributed to mentors as they arrive).
/// </summary>
public sealed class MentorIndexBuilder
{
    /// <summary>Activity and openness count the 90 days before the reference time ("last quarter").</summary>
    public const int ActivityWindowDays = 90;

    /// <summary>Interest vectors cover a year of posts.</summary>
    public const int InterestWindowDays = 365;

    /// <summary>A topic a mentor states in their profile counts as much as this many posts about it.</summary>
    public const double ProfileTopicPosts = 5;

    private readonly int _accountCount;
    private readonly DateTime _reference;
    private readonly DateTime _activityStart;
    private readonly DateTime _interestStart;
    private readonly int[] _mentorOfAccount;
    private readonly bool[] _trainee;
    private readonly List<IndexedMentor> _mentors = [];
    private readonly List<Dictionary<string, int>> _termPosts = [];
    private readonly List<int> _recentPosts = [];
    private readonly List<ulong> _activeWeeks = [];
    private readonly List<HashSet<int>> _replied = [];
    private readonly List<DateTime?> _lastPost = [];
    private readonly List<string> _postTerms = [];
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private int[] _followSources = new int[1024];
    private int[] _followTargets = new int[1024];
    private int _followCount;
    private long[] _engagementKeys = new long[1024];
    private float[] _engagementWeights = new float[1024];
    private int _engagementCount;
    private int[]? _communities;
    private ulong? _communitySeed;
    private DateTime _earliestPost = DateTime.MaxValue;
    private bool _mentorsFixed;

    public MentorIndexBuilder(int accountCount, DateTime referenceTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(accountCount);
        _accountCount = accountCount;
        _reference = DateTime.SpecifyKind(referenceTime, DateTimeKind.Utc);
        _activityStart = _reference.AddDays(-ActivityWindowDays);
        _interestStart = _reference.AddDays(-InterestWindowDays);
        _mentorOfAccount = new int[accountCount];
        Array.Fill(_mentorOfAccount, -1);
        _trainee = new bool[accountCount];
    }

    public int AccountCount => _accountCount;

    public int MentorCount => _mentors.Count;

    /// <summary>How much an engagement edge says about a tie: a reply most, a like least. Follows are counted apart.</summary>
    public static float EngagementWeight(InteractionKind kind) => kind switch
    {
        InteractionKind.Reply => 3f,
        InteractionKind.Mention => 2f,
        InteractionKind.Quote => 2f,
        InteractionKind.Repost => 1.5f,
        InteractionKind.Like => 1f,
        _ => 0f,
    };

    /// <summary>Adds a mentor; returns its index. Each account belongs to at most one mentor.</summary>
    public int AddMentor(IndexedMentor mentor)
    {
        if (_mentorsFixed)
        {
            throw new InvalidOperationException("Add every mentor before the first edge or post.");
        }

        var index = _mentors.Count;
        foreach (var account in mentor.Accounts)
        {
            CheckAccount(account);
            if (_mentorOfAccount[account] >= 0)
            {
                throw new ArgumentException($"Account {account} already belongs to mentor {_mentors[_mentorOfAccount[account]].ProfileId}.", nameof(mentor));
            }

            _mentorOfAccount[account] = index;
        }

        _mentors.Add(mentor);
        _termPosts.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        _recentPosts.Add(0);
        _activeWeeks.Add(0);
        _replied.Add([]);
        _lastPost.Add(null);
        return index;
    }

    public void MarkTrainee(int account)
    {
        CheckAccount(account);
        _trainee[account] = true;
    }

    /// <summary>Community of every account (e.g. Louvain on the follow graph); optional.</summary>
    public void SetCommunities(int[] communityOfAccount)
    {
        if (communityOfAccount.Length != _accountCount)
        {
            throw new ArgumentException("One community per account.", nameof(communityOfAccount));
        }

        _communities = communityOfAccount;
    }

    /// <summary>
    /// Finds communities when the index is built: <see cref="NetworkCommunities"/> (Louvain) on the follows and
    /// engagement edges added, each pair weighted by its tie strength. Ignored when <see cref="SetCommunities"/> is used.
    /// </summary>
    public void DetectCommunities(ulong seed = 42) => _communitySeed = seed;

    /// <summary>source follows target. Repeated edges count once; self-follows are ignored.</summary>
    public void AddFollow(int source, int target)
    {
        _mentorsFixed = true;
        CheckAccount(source);
        CheckAccount(target);
        if (source == target)
        {
            return;
        }

        if (_followCount == _followSources.Length)
        {
            Array.Resize(ref _followSources, _followCount * 2);
            Array.Resize(ref _followTargets, _followCount * 2);
        }

        _followSources[_followCount] = source;
        _followTargets[_followCount] = target;
        _followCount++;
    }

    /// <summary>
    /// An engagement edge (reply, mention, quote, repost, like) from source to target. Weights add up per pair in both
    /// directions; replies and mentions by a mentor inside the activity window count towards their openness.
    /// </summary>
    public void AddEngagement(int source, int target, InteractionKind kind, DateTime? at)
    {
        _mentorsFixed = true;
        CheckAccount(source);
        CheckAccount(target);
        var weight = EngagementWeight(kind);
        if (source == target || weight <= 0)
        {
            return;
        }

        if (_engagementCount == _engagementKeys.Length)
        {
            Array.Resize(ref _engagementKeys, _engagementCount * 2);
            Array.Resize(ref _engagementWeights, _engagementCount * 2);
        }

        var (low, high) = source < target ? (source, target) : (target, source);
        _engagementKeys[_engagementCount] = ((long)low << 32) | (uint)high;
        _engagementWeights[_engagementCount] = weight;
        _engagementCount++;

        var mentor = _mentorOfAccount[source];
        if (mentor >= 0 && kind is InteractionKind.Reply or InteractionKind.Mention && at is { } when && when >= _activityStart && when <= _reference
            && _mentorOfAccount[target] != mentor)
        {
            _replied[mentor].Add(target);
        }
    }

    /// <summary>
    /// A post (not a repost) by an account. Only posts by mentors inside the interest window are kept: their terms
    /// (text, hashtags, link paths) count once per post.
    /// </summary>
    public void AddPost(int author, DateTime createdAt, string? text, IEnumerable<string>? hashtags = null, IEnumerable<string>? links = null)
    {
        _mentorsFixed = true;
        CheckAccount(author);
        if (createdAt < _earliestPost)
        {
            _earliestPost = createdAt;
        }

        var mentor = _mentorOfAccount[author];
        if (mentor < 0 || createdAt < _interestStart || createdAt > _reference)
        {
            return;
        }

        _postTerms.Clear();
        TermAnalyzer.AddTerms(text, _postTerms);
        foreach (var tag in hashtags ?? [])
        {
            TermAnalyzer.AddHashtag(tag, _postTerms);
        }

        foreach (var link in links ?? [])
        {
            TermAnalyzer.AddLinkTerms(link, _postTerms);
        }

        _distinct.Clear();
        var counts = _termPosts[mentor];
        foreach (var term in _postTerms)
        {
            if (_distinct.Add(term))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        if (createdAt >= _activityStart)
        {
            _recentPosts[mentor]++;
            var week = (int)((createdAt - _activityStart).TotalDays / 7);
            _activeWeeks[mentor] |= 1UL << Math.Min(week, 63);
        }

        if (_lastPost[mentor] is not { } last || createdAt > last)
        {
            _lastPost[mentor] = createdAt;
        }
    }

    /// <summary>Tells the builder when the archive starts, so rates over a young archive use the days it covers.</summary>
    public void ObserveArchiveStart(DateTime earliestPost)
    {
        if (earliestPost < _earliestPost)
        {
            _earliestPost = earliestPost;
        }
    }

    public MentorIndex Build()
    {
        if (_communities is null && _communitySeed is { } seed)
        {
            _communities = NetworkCommunities.Detect(_accountCount, Ties(), seed);
        }

        var (outOffsets, outTargets) = Compress(_followSources, _followTargets, _followCount, _accountCount);
        var (inOffsets, inSources) = Transpose(outOffsets, outTargets, _accountCount);
        var (engagementOffsets, engagementTargets, engagementWeights) = BuildEngagement();
        var mentors = _mentors.ToArray();
        var (termIds, terms, idf, postingOffsets, postingMentors, postingWeights, postingPosts) = BuildPostings(mentors);

        var windowStart = _earliestPost > _activityStart && _earliestPost < _reference ? _earliestPost : _activityStart;
        var weeksInWindow = Math.Clamp((int)Math.Ceiling((_reference - windowStart).TotalDays / 7), 1, (ActivityWindowDays + 6) / 7);
        var activity = new MentorActivity[mentors.Length];
        var replied = new int[mentors.Length][];
        for (var m = 0; m < mentors.Length; m++)
        {
            var targets = _replied[m].ToArray();
            Array.Sort(targets);
            replied[m] = targets;
            var trainees = targets.Count(t => _trainee[t]);
            activity[m] = new MentorActivity(_recentPosts[m], System.Numerics.BitOperations.PopCount(_activeWeeks[m]), weeksInWindow, trainees, targets.Length, _lastPost[m]);
        }

        var interestDays = _earliestPost > _interestStart && _earliestPost < _reference
            ? Math.Max(1, (int)Math.Ceiling((_reference - _earliestPost).TotalDays))
            : InterestWindowDays;
        var zones = mentors.Select(m => TimeZones.Offset(m.TimeZone, _reference)).ToArray();
        var languages = mentors.Select(m => Languages.Primary(m.Languages).Order(StringComparer.Ordinal).ToArray()).ToArray();
        return new MentorIndex(_accountCount, _reference, interestDays, outOffsets, outTargets, inOffsets, inSources, engagementOffsets, engagementTargets, engagementWeights,
            _trainee, _communities, mentors, _mentorOfAccount, activity, replied, termIds, terms, idf, postingOffsets, postingMentors, postingWeights, postingPosts, zones, languages);
    }

    /// <summary>Follows (1 each way) and engagement edges (their weights) as undirected ties; the graph builder sums a pair's.</summary>
    private IEnumerable<(int A, int B, double Weight)> Ties()
    {
        for (var i = 0; i < _followCount; i++)
        {
            yield return (_followSources[i], _followTargets[i], 1.0);
        }

        for (var i = 0; i < _engagementCount; i++)
        {
            var key = _engagementKeys[i];
            yield return ((int)(key >> 32), (int)(uint)key, _engagementWeights[i]);
        }
    }

    private (Dictionary<string, int>, string[], float[], int[], int[], float[], int[]) BuildPostings(IndexedMentor[] mentors)
    {
        // Term frequencies per mentor: posts carrying the term, plus ProfileTopicPosts for each stated topic term.
        var documents = new Dictionary<string, double>[mentors.Length];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var topicTerms = new List<string>();
        for (var m = 0; m < mentors.Length; m++)
        {
            var document = _termPosts[m].ToDictionary(p => p.Key, p => (double)p.Value, StringComparer.Ordinal);
            topicTerms.Clear();
            foreach (var topic in mentors[m].Topics)
            {
                TermAnalyzer.AddTopic(topic, topicTerms);
            }

            if (!string.IsNullOrWhiteSpace(mentors[m].Specialty))
            {
                TermAnalyzer.AddTerms(mentors[m].Specialty, topicTerms);
            }

            foreach (var term in topicTerms.Distinct(StringComparer.Ordinal))
            {
                document[term] = document.GetValueOrDefault(term) + ProfileTopicPosts;
            }

            documents[m] = document;
            foreach (var term in document.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        var terms = documentFrequency.Keys.Order(StringComparer.Ordinal).ToArray();
        var termIds = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        var idf = new float[terms.Length];
        var postingOffsets = new int[terms.Length + 1];
        for (var t = 0; t < terms.Length; t++)
        {
            termIds[terms[t]] = t;
            var df = documentFrequency[terms[t]];
            idf[t] = (float)Math.Log(1.0 + ((double)mentors.Length / df));
            postingOffsets[t + 1] = postingOffsets[t] + df;
        }

        var total = postingOffsets[^1];
        var postingMentors = new int[total];
        var postingWeights = new float[total];
        var postingPosts = new int[total];
        var fill = (int[])postingOffsets.Clone();
        for (var m = 0; m < mentors.Length; m++)
        {
            // Sublinear term frequency times idf, then unit length: cosine similarity is a dot product.
            var weights = documents[m].Select(p => (Id: termIds[p.Key], Weight: (1.0 + Math.Log(p.Value)) * idf[termIds[p.Key]])).ToList();
            var norm = Math.Sqrt(weights.Sum(w => w.Weight * w.Weight));
            foreach (var (id, weight) in weights)
            {
                var slot = fill[id]++;
                postingMentors[slot] = m;
                postingWeights[slot] = norm > 0 ? (float)(weight / norm) : 0f;
                postingPosts[slot] = _termPosts[m].GetValueOrDefault(terms[id]);
            }
        }

        return (termIds, terms, idf, postingOffsets, postingMentors, postingWeights, postingPosts);
    }

    private (int[], int[], float[]) BuildEngagement()
    {
        var keys = _engagementKeys.AsSpan(0, _engagementCount);
        var weights = _engagementWeights.AsSpan(0, _engagementCount);
        keys.Sort(weights);
        var pairs = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                keys[pairs] = keys[i];
                weights[pairs] = weights[i];
                pairs++;
            }
            else
            {
                weights[pairs - 1] += weights[i];
            }
        }

        var offsets = new int[_accountCount + 1];
        for (var i = 0; i < pairs; i++)
        {
            offsets[(int)(keys[i] >> 32) + 1]++;
            offsets[(int)(uint)keys[i] + 1]++;
        }

        for (var v = 0; v < _accountCount; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var targets = new int[offsets[^1]];
        var values = new float[offsets[^1]];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < pairs; i++)
        {
            var low = (int)(keys[i] >> 32);
            var high = (int)(uint)keys[i];
            targets[fill[low]] = high;
            values[fill[low]++] = weights[i];
            targets[fill[high]] = low;
            values[fill[high]++] = weights[i];
        }

        return (offsets, targets, values);
    }

    /// <summary>Rows of a directed edge list, each sorted and without repeats.</summary>
    private static (int[] Offsets, int[] Targets) Compress(int[] sources, int[] targets, int count, int nodes)
    {
        var offsets = new int[nodes + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[sources[i] + 1]++;
        }

        for (var v = 0; v < nodes; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var rows = new int[count];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < count; i++)
        {
            rows[fill[sources[i]]++] = targets[i];
        }

        // Sort each row and drop repeated edges, compacting in place.
        var write = 0;
        var compact = new int[nodes + 1];
        for (var v = 0; v < nodes; v++)
        {
            var row = rows.AsSpan(offsets[v], offsets[v + 1] - offsets[v]);
            row.Sort();
            compact[v] = write;
            for (var i = 0; i < row.Length; i++)
            {
                if (i == 0 || row[i] != row[i - 1])
                {
                    rows[write++] = row[i];
                }
            }
        }

        compact[nodes] = write;
        return (compact, write == rows.Length ? rows : rows[..write]);
    }

    private static (int[] Offsets, int[] Sources) Transpose(int[] offsets, int[] targets, int nodes)
    {
        var inOffsets = new int[nodes + 1];
        foreach (var t in targets)
        {
            inOffsets[t + 1]++;
        }

        for (var v = 0; v < nodes; v++)
        {
            inOffsets[v + 1] += inOffsets[v];
        }

        var sources = new int[targets.Length];
        var fill = (int[])inOffsets.Clone();
        for (var v = 0; v < nodes; v++)
        {
            for (var i = offsets[v]; i < offsets[v + 1]; i++)
            {
                sources[fill[targets[i]]++] = v;
            }
        }

        return (inOffsets, sources);
    }

    private void CheckAccount(int account)
    {
        if ((uint)account >= (uint)_accountCount)
        {
            throw new ArgumentOutOfRangeException(nameof(account), account, $"Accounts are numbered 0..{_accountCount - 1}.");
        }
    }
}
