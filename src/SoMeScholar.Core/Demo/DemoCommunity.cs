using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Settings;

namespace SoMeScholar.Core.Demo;

public sealed record DemoSummary(int People, int Accounts, long Posts, long Reposts, long Follows, long Likes, long Mentions)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{People:N0} people, {Accounts:N0} accounts, {Posts:N0} posts, {Reposts:N0} reposts, {Follows:N0} follows, {Likes:N0} likes, {Mentions:N0} mentions");
}

public sealed record DemoProgress(string Stage, long Done, long Total);

/// <summary>
/// Builds the demo community into a store: the synthetic people and accounts of <see cref="DemoPlan"/>, imported
/// through the archive like any other source, then the people linked to their accounts. Deterministic for a seed.
/// Everything is labelled synthetic: people carry <see cref="Person.IsSynthetic"/>, handles and sites use reserved
/// .invalid/.example domains, and the store records that it holds the demo (setting <c>demo.seed</c>).
/// </summary>
public sealed class DemoCommunity(ScholarDb db, TimeProvider clock, IEnumerable<IDemoContribution> contributions)
{
    public const int DefaultSeed = 20_261_121;
    public const string SeedSetting = "demo.seed";
    public const string SummarySetting = "demo.summary";
    private const int BatchSize = 2_000;

    /// <summary>True when the store holds no accounts and no people, so building the demo cannot mix with real data.</summary>
    public async Task<bool> IsStoreEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Accounts.AnyAsync(cancellationToken) && !await db.People.AnyAsync(cancellationToken);

    /// <summary>Whether this store holds the demo community, and from which seed.</summary>
    public async Task<int?> InstalledSeedAsync(CancellationToken cancellationToken = default)
    {
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SeedSetting, cancellationToken);
        return setting is not null && int.TryParse(setting.Value, CultureInfo.InvariantCulture, out var seed) ? seed : null;
    }

    public async Task<DemoSummary> BuildAsync(int seed, IProgress<DemoProgress>? progress, CancellationToken cancellationToken = default)
    {
        if (!await IsStoreEmptyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The store already holds accounts or people; the demo community is only built into an empty store.");
        }

        var plan = DemoPlan.Create(seed);
        var people = await AddPeopleAsync(plan, cancellationToken);
        progress?.Report(new DemoProgress("people", people.Count, people.Count));

        ImportRun run;
        await using (var writer = await ArchiveWriter.StartAsync(db, $"demo community (seed {seed})", "demo", null, $"demo:{seed}", clock, cancellationToken: cancellationToken))
        {
            var records = plan.Records;
            for (var start = 0; start < records.Count; start += BatchSize)
            {
                var batch = records.Skip(start).Take(BatchSize).ToList();
                await writer.WriteBatchAsync(batch, (start + batch.Count).ToString(CultureInfo.InvariantCulture), cancellationToken);
                progress?.Report(new DemoProgress("archive", start + batch.Count, records.Count));
            }

            await writer.CompleteAsync(cancellationToken);
            run = writer.Run;
        }

        await LinkAccountsAsync(plan, people, cancellationToken);
        foreach (var contribution in contributions.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            progress?.Report(new DemoProgress(contribution.Name, 0, 1));
            // Each contribution draws from its own generator so adding one never changes what the others produce.
            await contribution.AddAsync(new DemoContext(plan, people, new Random(unchecked((seed * 7919) + contribution.Order))), cancellationToken);
            db.ChangeTracker.Clear();
            progress?.Report(new DemoProgress(contribution.Name, 1, 1));
        }

        var summary = new DemoSummary(plan.People.Count, plan.Accounts.Count, run.Posts + run.Replies + run.Quotes, run.Reposts, run.Follows, run.Likes, run.Mentions);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Settings.Add(new Setting { Key = SeedSetting, Value = seed.ToString(CultureInfo.InvariantCulture), UpdatedAt = now });
        db.Settings.Add(new Setting { Key = SummarySetting, Value = JsonSerializer.Serialize(summary), UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    private async Task<Dictionary<int, long>> AddPeopleAsync(DemoPlan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entities = plan.People.Select(p =>
        {
            var person = new Person
            {
                DisplayName = p.DisplayName,
                Slug = p.Slug,
                Kind = p.Kind,
                Profession = p.Profession,
                Specialty = p.Specialty,
                Institution = p.Institution,
                TimeZone = p.TimeZone,
                Languages = p.Languages,
                Bio = p.Bio,
                IsSynthetic = true,
                CreatedAt = now,
            };
            person.Roles.AddRange(p.Roles.Select(r => new PersonRole { Role = r }));
            return (p.Index, person);
        }).ToList();
        db.People.AddRange(entities.Select(e => e.person));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return entities.ToDictionary(e => e.Index, e => e.person.Id);
    }

    private async Task LinkAccountsAsync(DemoPlan plan, Dictionary<int, long> people, CancellationToken cancellationToken)
    {
        var ids = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.Platform, a.ExternalId }).ToListAsync(cancellationToken);
        var byKey = ids.ToDictionary(a => (a.Platform, a.ExternalId), a => a.Id);
        foreach (var group in plan.Accounts.GroupBy(a => a.PersonIndex))
        {
            var personId = people[group.Key];
            var accountIds = group.Select(a => byKey[(a.Platform, a.ExternalId)]).ToList();
            await db.Accounts.Where(a => accountIds.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, personId), cancellationToken);
        }
    }
}
