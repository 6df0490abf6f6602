using System.Globalization;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// The demo's conference as an event (capability 3): <see cref="DemoPlan.ConferenceName"/> with its hashtag over its
/// three days, sessions by time and room (posts are attributed to them by time), and a moderated wall holding the
/// conference's latest posts, most approved by the demo organiser and a few still in the queue. It also writes a
/// rehearsal recording (synthetic Jetstream lines) into the replay folder, so a moderator can play a live wall at
/// once. Everything is labelled synthetic.
/// </summary>
public sealed class HashtagsDemo(StoreLocation store, EventCatalog catalog, WallService wall, WallOptions options, TimeProvider clock) : IDemoContribution
{
    public const string RehearsalFile = "some-demo-summit-2026-rehearsal.jsonl";
    private const string Organiser = "demo organiser (synthetic)";

    public int Order => 300;

    public string Name => "conference event and live wall";

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var random = context.Random;
        var item = await catalog.CreateAsync(new EventInput(
            DemoPlan.ConferenceName,
            "A synthetic conference of the demo community: its people, posts and sessions are generated from a fixed seed.",
            DemoPlan.ConferenceFirstDay,
            DemoPlan.ConferenceFirstDay.AddDays(DemoPlan.ConferenceDays - 1),
            DemoPlan.ConferenceTimeZone,
            DemoPlan.ConferenceHashtag), Organiser, synthetic: true, cancellationToken);

        foreach (var session in Sessions(plan, random))
        {
            await catalog.AddSessionAsync(item.Id, session, cancellationToken);
        }

        // The wall: moderated, with the societies that organise it trusted and a few words and phrases denied.
        await wall.UpdateSettingsAsync(item.Id, s =>
        {
            s.Mode = WallMode.HoldForApproval;
            s.CheckProfessionalism = true;
            s.Source = WallSourceKind.Replay;
            s.SourceAddress = RehearsalFile;
            s.ReplaySpeed = 10;
        }, Organiser, cancellationToken);
        foreach (var account in plan.Accounts.Where(a => plan.People[a.PersonIndex].Profession == Profession.Society).Take(4))
        {
            await wall.AddListEntryAsync(item.Id, WallListKind.AllowAccount, account.Handle, Organiser, cancellationToken);
        }

        await wall.AddListEntryAsync(item.Id, WallListKind.DenyWord, "giveaway", Organiser, cancellationToken);
        await wall.AddListEntryAsync(item.Id, WallListKind.DenyPhrase, "buy now", Organiser, cancellationToken);

        // The conference's latest posts reach the wall as a source would bring them (already archived: unchanged).
        var conferencePosts = plan.Records.OfType<ImportedPost>()
            .Where(p => p.Kind != PostKind.Repost && p.Hashtags.Contains(DemoPlan.ConferenceHashtag, StringComparer.OrdinalIgnoreCase))
            .OrderBy(p => p.CreatedAt).TakeLast(60).ToList();
        var accounts = plan.Accounts.ToDictionary(a => (a.Platform, a.ExternalId));
        var records = new List<ImportRecord>();
        foreach (var post in conferencePosts)
        {
            var author = accounts[(post.Platform, post.AuthorExternalId)];
            records.Add(new ImportedAccount { Position = post.Position, Platform = post.Platform, ExternalId = author.ExternalId, Handle = author.Handle, DisplayName = author.DisplayName });
            records.Add(post);
        }

        await IngestAsync(item.Id, records, cancellationToken);
        var queue = await wall.PostsAsync(item.Id, WallPostStatus.Pending, 100, cancellationToken);
        foreach (var post in queue.Take(Math.Max(0, queue.Count - 8)))
        {
            await wall.DecideAsync(item.Id, post.Id, WallAction.Approve, Organiser, cancellationToken);
        }

        var published = await wall.PostsAsync(item.Id, WallPostStatus.Published, 100, cancellationToken);
        if (published.Count > 0)
        {
            var opening = published[^1];
            await wall.DecideAsync(item.Id, opening.Id, WallAction.Pin, Organiser, cancellationToken);
        }

