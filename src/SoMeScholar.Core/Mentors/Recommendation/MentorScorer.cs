namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>The evidence behind one recommendation: what the reason sentence is written from.</summary>
public sealed record MentorEvidence(
    IReadOnlyList<MatchedTerm> MatchedTerms,
    IReadOnlyList<string> MatchedProfileTopics,
    int FollowedByYourFollows,
    int SharedFollows,
    bool YouFollowThem,
    bool TheyFollowYou,
    double EngagementWithYou,
    bool SameCommunity,
    MentorActivity Activity,
    double? TimeZoneHoursApart,
    int? SharedWorkingHours,
    IReadOnlyList<string> SharedLanguages,
    bool SameSpecialty,
    bool LaterCareerStage,
    MentoringAreas OffersSought,
    int OpenPlaces,
    int InterestWindowDays);

/// <summary>A term the request and the mentor share, with how much it added to the similarity.</summary>
public sealed record MatchedTerm(string Term, double Contribution, int Posts, bool FromProfile)
{
    public bool IsHashtag => TermAnalyzer.IsHashtag(Term);
}

/// <summary>One scored mentor. Components are in [0, 1]; factors multiply the weighted sum.</summary>
public sealed record ScoredMentor(
    int Mentor,
    double Score,
    double Interest,
    double Network,
    double Activity,
    double Openness,
    double TimeZoneFactor,
    double CareerStageFactor,
    double AreaFactor,
    MentorEvidence? Evidence);

/// <summary>
/// Scores opted-in mentors against a request over a <see cref="MentorIndex"/>. Pure and allocation-light: one pass over
/// the postings of the request's terms, one over the follows of the trainee's follows, one over the mentors.
/// Cost per query ≈ O(postings of the query terms + Σ out-degree and in-degree of the accounts the trainee follows + mentors).
/// </summary>
public static class MentorScorer
{
    /// <summary>The query's terms and their weights: topics and hashtags count twice, free text and specialty once.</summary>
    public static Dictionary<string, double> QueryTerms(MentorQuery query)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var terms = new List<string>();
        foreach (var topic in query.Topics)
        {
            terms.Clear();
            TermAnalyzer.AddTopic(topic, terms);
            Add(counts, terms, 2);
        }

        foreach (var tag in query.Hashtags)
        {
            terms.Clear();
            TermAnalyzer.AddHashtag(tag, terms);
            Add(counts, terms, 2);
        }

        terms.Clear();
        TermAnalyzer.AddTerms(query.FreeText, terms);
        Add(counts, terms, 1);
        terms.Clear();
        TermAnalyzer.AddTerms(query.Specialty, terms);
        Add(counts, terms, 1);
        return counts;

