using System.Globalization;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Importers;

namespace SoMeScholar.Benchmarks.Mentors;

/// <summary>
/// A generated community at the issue's scale (100,000 accounts, 5,000 mentors), deterministic for a seed: a
/// Price-style follow graph (each new account follows 8 earlier ones in proportion to in-degree + 1, a quarter followed
/// back, as ../shared/graphs/sf-100000 was made), mentors drawn in proportion to followers, 40 posts per mentor over
/// 90 days from 12 fields of 25 topic words and 3 hashtags each, likes and replies along follows, and mentors'
/// replies to their followers.
/// </summary>
public sealed class SyntheticMentorNetwork
{
    public const int FollowsPerAccount = 8;

    public static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Fields =
    [
        "emergency", "critical", "pediatric", "surgery", "nursing", "radiology", "cardiology", "oncology", "psychiatry", "family", "neurology", "research",
    ];

    public int AccountCount { get; private init; }
    public List<(int Source, int Target)> Follows { get; } = [];
    public List<(int Source, int Target, InteractionKind Kind, DateTime At)> Engagements { get; } = [];
    public List<(int Author, DateTime At, string Text, string[] Tags)> Posts { get; } = [];
    public List<IndexedMentor> Mentors { get; } = [];
    public int[] FieldOfAccount { get; private init; } = [];
    public List<int> Trainees { get; } = [];

    public static string Topic(int field, int word) => $"{Fields[field]}{(char)('a' + (word % 26))}{word / 26}";

    public static string Hashtag(int field, int tag) => $"{Fields[field]}Ed{tag}";

    public static SyntheticMentorNetwork Generate(int accounts, int mentors, int seed)
    {
        var random = new Random(seed);
        var network = new SyntheticMentorNetwork { AccountCount = accounts, FieldOfAccount = new int[accounts] };
        for (var v = 0; v < accounts; v++)
        {
            network.FieldOfAccount[v] = random.Next(Fields.Length);
        }

        // Preferential attachment: a target list with one entry per node (the +1) and one per received follow.
        var targets = new List<int>(accounts * (FollowsPerAccount + 2));
        var inDegree = new int[accounts];
        var chosen = new HashSet<int>();
        for (var v = 0; v < accounts; v++)
        {
            chosen.Clear();
            var wanted = Math.Min(FollowsPerAccount, v);
            while (chosen.Count < wanted)
            {
                chosen.Add(targets[random.Next(targets.Count)]);
            }

            foreach (var t in chosen)
            {
                network.Follows.Add((v, t));
                targets.Add(t);
                inDegree[t]++;
                if (random.NextDouble() < 0.25)
                {
                    network.Follows.Add((t, v));
                    targets.Add(v);
                    inDegree[v]++;
                }
            }

            targets.Add(v);
        }

        // Mentors: drawn in proportion to followers + 1 (people who mentor tend to be visible).
        var mentorAccounts = new HashSet<int>();
        while (mentorAccounts.Count < mentors)
        {
            mentorAccounts.Add(targets[random.Next(targets.Count)]);
        }

        string[] zones = ["America/Toronto", "America/New_York", "America/Chicago", "Europe/London", "Europe/Berlin", "Asia/Singapore", "Australia/Sydney"];
        var mentorIndex = 0;
        foreach (var account in mentorAccounts.Order())
        {
            var field = network.FieldOfAccount[account];
            network.Mentors.Add(new IndexedMentor(
                mentorIndex + 1L,
                mentorIndex + 1L,
                "Mentor " + mentorIndex.ToString(CultureInfo.InvariantCulture),
                Fields[field],
                (CareerStage)(3 + random.Next(3)),
                zones[random.Next(zones.Length)],
                random.NextDouble() < 0.85 ? ["en"] : ["en", "fr"],
                (MentoringAreas)(1 + random.Next(15)),
                1 + random.Next(4),
                [Topic(field, random.Next(25)), Topic(field, random.Next(25)), "#" + Hashtag(field, random.Next(3))],
                [account]));
            mentorIndex++;
            for (var p = 0; p < 40; p++)
            {
                var at = Now.AddMinutes(-random.Next(90 * 24 * 60));
                var postField = random.NextDouble() < 0.8 ? field : random.Next(Fields.Length);
                var tag = Hashtag(postField, random.Next(3));
                network.Posts.Add((account, at, $"Teaching tip on {Topic(postField, random.Next(25))} and {Topic(postField, random.Next(25))} for residents #{tag}", [tag]));
            }
        }

        // Trainees: a fifth of the accounts.
        for (var v = 0; v < accounts; v++)
        {
            if (!mentorAccounts.Contains(v) && random.NextDouble() < 0.2)
            {
                network.Trainees.Add(v);
            }
        }

        // Engagement along follows: 5 per account on average (likes, reposts, replies), and mentors reply to followers.
        var followsOf = network.Follows.GroupBy(f => f.Source).ToDictionary(g => g.Key, g => g.Select(f => f.Target).ToArray());
        var kinds = new[] { InteractionKind.Like, InteractionKind.Like, InteractionKind.Like, InteractionKind.Repost, InteractionKind.Reply };
        for (var v = 0; v < accounts; v++)
        {
            if (!followsOf.TryGetValue(v, out var followed))
            {
                continue;
            }

            for (var e = 0; e < 5; e++)
            {
                network.Engagements.Add((v, followed[random.Next(followed.Length)], kinds[random.Next(kinds.Length)], Now.AddMinutes(-random.Next(90 * 24 * 60))));
            }
        }

        var trainees = network.Trainees.ToArray();
        foreach (var mentor in network.Mentors)
        {
            for (var r = 0; r < 10; r++)
            {
                network.Engagements.Add((mentor.Accounts[0], trainees[random.Next(trainees.Length)], InteractionKind.Reply, Now.AddMinutes(-random.Next(90 * 24 * 60))));
            }
        }

        return network;
    }

