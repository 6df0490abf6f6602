using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Demo;

public sealed record DemoPerson(int Index, string Slug, string DisplayName, PersonKind Kind, Profession Profession, string Specialty, string Institution, string TimeZone, string Languages, string Bio, IReadOnlyList<CommunityRole> Roles);

public sealed record DemoAccount(int Index, int PersonIndex, Platform Platform, string ExternalId, string Handle, string DisplayName, string ProfileUrl, int Specialty, double Attractiveness, double Activity);

/// <summary>An open-access education resource in the demo (a blog post, podcast episode...): its address is what demo posts link to.</summary>
public sealed record DemoResource(string Url, string Title, string Type, int AuthorPersonIndex, string Specialty, DateTime PublishedAt, string Site);

/// <summary>
/// The whole synthetic community as data, derived from a seed alone: people, their accounts, resources, the follow
/// graph, posts, reposts and likes. <see cref="DemoCommunity"/> writes it through the archive; later capabilities
/// call <see cref="Create"/> with the same seed to find the same people and resources.
/// </summary>
public sealed class DemoPlan
{
    public const string ConferenceHashtag = "SoMeDemo26";
    public const string ConferenceName = "SoMe Demo Summit 2026";
    public const string ConferenceTimeZone = "America/Toronto";

    /// <summary>The 90 days the demo posts cover (UTC), and the conference's three days inside them (local dates).</summary>
    public static readonly DateTime WindowStart = new(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int WindowDays = 90;
    public static readonly DateOnly ConferenceFirstDay = new(2026, 10, 14);
    public const int ConferenceDays = 3;

    private const int IndividualCount = 1_420;
    private const int PostTarget = 31_500;

    private readonly Random _random;
    private readonly List<ImportRecord> _records = [];

    private DemoPlan(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }
    public List<DemoPerson> People { get; } = [];
    public List<DemoAccount> Accounts { get; } = [];
    public List<DemoResource> Resources { get; } = [];

    /// <summary>Everything to import, in an order the archive can resolve (accounts, then posts by time, then edges).</summary>
    public IReadOnlyList<ImportRecord> Records => _records;

    public static DateTime WindowEnd => WindowStart.AddDays(WindowDays);

    public static DemoPlan Create(int seed)
    {
        var plan = new DemoPlan(seed);
        plan.CreatePeople();
        plan.CreateAccounts();
        plan.CreateResources();
        var follows = plan.CreateFollowGraph();
        plan.CreateAccountRecords(follows);
        plan.CreatePosts(follows);
        return plan;
    }

    private static readonly SourcePosition Origin = new("demo");

    private void CreatePeople()
    {
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < IndividualCount; i++)
        {
            var first = Pick(DemoVocabulary.FirstNames);
            var last = Pick(DemoVocabulary.LastNames);
            var name = $"{first} {last}";
            if (!usedNames.Add(name))
            {
                name = $"{first} {(char)('A' + _random.Next(26))}. {last}";
                if (!usedNames.Add(name))
                {
                    name = $"{first} {last}-{i}";
                    usedNames.Add(name);
                }
            }

            var specialty = DemoVocabulary.Specialties[Weighted([14, 9, 14, 10, 8, 12, 9, 8])];
            var profession = specialty.Slug == "nursing" && _random.NextDouble() < 0.7 ? Profession.Nurse : DemoVocabulary.ProfessionFor(_random.NextDouble());
            var title = profession is Profession.Physician or Profession.Educator && _random.NextDouble() < 0.7 ? "Dr " : "";
            var roles = new List<CommunityRole>();
            if (_random.NextDouble() < 0.16 && profession is not Profession.MedicalStudent)
            {
                roles.Add(CommunityRole.Creator);
            }

            if (profession is Profession.Physician or Profession.Educator or Profession.Nurse && _random.NextDouble() < 0.12)
            {
                roles.Add(CommunityRole.ExpertReviewer);
            }

            if (profession is Profession.Resident or Profession.MedicalStudent || (profession == Profession.Nurse && _random.NextDouble() < 0.2))
            {
                roles.Add(CommunityRole.Trainee);
            }

            if (profession == Profession.Researcher || _random.NextDouble() < 0.05)
            {
                roles.Add(CommunityRole.Researcher);
            }

            if (profession is Profession.Physician or Profession.Educator or Profession.Nurse && _random.NextDouble() < 0.22)
            {
                roles.Add(CommunityRole.Mentor);
            }

            if (_random.NextDouble() < 0.02)
            {
                roles.Add(CommunityRole.Organiser);
            }

            var languages = _random.NextDouble() switch
            {
                < 0.78 => "en",
                < 0.86 => "en,fr",
                < 0.92 => "en,es",
                < 0.96 => "de,en",
                _ => "pt,en",
            };
            var institution = Pick(DemoVocabulary.Institutions);
            var displayName = title + name;
            People.Add(new DemoPerson(
                People.Count,
                Slugify(name),
                displayName,
                PersonKind.Individual,
                profession,
                specialty.Name,
                institution,
                Pick(DemoVocabulary.TimeZones).Zone,
                languages,
                $"{ProfessionLabel(profession)} in {specialty.Name.ToLowerInvariant()} at {institution}. Interested in {Pick(specialty.Topics)} and {Pick(specialty.Topics)}. Synthetic demo account.",
                roles));
        }

        foreach (var (journal, index) in DemoVocabulary.Journals.Select((j, i) => (j, i)))
        {
            var specialty = DemoVocabulary.Specialties[index % DemoVocabulary.Specialties.Length];
            People.Add(new DemoPerson(People.Count, Slugify(journal), journal, PersonKind.Organisation, Profession.Journal, specialty.Name, journal, "America/New_York", "en",
                $"Peer-reviewed journal for {specialty.Name.ToLowerInvariant()} education. Synthetic demo account.", [CommunityRole.Creator]));
        }

        foreach (var (society, index) in DemoVocabulary.Societies.Select((s, i) => (s, i)))
        {
            var specialty = DemoVocabulary.Specialties[(index * 3) % DemoVocabulary.Specialties.Length];
            People.Add(new DemoPerson(People.Count, Slugify(society), society, PersonKind.Organisation, Profession.Society, specialty.Name, society, "America/Toronto", "en",
                $"Professional society. Organisers of the {ConferenceName}. Synthetic demo account.", [CommunityRole.Organiser]));
        }
    }