        static void Add(Dictionary<string, double> counts, List<string> terms, double weight)
        {
            foreach (var term in terms)
            {
                counts[term] = counts.GetValueOrDefault(term) + weight;
            }
        }
    }

    /// <summary>
    /// The best <paramref name="count"/> available mentors, best first, each with its evidence.
    /// <paramref name="availability"/> is parallel to the index's mentors; null treats every mentor as available.
    /// </summary>
    public static IReadOnlyList<ScoredMentor> Recommend(MentorIndex index, MentorQuery query, RecommenderWeights weights, IReadOnlyList<MentorAvailability>? availability, int count)
    {
        var scoring = Score(index, query, weights, availability);
        var ranked = new List<int>();
        for (var m = 0; m < index.MentorCount; m++)
        {
            if (scoring.Eligible[m])
            {
                ranked.Add(m);
            }
        }

        // Best score first; equal scores by profile id, so the order is the same on every run.
        ranked.Sort((a, b) =>
        {
            var byScore = scoring.Scores[b].CompareTo(scoring.Scores[a]);
            return byScore != 0 ? byScore : index.MentorArray[a].ProfileId.CompareTo(index.MentorArray[b].ProfileId);
        });
        return ranked.Take(count).Select(m => scoring.Describe(m, withEvidence: true)).ToList();
    }

    /// <summary>Scores every mentor; <see cref="Scoring.Eligible"/> marks those that may be recommended.</summary>
    public static Scoring Score(MentorIndex index, MentorQuery query, RecommenderWeights weights, IReadOnlyList<MentorAvailability>? availability)
    {
        var scoring = new Scoring(index, query, weights, availability);
        scoring.Run();
        return scoring;
    }

    /// <summary>The arrays of one scoring pass, kept so the chosen mentors can be explained without scoring again.</summary>
    public sealed class Scoring
    {
        private readonly MentorIndex _index;
        private readonly MentorQuery _query;
        private readonly RecommenderWeights _weights;
        private readonly IReadOnlyList<MentorAvailability>? _availability;
        private readonly Dictionary<string, double> _queryTerms;
        private readonly List<(int Term, double Weight)> _queryVector = [];
        private readonly double[] _interest;
        private readonly double[] _twoHop;
        private readonly int[] _twoHopCount;
        private readonly double[] _shared;
        private readonly int[] _sharedCount;
        private readonly bool[] _youFollow;
        private readonly bool[] _theyFollow;
        private readonly double[] _engagement;
        private readonly bool[] _sameCommunity;
        private readonly double[] _activity;
        private readonly double[] _openness;
        private readonly double[] _network;
        private readonly double[] _timeZone;
        private readonly double[] _stage;
        private readonly double[] _area;
        private readonly MentorActivity[] _activityFigures;
        private readonly HashSet<int> _ownAccounts;

        internal Scoring(MentorIndex index, MentorQuery query, RecommenderWeights weights, IReadOnlyList<MentorAvailability>? availability)
        {
            _index = index;
            _query = query;
            _weights = weights;
            _availability = availability;
            var n = index.MentorCount;
            if (availability is not null && availability.Count != n)
            {
                throw new ArgumentException($"Availability has {availability.Count} entries for {n} mentors.", nameof(availability));
            }

            _queryTerms = QueryTerms(query);
            _interest = new double[n];
            _twoHop = new double[n];
            _twoHopCount = new int[n];
            _shared = new double[n];
            _sharedCount = new int[n];
            _youFollow = new bool[n];
            _theyFollow = new bool[n];
            _engagement = new double[n];
            _sameCommunity = new bool[n];
            _activity = new double[n];
            _openness = new double[n];
            _network = new double[n];
            _timeZone = new double[n];
            _stage = new double[n];
            _area = new double[n];
            _activityFigures = new MentorActivity[n];
            Scores = new double[n];
            Eligible = new bool[n];
            _ownAccounts = [.. query.TraineeAccounts];
        }

        public double[] Scores { get; }

        public bool[] Eligible { get; }

        internal void Run()
        {
            ScoreInterest();
            ScoreNetwork();
            var sum = _weights.ComponentSum;
            var traineeZone = TimeZones.Offset(_query.TimeZone, _index.ReferenceTime);
            var traineeLanguages = Languages.Primary(_query.Languages);
            var anyTrainee = _query.TraineeAccounts.Any(a => _index.IsTrainee(a));
            for (var m = 0; m < _index.MentorCount; m++)
            {
                var mentor = _index.MentorArray[m];
                if (!IsCandidate(m, mentor, traineeLanguages))
                {
                    continue;
                }

                var figures = Adjusted(m, anyTrainee);
                _activityFigures[m] = figures;
                _activity[m] = 0.5 * Saturate(figures.RecentPosts, 40) + (0.5 * figures.ActiveWeeks / Math.Max(1, figures.WeeksInWindow));
                _openness[m] = (0.7 * Saturate(figures.TraineesRepliedTo, 10)) + (0.3 * Saturate(figures.AccountsRepliedTo, 30));

                var raw = _twoHop[m] + _shared[m] + (_theyFollow[m] ? 1.0 : 0) + (_youFollow[m] ? 0.5 : 0) + (0.5 * Math.Log(1 + _engagement[m]))
                    + (_sameCommunity[m] ? _weights.SameCommunityBonus : 0);
                _network[m] = 1 - Math.Exp(-raw / _weights.NetworkSaturation);

                _timeZone[m] = TimeZoneFactor(traineeZone, _index.MentorZones[m]);
                _stage[m] = _query.CareerStage is { } stage && mentor.CareerStage <= stage ? _weights.CareerStageFactor : 1.0;
                _area[m] = _query.Seeking != MentoringAreas.None && mentor.Offers != MentoringAreas.None && (mentor.Offers & _query.Seeking) == MentoringAreas.None ? _weights.AreaMismatchFactor : 1.0;

                var weighted = (_weights.Interest * _interest[m]) + (_weights.Network * _network[m]) + (_weights.Activity * _activity[m]) + (_weights.Openness * _openness[m]);
                Scores[m] = weighted / sum * _timeZone[m] * _stage[m] * _area[m];
                Eligible[m] = true;
            }
        }

        /// <summary>The scored mentor with its components and, when asked, the evidence for its reason.</summary>
        public ScoredMentor Describe(int m, bool withEvidence) =>
            new(m, Scores[m], _interest[m], _network[m], _activity[m], _openness[m], _timeZone[m], _stage[m], _area[m], withEvidence ? Evidence(m) : null);

        private bool IsCandidate(int m, IndexedMentor mentor, HashSet<string> traineeLanguages)
        {
            if (_availability is not null && !_availability[m].Available)
            {
                return false;
            }

            if (_query.TraineePersonId is { } self && mentor.PersonId == self)
            {
                return false;
            }

            foreach (var account in mentor.Accounts)
            {
                if (_ownAccounts.Contains(account) || (_query.ExcludedAccounts?.Contains(account) ?? false))
                {
                    return false;
                }
            }

            if (!_weights.RequireSharedLanguage || traineeLanguages.Count == 0 || _index.MentorLanguages[m].Length == 0)
            {
                return true;
            }

            foreach (var language in _index.MentorLanguages[m])
            {
                if (traineeLanguages.Contains(language))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Cosine similarity: the query vector (sublinear tf × idf, unit length) dotted with each mentor's.</summary>
        private void ScoreInterest()
        {
            var norm = 0.0;
            foreach (var (term, count) in _queryTerms)
            {
                if (_index.TermIds.TryGetValue(term, out var id))
                {
                    var weight = (1 + Math.Log(count)) * _index.Idf[id];
                    _queryVector.Add((id, weight));
                    norm += weight * weight;
                }
            }

            if (norm <= 0)
            {
                return;
            }

            norm = Math.Sqrt(norm);
            for (var i = 0; i < _queryVector.Count; i++)
            {
                var (id, weight) = _queryVector[i];
                var q = weight / norm;
                _queryVector[i] = (id, q);
                for (var p = _index.PostingOffsets[id]; p < _index.PostingOffsets[id + 1]; p++)
                {
                    _interest[_index.PostingMentors[p]] += q * _index.PostingWeights[p];
                }
            }
        }

        /// <summary>
        /// Raw proximity: Σ over accounts f the trainee follows that follow the mentor of 1/ln(2 + f's following)
        /// (Adamic–Adar: a follow from someone who follows few says more), plus 0.5 × Σ over accounts both follow of
        /// 1/ln(2 + their followers), plus direct ties and the same community.
        /// </summary>
        private void ScoreNetwork()
        {
            var hidden = _query.HiddenPartners;
            var followed = new HashSet<int>();
            foreach (var account in _query.TraineeAccounts)
            {
                foreach (var f in _index.Following(account))
                {
                    if (_ownAccounts.Contains(f) || (hidden?.Contains(f) ?? false))
                    {
                        continue;
                    }

                    followed.Add(f);
                    var m = _index.MentorOf(f);
                    if (m >= 0)
                    {
                        _youFollow[m] = true;
                    }
                }

                foreach (var s in _index.Followers(account))
                {
                    var m = _index.MentorOf(s);
                    if (m >= 0 && !(hidden?.Contains(s) ?? false))
                    {
                        _theyFollow[m] = true;
                    }
                }

                var targets = _index.EngagedWith(account);
                var weights = _index.EngagementWeightsOf(account);
                for (var i = 0; i < targets.Length; i++)
                {
                    var m = _index.MentorOf(targets[i]);
                    if (m >= 0 && !(hidden?.Contains(targets[i]) ?? false) && !_ownAccounts.Contains(targets[i]))
                    {
                        _engagement[m] += weights[i];
                    }
                }
            }

            var stamp = new int[_index.MentorCount];
            var visit = 0;
            foreach (var f in followed)
            {
                visit++;
                var viaF = 1.0 / Math.Log(2 + _index.FollowingOf(f));
                foreach (var t in _index.Following(f))
                {
                    var m = _index.MentorOf(t);
                    if (m >= 0 && stamp[m] != visit)
                    {
                        stamp[m] = visit;
                        _twoHop[m] += viaF;
                        _twoHopCount[m]++;
                    }
                }

                visit++;
                var viaShared = 0.5 / Math.Log(2 + _index.FollowersOf(f));
                foreach (var s in _index.Followers(f))
                {
                    var m = _index.MentorOf(s);
                    if (m >= 0 && stamp[m] != visit && !_ownAccounts.Contains(s))
                    {
                        stamp[m] = visit;
                        _shared[m] += viaShared;
                        _sharedCount[m]++;
                    }
                }
            }

            if (_index.HasCommunities && _query.TraineeAccounts.Count > 0)
            {
                var communities = _query.TraineeAccounts.Select(_index.CommunityOf).Where(c => c >= 0).ToHashSet();
                for (var m = 0; m < _index.MentorCount; m++)
                {
                    _sameCommunity[m] = _index.MentorArray[m].Accounts.Any(a => communities.Contains(_index.CommunityOf(a)));
                }
            }
        }

        /// <summary>The mentor's activity figures; in an evaluation, without their replies to the hidden trainee.</summary>
        private MentorActivity Adjusted(int m, bool traineeIsTrainee)
        {
            var figures = _index.Activity[m];
            if (_query.HiddenPartners is null || _query.TraineeAccounts.Count == 0)
            {
                return figures;
            }

            var replied = _index.RepliedTo[m];
            var removed = _query.TraineeAccounts.Count(a => Array.BinarySearch(replied, a) >= 0 && _index.MentorArray[m].Accounts.Any(_query.HiddenPartners.Contains));
            return removed == 0 ? figures : figures with
            {
                AccountsRepliedTo = figures.AccountsRepliedTo - removed,
                TraineesRepliedTo = figures.TraineesRepliedTo - (traineeIsTrainee ? removed : 0),
            };
        }

        private double TimeZoneFactor(TimeSpan? trainee, TimeSpan? mentor)
        {
            if (trainee is not { } a || mentor is not { } b)
            {
                return 1.0;
            }

            var shared = TimeZones.SharedWorkingHours(a, b);
            return _weights.TimeZoneMinimumFactor + ((1 - _weights.TimeZoneMinimumFactor) * shared / 12.0);
        }

        private MentorEvidence Evidence(int m)
        {
            var mentor = _index.MentorArray[m];
            var topicTerms = new Dictionary<string, string>(StringComparer.Ordinal);
            var words = new List<string>();
            foreach (var topic in mentor.Topics)
            {
                words.Clear();
                TermAnalyzer.AddTopic(topic, words);
                foreach (var w in words)
                {
                    topicTerms.TryAdd(w, topic);
                }
            }

            var matched = new List<MatchedTerm>();
            var matchedTopics = new List<string>();
            foreach (var (id, q) in _queryVector)
            {
                for (var p = _index.PostingOffsets[id]; p < _index.PostingOffsets[id + 1]; p++)
                {
                    if (_index.PostingMentors[p] == m)
                    {
                        var term = _index.Terms[id];
                        var fromProfile = topicTerms.TryGetValue(term, out var topic);
                        matched.Add(new MatchedTerm(term, q * _index.PostingWeights[p], _index.PostingPosts[p], fromProfile));
                        if (fromProfile && !matchedTopics.Contains(topic!, StringComparer.Ordinal))
                        {
                            matchedTopics.Add(topic!);
                        }

                        break;
                    }
                }
            }

            matched.Sort((a, b) => b.Contribution.CompareTo(a.Contribution) is var c && c != 0 ? c : string.CompareOrdinal(a.Term, b.Term));
            var traineeZone = TimeZones.Offset(_query.TimeZone, _index.ReferenceTime);
            var mentorZone = _index.MentorZones[m];
            double? apart = traineeZone is { } a && mentorZone is { } b ? TimeZones.HoursApart(a, b) : null;
            int? sharedHours = traineeZone is { } x && mentorZone is { } y ? (int)Math.Round(TimeZones.SharedWorkingHours(x, y)) : null;
            var traineeLanguages = Languages.Primary(_query.Languages);
            return new MentorEvidence(
                matched,
                matchedTopics,
                _twoHopCount[m],
                _sharedCount[m],
                _youFollow[m],
                _theyFollow[m],
                _engagement[m],
                _sameCommunity[m],
                _activityFigures[m],
                apart,
                sharedHours,
                mentor.Languages.Where(l => traineeLanguages.Contains(Languages.PrimaryOf(l))).ToList(),
                !string.IsNullOrWhiteSpace(_query.Specialty) && string.Equals(_query.Specialty.Trim(), mentor.Specialty?.Trim(), StringComparison.OrdinalIgnoreCase),
                _query.CareerStage is { } stage && mentor.CareerStage > stage,
                mentor.Offers & _query.Seeking,
                _availability?[m].OpenPlaces ?? mentor.Capacity,
                _index.InterestWindowDays);
        }

        /// <summary>ln(1 + x) / ln(1 + k), capped at 1: reaches 1 at x = k and rises steeply at first.</summary>
        private static double Saturate(double x, double k) => x <= 0 ? 0 : Math.Min(1.0, Math.Log(1 + x) / Math.Log(1 + k));
    }
}