        await WriteRehearsalAsync(plan, random, cancellationToken);
    }

    private async Task IngestAsync(long eventId, List<ImportRecord> records, CancellationToken cancellationToken)
    {
        await using var writerDb = ScholarServiceCollectionExtensions.CreateDb(store);
        await using var writer = await ArchiveWriter.StartAsync(writerDb, $"demo live wall ({DemoPlan.ConferenceName})", "demo", null, null, clock, cancellationToken: cancellationToken);
        await wall.IngestAsync(eventId, writer, records, null, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Three days of sessions in the conference's time zone: a plenary each morning, two rooms in parallel, a closing panel.</summary>
    private static List<SessionInput> Sessions(DemoPlan plan, Random random)
    {
        var speakers = plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Creator)).Select(p => p.DisplayName).ToList();
        string Speakers(int count) => string.Join(", ", Enumerable.Range(0, count).Select(_ => speakers[random.Next(speakers.Count)]).Distinct());
        string Topic() => DemoVocabulary.Specialties[random.Next(DemoVocabulary.Specialties.Length)].Topics[random.Next(6)];
        var sessions = new List<SessionInput>();
        for (var day = 0; day < DemoPlan.ConferenceDays; day++)
        {
            var date = DemoPlan.ConferenceFirstDay.AddDays(day);
            var plenary = day switch
            {
                0 => "Opening keynote: social media as scholarship",
                1 => $"Keynote: {Capitalise(Topic())} in the open",
                _ => "Closing plenary: what we learned together",
            };
            sessions.Add(new SessionInput(plenary, "Main hall", Speakers(1), date, new TimeOnly(9, 0), new TimeOnly(10, 0), null));
            sessions.Add(new SessionInput($"Workshop: {Topic()}", "Room A", Speakers(2), date, new TimeOnly(10, 30), new TimeOnly(12, 0), null));
            sessions.Add(new SessionInput($"Research papers: {Topic()}", "Room B", Speakers(3), date, new TimeOnly(10, 30), new TimeOnly(12, 0), null));
            sessions.Add(new SessionInput($"FOAM in practice: {Topic()}", "Room A", Speakers(2), date, new TimeOnly(13, 30), new TimeOnly(15, 0), null));
            sessions.Add(new SessionInput($"Simulation and {Topic()}", "Room B", Speakers(2), date, new TimeOnly(13, 30), new TimeOnly(15, 0), null));
            sessions.Add(new SessionInput($"Panel: mentorship across institutions, day {day + 1}", "Main hall", Speakers(4), date, new TimeOnly(15, 30), new TimeOnly(17, 0), null));
        }

        return sessions;
    }

    /// <summary>
    /// Ten minutes of synthetic live posts from the demo's Bluesky accounts, as Jetstream lines: most ordinary, some
    /// with slides (held for review), one naming a patient (held by the professionalism check), one with a denied word.
    /// </summary>
    private async Task WriteRehearsalAsync(DemoPlan plan, Random random, CancellationToken cancellationToken)
    {
        var bluesky = plan.Accounts.Where(a => a.Platform == Platform.Bluesky).ToList();
        var start = EventCatalog.Utc(DemoPlan.ConferenceFirstDay.AddDays(1), new TimeOnly(10, 30), HashtagQuery.FindZone(DemoPlan.ConferenceTimeZone));
        var lines = new List<string>();
        foreach (var account in bluesky.Take(80))
        {
            lines.Add(JetstreamLines.Identity(account.ExternalId, account.Handle, start.AddSeconds(-60)));
        }

        for (var i = 0; i < 180; i++)
        {
            var account = bluesky[random.Next(Math.Min(80, bluesky.Count))];
            var at = start.AddSeconds(i * 3.3);
            var topic = DemoVocabulary.Specialties[random.Next(DemoVocabulary.Specialties.Length)].Topics[random.Next(6)];
            var (text, images) = (i % 45) switch
            {
                7 => ("Slides from the workshop, thanks to everyone who came", 1),
                19 => ($"Our poster on {topic} is up in the hall", 2),
                23 => ("Just saw Mrs Eleanor Whitfield, 94, in bed 12 at St Mary's after her fall: great teaching case", 0),
                31 => ("Booth 12 giveaway: buy now and get a free stethoscope", 0),
                _ => (string.Format(CultureInfo.InvariantCulture, DemoVocabulary.ConferenceLines[random.Next(DemoVocabulary.ConferenceLines.Length)], 2) + $" {DemoPlan.ConferenceName}: {topic}.", 0),
            };
            lines.Add(JetstreamLines.Post(account.ExternalId, $"3demo{i:D4}", at, text, [DemoPlan.ConferenceHashtag], images: images));
        }

        Directory.CreateDirectory(options.ReplayFolder);
        await File.WriteAllLinesAsync(options.ReplayPath(RehearsalFile), lines, cancellationToken);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
