using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Reviews;

public sealed record InstrumentInfo(long Id, string Key, int Version, string Name, bool IsBuiltIn, bool IsActive, InstrumentDefinition Definition);

/// <summary>
/// The instruments reviewers can use: the built-in definitions shipped as embedded JSON (rMETRIQ, ALiEM AIR), copied
/// into the store the first time they are needed, and local ones administrators upload (validated; a key and version
/// pair is never overwritten, so a change is a new version).
/// </summary>
public sealed class InstrumentCatalog(ScholarDb db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> BuiltInFiles = ["rmetriq.json", "aliem-air.json"];

    /// <summary>The built-in definitions, parsed from the embedded files.</summary>
    public static IReadOnlyList<InstrumentDefinition> BuiltIns() => BuiltInFiles.Select(ReadBuiltIn).ToList();

    public static InstrumentDefinition ReadBuiltIn(string file)
    {
        using var stream = typeof(InstrumentCatalog).Assembly.GetManifestResourceStream("Instruments/" + file)
            ?? throw new InvalidOperationException($"The built-in instrument {file} is not embedded.");
        using var reader = new StreamReader(stream);
        return InstrumentDefinition.Parse(reader.ReadToEnd());
    }

    public async Task EnsureBuiltInsAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.ReviewInstruments.Select(i => new { i.Key, i.Version }).ToListAsync(cancellationToken);
        var added = false;
        foreach (var definition in BuiltIns().Where(d => !existing.Any(e => e.Key == d.Key && e.Version == d.Version)))
        {
            db.ReviewInstruments.Add(new ReviewInstrument
            {
                Key = definition.Key,
                Version = definition.Version,
                Name = definition.Name,
                DefinitionJson = definition.ToJson(),
                IsBuiltIn = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            added = true;
        }

        if (added)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another request added them at the same moment; theirs are the same definitions.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<IReadOnlyList<InstrumentInfo>> ListAsync(bool activeOnly = false, CancellationToken cancellationToken = default)
    {
        await EnsureBuiltInsAsync(cancellationToken);
        var rows = await db.ReviewInstruments.AsNoTracking().Where(i => !activeOnly || i.IsActive).OrderByDescending(i => i.IsBuiltIn).ThenBy(i => i.Key).ThenByDescending(i => i.Version).ToListAsync(cancellationToken);
        return rows.Select(ToInfo).ToList();
    }

    public async Task<InstrumentInfo> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await EnsureBuiltInsAsync(cancellationToken);
        var row = await db.ReviewInstruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No instrument {id}.");
        return ToInfo(row);
    }

    /// <summary>The newest active version of an instrument key, e.g. "rmetriq".</summary>
    public async Task<InstrumentInfo> GetLatestAsync(string key, CancellationToken cancellationToken = default)
    {
        await EnsureBuiltInsAsync(cancellationToken);
        var row = await db.ReviewInstruments.AsNoTracking().Where(i => i.Key == key && i.IsActive).OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException($"No active instrument '{key}'.");
        return ToInfo(row);
    }

    /// <summary>Administrators add a local instrument (or a new version of any instrument) from its JSON definition.</summary>
    public async Task<InstrumentInfo> AddAsync(ResourceActor actor, string json, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only administrators add instruments.");
        }

        var definition = InstrumentDefinition.Parse(json);
        await EnsureBuiltInsAsync(cancellationToken);
        if (await db.ReviewInstruments.AnyAsync(i => i.Key == definition.Key && i.Version == definition.Version, cancellationToken))
        {
            throw new ResourceRuleException($"{definition.Key} version {definition.Version} already exists; a change is a new version.", "version");
        }

        var row = new ReviewInstrument
        {
            Key = definition.Key,
            Version = definition.Version,
            Name = definition.Name,
            DefinitionJson = definition.ToJson(),
            IsBuiltIn = false,
            CreatedByUserId = actor.UserId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewInstruments.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(row);
    }

    /// <summary>Administrators withdraw an instrument version from new reviews (existing reviews keep it) or restore it.</summary>
    public async Task SetActiveAsync(ResourceActor actor, long id, bool active, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only administrators change instruments.");
        }

        var row = await db.ReviewInstruments.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No instrument {id}.");
        row.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static InstrumentInfo ToInfo(ReviewInstrument row) =>
        new(row.Id, row.Key, row.Version, row.Name, row.IsBuiltIn, row.IsActive, InstrumentDefinition.Parse(row.DefinitionJson));
}
