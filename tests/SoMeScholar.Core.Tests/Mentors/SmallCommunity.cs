using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Mentors;

/// <summary>
/// A small archived community for storage tests: trainee Tia, mentors Ada (posts about #POCUS, followed by Tia's
/// follows), Ben (#POCUS, fewer ties) and Cy (#SurgEd), and two other accounts, on Bluesky, imported through the
/// archive writer so the recommender reads what an import would store.
/// </summary>
internal sealed record SmallCommunity(long Tia, long Ada, long Ben, long Cy, long Dee)
{
    public static async Task<SmallCommunity> BuildAsync(TestStore store)
    {
        var now = DateTime.UtcNow;
        var people = new Dictionary<string, long>();
        await using (var db = store.NewDb())
        {
            foreach (var (name, profession, role) in new[]
                     {
                         ("Tia", Profession.Resident, CommunityRole.Trainee), ("Ada", Profession.Physician, CommunityRole.Mentor),
                         ("Ben", Profession.Physician, CommunityRole.Mentor), ("Cy", Profession.Physician, CommunityRole.Mentor),
                         ("Dee", Profession.Resident, CommunityRole.Trainee),
                     })
            {
                var person = new Person
                {
                    DisplayName = name, Slug = name.ToLowerInvariant(), Profession = profession, Specialty = "Emergency Medicine", TimeZone = "Europe/London",
                    Languages = "en", CreatedAt = now,
                };
                person.Roles.Add(new PersonRole { Role = role });
                db.People.Add(person);
                await db.SaveChangesAsync();
                people[name] = person.Id;
            }

            var records = new List<ImportRecord>();
            foreach (var handle in new[] { "tia", "ada", "ben", "cy", "dee", "f1", "f2" })
            {
                records.Add(new ImportedAccount { Position = new("test"), Platform = Platform.Bluesky, ExternalId = Did(handle), Handle = handle + ".test" });
            }

            var follows = new[] { ("tia", "f1"), ("tia", "f2"), ("f1", "ada"), ("f2", "ada"), ("f1", "ben"), ("ada", "tia") };
            records.AddRange(follows.Select((f, i) => new ImportedInteraction
            {
                Position = new("test"), Platform = Platform.Bluesky, Kind = InteractionKind.Follow, NaturalKey = $"at://{Did(f.Item1)}/app.bsky.graph.follow/{i}",
                SourceExternalId = Did(f.Item1), TargetExternalId = Did(f.Item2), OccurredAt = now.AddDays(-100),
            }));
            var counter = 0;
            for (var week = 0; week < 12; week++)
            {
                var at = now.AddDays(-(7 * week) - 1);
                records.Add(Post("ada", at, "Teaching tip on point-of-care ultrasound #POCUS", ["POCUS"], ref counter));
                if (week % 3 == 0)
                {
                    records.Add(Post("ben", at, "Ultrasound pearls #POCUS", ["POCUS"], ref counter));
                }

                records.Add(Post("cy", at, "Operative autonomy #SurgEd", ["SurgEd"], ref counter));
            }

            await using var writer = await ArchiveWriter.StartAsync(db, "small community", "test", Platform.Bluesky, null, TimeProvider.System);
            await writer.WriteBatchAsync(records, "1");
            await writer.CompleteAsync();
        }

        await using (var db = store.NewDb())
        {
            foreach (var (handle, name) in new[] { ("tia", "Tia"), ("ada", "Ada"), ("ben", "Ben"), ("cy", "Cy"), ("dee", "Dee") })
            {
                var personId = people[name];
                await db.Accounts.Where(a => a.ExternalId == Did(handle)).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, personId));
            }
        }

        return new SmallCommunity(people["Tia"], people["Ada"], people["Ben"], people["Cy"], people["Dee"]);
    }

    /// <summary>Opts Ada, Ben and Cy in as mentors (capacity 1 each).</summary>
    public async Task<(long Ada, long Ben, long Cy)> OptInAllAsync(TestStore store)
    {
        await using var scope = store.Scope();
        var profiles = scope.ServiceProvider.GetRequiredService<MentorProfiles>();
        var ada = await profiles.SaveAsync(Ada, Input(["point-of-care ultrasound", "#POCUS"]));
        var ben = await profiles.SaveAsync(Ben, Input(["ultrasound"]));
        var cy = await profiles.SaveAsync(Cy, Input(["surgical coaching"]));
        return (ada.Id, ben.Id, cy.Id);
    }

    public static MentorProfileInput Input(IReadOnlyList<string> topics, int capacity = 1) => new()
    {
        Topics = topics,
        Specialty = "Emergency Medicine",
        CareerStage = CareerStage.MidCareer,
        TimeZone = "Europe/London",
        Languages = ["en"],
        Offers = MentoringAreas.Career | MentoringAreas.Research,
        Capacity = capacity,
        Approach = "Write to me with **one** question.",
    };

    public static TraineeRequestInput Request() => new()
    {
        Topics = ["point-of-care ultrasound"],
        Hashtags = ["POCUS"],
        Specialty = "Emergency Medicine",
        CareerStage = CareerStage.Resident,
        TimeZone = "Europe/London",
        Languages = ["en"],
        Seeking = MentoringAreas.Research,
    };

    private static string Did(string handle) => $"did:plc:{handle}test";

    private static ImportedPost Post(string handle, DateTime at, string text, string[] tags, ref int counter) => new()
    {
        Position = new("test"),
        Platform = Platform.Bluesky,
        ExternalId = $"at://{Did(handle)}/app.bsky.feed.post/{counter++}",
        AuthorExternalId = Did(handle),
        Kind = PostKind.Original,
        CreatedAt = at,
        Text = text,
        Hashtags = tags,
    };
}
