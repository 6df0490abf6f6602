using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.People;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Mentors;

public class MentorsDemoTests
{
    [Fact]
    public async Task Demo_mentors_opt_in_and_trainees_have_requests_and_introductions_in_every_state_all_labelled_synthetic()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var plan = DemoPlan.Create(DemoCommunity.DefaultSeed);
        var ids = await AddPeopleAsync(store, plan);
        await using var scope = store.Scope();
        var contribution = scope.ServiceProvider.GetServices<IDemoContribution>().OfType<MentorsDemo>().Single();

        await contribution.AddAsync(new DemoContext(plan, ids, new Random(42)), CancellationToken.None);

        await using var db = store.NewDb();
        var mentorPeople = plan.People.Count(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Mentor));
        var profiles = await db.MentorProfiles.ToListAsync();
        var introductions = await db.MentorIntroductions.ToListAsync();
        Assert.Equal(mentorPeople, profiles.Count);
        Assert.All(profiles, p => Assert.True(p.IsSynthetic));
        Assert.True(profiles.Count(p => p.Status == MentorStatus.Active) > 0.8 * profiles.Count);
        Assert.Contains(profiles, p => p.Status == MentorStatus.Paused);
        Assert.True(await db.TraineeRequests.CountAsync() > 20);
        Assert.Equal(Enum.GetValues<IntroductionStatus>().Order(), introductions.Select(i => i.Status).Distinct().Order());
        Assert.All(introductions, i => Assert.Contains("Synthetic demo", i.Message, StringComparison.Ordinal));
        // Accepted introductions never exceed a mentor's capacity.
        foreach (var group in introductions.Where(i => i.Status == IntroductionStatus.Accepted).GroupBy(i => i.MentorProfileId))
        {
            Assert.True(group.Count() <= profiles.Single(p => p.Id == group.Key).Capacity);
        }

        Assert.True(await db.MentorNotifications.CountAsync() >= introductions.Count);
        Assert.Equal(1, await db.MentorBlocks.CountAsync());
    }

    [Fact]
    public async Task The_demo_contribution_is_deterministic_for_its_seed()
    {
        var first = await ContributeAsync();
        var second = await ContributeAsync();

        Assert.Equal(first, second);
    }

    private static async Task<List<string>> ContributeAsync()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var plan = DemoPlan.Create(DemoCommunity.DefaultSeed);
        var ids = await AddPeopleAsync(store, plan);
        await using var scope = store.Scope();
        await scope.ServiceProvider.GetServices<IDemoContribution>().OfType<MentorsDemo>().Single().AddAsync(new DemoContext(plan, ids, new Random(7)), CancellationToken.None);
        await using var db = store.NewDb();
        var profiles = await db.MentorProfiles.OrderBy(p => p.Id).Select(p => $"{p.PersonId}:{p.Status}:{p.Capacity}:{p.Topics}").ToListAsync();
        var introductions = await db.MentorIntroductions.OrderBy(i => i.Id).Select(i => $"{i.MentorProfileId}:{i.TraineePersonId}:{i.Status}").ToListAsync();
        return [.. profiles, .. introductions];
    }

    /// <summary>The plan's people only (no archive): what the contribution needs, in a fraction of the demo's build time.</summary>
    private static async Task<Dictionary<int, long>> AddPeopleAsync(TestStore store, DemoPlan plan)
    {
        await using var db = store.NewDb();
        var people = plan.People.Select(p =>
        {
            var person = new Person
            {
                DisplayName = p.DisplayName, Slug = p.Slug, Kind = p.Kind, Profession = p.Profession, Specialty = p.Specialty, TimeZone = p.TimeZone, Languages = p.Languages,
                IsSynthetic = true, CreatedAt = DemoPlan.WindowEnd,
            };
            person.Roles.AddRange(p.Roles.Select(r => new PersonRole { Role = r }));
            return (p.Index, person);
        }).ToList();
        db.People.AddRange(people.Select(p => p.person));
        await db.SaveChangesAsync();
        return people.ToDictionary(p => p.Index, p => p.person.Id);
    }
}