    private void CreateAccounts()
    {
        var usedHandles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            var specialty = Array.FindIndex(DemoVocabulary.Specialties, s => s.Name == person.Specialty);
            var organisation = person.Kind == PersonKind.Organisation;
            // Heavy tails: a Pareto draw for how followed an account is and a log-normal one for how much it posts.
            var attractiveness = organisation ? 40 + (_random.NextDouble() * 60) : Pareto(1.35, 1.0);
            if (person.Roles.Contains(CommunityRole.Creator))
            {
                attractiveness *= 2.5;
            }

            var activity = Math.Exp(Normal(0, 0.9)) * (person.Roles.Contains(CommunityRole.Creator) ? 2.2 : 1.0) * (organisation ? 2.0 : 1.0);
            var roll = _random.NextDouble();
            var platforms = organisation || roll >= 0.85 ? new[] { Platform.Bluesky, Platform.Mastodon } : roll < 0.55 ? new[] { Platform.Bluesky } : new[] { Platform.Mastodon };
            var baseHandle = person.Slug.Replace("-", "", StringComparison.Ordinal);
            if (baseHandle.Length > 24)
            {
                baseHandle = baseHandle[..24];
            }

            foreach (var platform in platforms)
            {
                var handle = baseHandle;
                for (var n = 2; !usedHandles.Add(platform + handle); n++)
                {
                    handle = baseHandle + n.ToString(CultureInfo.InvariantCulture);
                }

                var (externalId, fullHandle, url) = platform == Platform.Bluesky
                    ? ($"did:plc:{Base32(Hash($"{Seed}:{handle}"), 24)}", $"{handle}.bsky.demo.invalid", $"https://bsky.demo.invalid/profile/{handle}.bsky.demo.invalid")
                    : ($"https://{Instance(specialty)}/users/{handle}", $"{handle}@{Instance(specialty)}", $"https://{Instance(specialty)}/@{handle}");
                Accounts.Add(new DemoAccount(Accounts.Count, person.Index, platform, externalId, fullHandle, person.DisplayName, url, specialty, attractiveness, activity));
            }
        }
    }

    private void CreateResources()
    {
        foreach (var person in People.Where(p => p.Roles.Contains(CommunityRole.Creator)))
        {
            var specialty = DemoVocabulary.Specialties.First(s => s.Name == person.Specialty);
            var site = person.Kind == PersonKind.Organisation ? $"{person.Slug}.example" : $"{Slugify(person.DisplayName.Replace("Dr ", "", StringComparison.Ordinal))}-{specialty.Slug}.example";
            var count = person.Kind == PersonKind.Organisation ? 6 : 1 + _random.Next(4);
            for (var i = 0; i < count; i++)
            {
                var topic = Pick(specialty.Topics);
                var type = person.Kind == PersonKind.Organisation && person.Profession == Profession.Journal ? "paper" : Pick(DemoVocabulary.ResourceTypes);
                var title = type switch
                {
                    "podcast" => $"Episode {10 + _random.Next(180)}: {Capitalise(topic)} with the experts",
                    "video" => $"{Capitalise(topic)} in ten minutes",
                    "thread" => $"A tweetorial on {topic}",
                    "infographic" => $"{Capitalise(topic)} at a glance",
                    "slides" => $"Teaching slides: {topic}",
                    "paper" => $"{Capitalise(topic)}: a mixed-methods study",
                    _ => $"{Capitalise(topic)}: what every learner should know",
                };
                var published = WindowStart.AddDays(-_random.Next(400)).AddHours(_random.Next(24));
                var url = $"https://{site}/{published:yyyy}/{Slugify(title)}";
                if (Resources.Any(r => r.Url == url))
                {
                    url += "-" + i.ToString(CultureInfo.InvariantCulture);
                }

                Resources.Add(new DemoResource(url, title, type, person.Index, person.Specialty, published, site));
            }
        }
    }

    /// <summary>Follow edges (follower → followed), same platform only, 80% inside the follower's specialty, chosen in proportion to attractiveness; a quarter are followed back.</summary>
    private List<(int From, int To, DateTime At)> CreateFollowGraph()
    {
        var follows = new List<(int, int, DateTime)>();
        var seen = new HashSet<long>();
        var pools = new Dictionary<(Platform, int), WeightedPool>();
        foreach (var group in Accounts.GroupBy(a => (a.Platform, a.Specialty)))
        {
            pools[group.Key] = new WeightedPool([.. group]);
        }

        var everyone = new Dictionary<Platform, WeightedPool>
        {
            [Platform.Bluesky] = new WeightedPool([.. Accounts.Where(a => a.Platform == Platform.Bluesky)]),
            [Platform.Mastodon] = new WeightedPool([.. Accounts.Where(a => a.Platform == Platform.Mastodon)]),
        };

        foreach (var account in Accounts)
        {
            var wanted = (int)Math.Min(320, Math.Max(3, Math.Exp(Normal(3.05, 0.75))));
            for (var attempt = 0; attempt < wanted * 3 && wanted > 0; attempt++)
            {
                var pool = _random.NextDouble() < 0.8 && pools.TryGetValue((account.Platform, account.Specialty), out var own) ? own : everyone[account.Platform];
                var target = pool.Draw(_random);
                if (target.Index == account.Index || !seen.Add(((long)account.Index << 32) | (uint)target.Index))
                {
                    continue;
                }

                var at = WindowStart.AddDays(-_random.Next(700)).AddMinutes(_random.Next(1440));
                follows.Add((account.Index, target.Index, at));
                wanted--;
                if (_random.NextDouble() < 0.25 && seen.Add(((long)target.Index << 32) | (uint)account.Index))
                {
                    follows.Add((target.Index, account.Index, at.AddHours(_random.Next(1, 200))));
                }
            }
        }

        return follows;
    }

    private void CreateAccountRecords(List<(int From, int To, DateTime At)> follows)
    {
        var inDegree = new int[Accounts.Count];
        var outDegree = new int[Accounts.Count];
        foreach (var (from, to, _) in follows)
        {
            outDegree[from]++;
            inDegree[to]++;
        }

        foreach (var account in Accounts)
        {
            var person = People[account.PersonIndex];
            // Followers beyond the archive: the archived in-degree times a reach factor, growing a little each month.
            var followers = (long)((inDegree[account.Index] * (6 + (account.Attractiveness % 6))) + _random.Next(40));
            for (var month = 0; month <= 3; month++)
            {
                _records.Add(new ImportedAccount
                {
                    Position = Origin,
                    Platform = account.Platform,
                    ExternalId = account.ExternalId,
                    Handle = account.Handle,
                    DisplayName = account.DisplayName,
                    Bio = person.Bio,
                    ProfileUrl = account.ProfileUrl,
                    CreatedAt = WindowStart.AddDays(-400 - _random.Next(1500)),
                    Counts = new AccountCounts((long)(followers * (1 + (0.03 * month))), (long)(outDegree[account.Index] * 1.4) + _random.Next(20), null, WindowStart.AddDays(30 * month)),
                });
            }
        }

        foreach (var (from, to, at) in follows)
        {
            var source = Accounts[from];
            var target = Accounts[to];
            _records.Add(new ImportedInteraction
            {
                Position = Origin,
                Platform = source.Platform,
                Kind = InteractionKind.Follow,
                NaturalKey = source.Platform == Platform.Bluesky ? $"at://{source.ExternalId}/app.bsky.graph.follow/{Tid(at, from * 7919 + to)}" : $"follow:{source.ExternalId}:{target.ExternalId}",
                SourceExternalId = source.ExternalId,
                TargetExternalId = target.ExternalId,
                OccurredAt = at,
            });
        }
    }

    private sealed record PlannedPost(int Author, string ExternalId, DateTime At, PostKind Kind, string[] Tags);

    private void CreatePosts(List<(int From, int To, DateTime At)> follows)
    {
        var following = Accounts.Select(_ => new List<int>()).ToArray();
        foreach (var (from, to, _) in follows)
        {
            following[from].Add(to);
        }

        var authors = new WeightedPool([.. Accounts], a => a.Activity);
        var byAuthor = Accounts.Select(_ => new List<PlannedPost>()).ToArray();
        var posts = new List<(PlannedPost Plan, ImportedPost Record)>();
        var conferenceStart = TimeZoneInfo.ConvertTimeToUtc(ConferenceFirstDay.ToDateTime(TimeOnly.MinValue), TimeZoneInfo.FindSystemTimeZoneById(ConferenceTimeZone));
        var attendees = Enumerable.Range(0, 320).Select(_ => authors.Draw(_random).Index).Distinct().ToArray();
        var counter = 0;

        // Ordinary days: posts spread over the window, busier on weekdays and in daytime.
        var ordinary = PostTarget - 3_600;
        var times = Enumerable.Range(0, ordinary).Select(_ => RandomTime()).Order().ToList();
        // The conference: a spike over its three days from the attendees, with a little before and after.
        for (var i = 0; i < 3_300; i++)
        {
            times.Add(conferenceStart.AddHours(8 + _random.Next(ConferenceDays * 24 - 12) + _random.NextDouble()));
        }

        times.Sort();
        var conferenceEnd = conferenceStart.AddDays(ConferenceDays);
        foreach (var at in times)
        {
            var during = at >= conferenceStart && at < conferenceEnd;
            var author = during && _random.NextDouble() < 0.9 ? attendees[_random.Next(attendees.Length)] : authors.Draw(_random).Index;
            var account = Accounts[author];
            var specialty = DemoVocabulary.Specialties[account.Specialty];
            var aboutConference = during || (at > conferenceStart.AddDays(-21) && at < conferenceEnd.AddDays(10) && _random.NextDouble() < 0.06);
            var recentFromFollowed = RecentPost(following[author], byAuthor, at);
            var roll = _random.NextDouble();
            var kind = recentFromFollowed is not null && roll < 0.26 ? PostKind.Reply : recentFromFollowed is not null && roll < 0.31 ? PostKind.Quote : PostKind.Original;
            var tags = new List<string>();
            if (aboutConference)
            {
                tags.Add(ConferenceHashtag);
            }

            if (kind != PostKind.Reply || _random.NextDouble() < 0.3)
            {
                tags.Add(Pick(specialty.Hashtags));
                if (_random.NextDouble() < 0.35)
                {
                    tags.Add(_random.NextDouble() < 0.5 ? "MedEd" : "FOAMed");
                }
            }

            var distinctTags = tags.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var mentions = new List<DemoAccount>();
            var links = new List<string>();
            string text;
            var topic = Pick(specialty.Topics);
            switch (kind)
            {
                case PostKind.Reply:
                    var parentAuthor = Accounts[recentFromFollowed!.Author];
                    mentions.Add(parentAuthor);
                    text = $"@{parentAuthor.Handle} {Pick(DemoVocabulary.Reactions)}";
                    break;
                case PostKind.Quote:
                    text = $"{Pick(DemoVocabulary.Reactions)} Especially the part on {topic}.";
                    break;
                default:
                    if (aboutConference && during)
                    {
                        var day = (int)(at - conferenceStart).TotalDays + 1;
                        text = string.Format(CultureInfo.InvariantCulture, Pick(DemoVocabulary.ConferenceLines), day) + $" {ConferenceName}: {topic}.";
                    }
                    else if (_random.NextDouble() < 0.3 && Resources.Count > 0)
                    {
                        var resource = PickResource(account);
                        links.Add(resource.Url);
                        text = $"{Pick(DemoVocabulary.OpeningPhrases)} {resource.Title} {resource.Url}";
                    }
                    else
                    {
                        text = $"{Pick(DemoVocabulary.OpeningPhrases)} {topic}. {Pick(DemoVocabulary.Reactions)}";
                    }

                    if (following[author].Count > 0 && _random.NextDouble() < 0.12)
                    {
                        var mentioned = Accounts[following[author][_random.Next(following[author].Count)]];
                        mentions.Add(mentioned);
                        text += $" cc @{mentioned.Handle}";
                    }

                    break;
            }

            text += " " + string.Join(' ', distinctTags.Select(t => "#" + t));
            var (externalId, localId) = PostIds(account, at, counter++);
            var plan = new PlannedPost(author, externalId, at, kind, distinctTags);
            var record = new ImportedPost
            {
                Position = Origin,
                Platform = account.Platform,
                ExternalId = externalId,
                LocalId = localId,
                Version = account.Platform == Platform.Bluesky ? "bafyrei" + Base32(Hash(externalId), 52) : null,
                Url = account.Platform == Platform.Bluesky ? $"https://bsky.demo.invalid/profile/{account.Handle}/post/{externalId[(externalId.LastIndexOf('/') + 1)..]}" : externalId.Replace("/users/", "/@", StringComparison.Ordinal).Replace("/statuses/", "/", StringComparison.Ordinal),
                AuthorExternalId = account.ExternalId,
                AuthorHandle = account.Handle,
                Kind = kind,
                Text = text,
                Language = People[account.PersonIndex].Languages.Split(',')[0],
                CreatedAt = at,
                ReplyToExternalId = kind == PostKind.Reply ? recentFromFollowed!.ExternalId : null,
                ReplyToAuthorExternalId = kind == PostKind.Reply ? Accounts[recentFromFollowed!.Author].ExternalId : null,
                ReplyRootExternalId = kind == PostKind.Reply ? recentFromFollowed!.ExternalId : null,
                QuoteOfExternalId = kind == PostKind.Quote ? recentFromFollowed!.ExternalId : null,
                QuoteOfAuthorExternalId = kind == PostKind.Quote ? Accounts[recentFromFollowed!.Author].ExternalId : null,
                Hashtags = distinctTags,
                Mentions = mentions.Select(m => new ImportedMention(m.ExternalId, m.Handle)).ToList(),
                Links = links,
            };
            byAuthor[author].Add(plan);
            posts.Add((plan, record));
        }

        _records.AddRange(posts.Select(p => p.Record));

        // Reposts and likes of posts by accounts one follows, some hours after the original.
        var reposts = new List<ImportRecord>();
        var likes = new List<ImportRecord>();
        foreach (var account in Accounts)
        {
            var candidates = following[account.Index];
            if (candidates.Count == 0)
            {
                continue;
            }

            var repostCount = (int)(account.Activity * 5.5);
            var likeCount = account.Platform == Platform.Bluesky ? (int)(account.Activity * 14) : 0;
            for (var i = 0; i < repostCount + likeCount; i++)
            {
                var authorPosts = byAuthor[candidates[_random.Next(candidates.Count)]];
                if (authorPosts.Count == 0)
                {
                    continue;
                }

                var original = authorPosts[_random.Next(authorPosts.Count)];
                var at = original.At.AddMinutes(5 + _random.Next(60 * 30));
                if (at >= WindowEnd)
                {
                    continue;
                }

                if (i < repostCount)
                {
                    var (externalId, localId) = PostIds(account, at, counter++, repost: true);
                    reposts.Add(new ImportedPost
                    {
                        Position = Origin,
                        Platform = account.Platform,
                        ExternalId = externalId,
                        LocalId = localId,
                        AuthorExternalId = account.ExternalId,
                        AuthorHandle = account.Handle,
                        Kind = PostKind.Repost,
                        CreatedAt = at,
                        RepostOfExternalId = original.ExternalId,
                        RepostOfAuthorExternalId = Accounts[original.Author].ExternalId,
                    });
                }
                else
                {
                    likes.Add(new ImportedInteraction
                    {
                        Position = Origin,
                        Platform = Platform.Bluesky,
                        Kind = InteractionKind.Like,
                        NaturalKey = $"at://{account.ExternalId}/app.bsky.feed.like/{Tid(at, counter++)}",
                        SourceExternalId = account.ExternalId,
                        TargetExternalId = Accounts[original.Author].ExternalId,
                        SubjectPostExternalId = original.ExternalId,
                        OccurredAt = at,
                    });
                }
            }
        }

        _records.AddRange(reposts.OrderBy(r => ((ImportedPost)r).CreatedAt));
        _records.AddRange(likes);
    }

    private static PlannedPost? RecentPost(List<int> followed, List<PlannedPost>[] byAuthor, DateTime before)
    {
        PlannedPost? best = null;
        foreach (var author in followed)
        {
            var posts = byAuthor[author];
            if (posts.Count > 0 && posts[^1].At < before && posts[^1].At > before.AddDays(-4) && (best is null || posts[^1].At > best.At))
            {
                best = posts[^1];
            }
        }

        return best;
    }

    private DemoResource PickResource(DemoAccount account)
    {
        var own = Resources.Where(r => r.AuthorPersonIndex == account.PersonIndex).ToList();
        if (own.Count > 0 && _random.NextDouble() < 0.6)
        {
            return own[_random.Next(own.Count)];
        }

        var sameField = Resources.Where(r => r.Specialty == DemoVocabulary.Specialties[account.Specialty].Name).ToList();
        var pool = sameField.Count > 0 && _random.NextDouble() < 0.75 ? sameField : Resources;
        // Earlier resources in the list get shared more: a skewed pick so some resources have far more attention.
        var index = (int)(Math.Pow(_random.NextDouble(), 2.2) * pool.Count);
        return pool[Math.Min(index, pool.Count - 1)];
    }

    private static (string ExternalId, string? LocalId) PostIds(DemoAccount account, DateTime at, int counter, bool repost = false)
    {
        if (account.Platform == Platform.Bluesky)
        {
            var collection = repost ? "app.bsky.feed.repost" : "app.bsky.feed.post";
            return ($"at://{account.ExternalId}/{collection}/{Tid(at, counter)}", null);
        }

        // Mastodon-style snowflake ids: milliseconds since the epoch shifted left 16 bits, plus a sequence.
        var id = ((new DateTimeOffset(at).ToUnixTimeMilliseconds() << 16) + (counter & 0xFFFF)).ToString(CultureInfo.InvariantCulture);
        var instance = new Uri(account.ExternalId).Host;
        var user = account.ExternalId[(account.ExternalId.LastIndexOf('/') + 1)..];
        return ($"https://{instance}/users/{user}/statuses/{id}" + (repost ? "/activity" : ""), id);
    }

    private DateTime RandomTime()
    {
        while (true)
        {
            var at = WindowStart.AddSeconds(_random.NextDouble() * WindowDays * 86_400);
            var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var hour = (at.Hour + 19) % 24; // roughly North American daytime in UTC-5
            var weight = (weekend ? 0.55 : 1.0) * (hour is >= 7 and <= 22 ? 1.0 : 0.25);
            if (_random.NextDouble() < weight)
            {
                return at;
            }
        }
    }

    private static string Instance(int specialty) => specialty % 2 == 0 ? "meded.social.demo.invalid" : "med.social.demo.invalid";

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private int Weighted(int[] weights)
    {
        var roll = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private double Pareto(double alpha, double minimum) => minimum / Math.Pow(1 - _random.NextDouble(), 1 / alpha);

    private double Normal(double mean, double deviation)
    {
        // Box-Muller.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static string ProfessionLabel(Profession profession) => profession switch
    {
        Profession.MedicalStudent => "Medical student",
        Profession.Resident => "Resident",
        Profession.Nurse => "Nurse",
        Profession.Educator => "Clinician educator",
        Profession.Researcher => "Education researcher",
        _ => "Physician",
    };

    public static string Slugify(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if ((c == ' ' || c == '-' || c == '.' || c == ':') && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static string Base32(byte[] bytes, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var text = new StringBuilder(length);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(alphabet[bytes[i % bytes.Length] % 32]);
        }

        return text.ToString();
    }

    /// <summary>A timestamp identifier in the AT Protocol's base32-sortable TID shape (13 characters).</summary>
    private static string Tid(DateTime at, int clock)
    {
        const string alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        var micros = (ulong)(new DateTimeOffset(at).ToUnixTimeMilliseconds() * 1000);
        var value = (micros << 10) | ((ulong)clock & 0x3FF);
        var chars = new char[13];
        for (var i = 12; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>Draws accounts with probability proportional to a weight (binary search over cumulative weights).</summary>
    private sealed class WeightedPool
    {
        private readonly DemoAccount[] _items;
        private readonly double[] _cumulative;

        public WeightedPool(DemoAccount[] items, Func<DemoAccount, double>? weight = null)
        {
            _items = items;
            _cumulative = new double[items.Length];
            var total = 0.0;
            for (var i = 0; i < items.Length; i++)
            {
                total += (weight ?? (a => a.Attractiveness))(items[i]);
                _cumulative[i] = total;
            }
        }

        public DemoAccount Draw(Random random)
        {
            var roll = random.NextDouble() * _cumulative[^1];
            var index = Array.BinarySearch(_cumulative, roll);
            return _items[index < 0 ? Math.Min(~index, _items.Length - 1) : index];
        }
    }
}