    public MentorIndex BuildIndex()
    {
        var builder = new MentorIndexBuilder(AccountCount, Now);
        foreach (var mentor in Mentors)
        {
            builder.AddMentor(mentor);
        }

        foreach (var trainee in Trainees)
        {
            builder.MarkTrainee(trainee);
        }

        foreach (var (source, target) in Follows)
        {
            builder.AddFollow(source, target);
        }

        foreach (var (source, target, kind, at) in Engagements)
        {
            builder.AddEngagement(source, target, kind, at);
        }

        foreach (var (author, at, text, tags) in Posts)
        {
            builder.AddPost(author, at, text, tags);
        }

        // As the store loader does: Louvain communities on the follows and engagement.
        builder.DetectCommunities();
        return builder.Build();
    }

    /// <summary>A trainee's request in a random field: two topics, a hashtag, a time zone, English, research or career.</summary>
    public MentorQuery Query(Random random)
    {
        var trainee = Trainees[random.Next(Trainees.Count)];
        var field = FieldOfAccount[trainee];
        return new MentorQuery
        {
            Topics = [Topic(field, random.Next(25)), Topic(field, random.Next(25))],
            Hashtags = [Hashtag(field, random.Next(3))],
            FreeText = "Looking for guidance on a first education research project",
            CareerStage = CareerStage.Resident,
            TimeZone = "Europe/London",
            Languages = ["en"],
            Seeking = random.NextDouble() < 0.5 ? MentoringAreas.Research : MentoringAreas.Career,
            TraineeAccounts = [trainee],
            TraineePersonId = -1,
        };
    }

    /// <summary>Availability as production would read it: 5% of mentors paused or full.</summary>
    public MentorAvailability[] Availability(int seed)
    {
        var random = new Random(seed);
        return Mentors.Select(m => random.NextDouble() < 0.05 ? MentorAvailability.Closed : MentorAvailability.Open(m.Capacity)).ToArray();
    }
}
