using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Research;

public enum ParticipationRole
{
    /// <summary>Wrote at least the minimum number of posts (originals, replies, quotes) with a tracked hashtag in the window.</summary>
    Active,

    /// <summary>Wrote no such post but reposted at least the minimum number of them in the window.</summary>
    Passive,

    /// <summary>Active or passive.</summary>
    Any,
}

/// <summary>Hashtag participants (PRODUCT.md capability 3 definitions): tags match case-insensitively without '#', the window is [From, To).</summary>
public sealed record HashtagFrameParameters(IReadOnlyList<string> Tags, DateTime From, DateTime To, ParticipationRole Role = ParticipationRole.Any, int MinPosts = 1, int MinReposts = 1, Platform? Platform = null);

/// <summary>Accounts whose profile text contains any (or all) of the keywords, case-insensitively.</summary>
public sealed record BioFrameParameters(IReadOnlyList<string> Keywords, bool MatchAll = false, Platform? Platform = null);

/// <summary>An uploaded list: one entry per line (a handle, @handle, profile address or account id; in a CSV, the first column).</summary>
public sealed record ListFrameParameters(string SourceName, int Entries, int Matched);

public sealed record FrameSummary(long Id, long StudyId, string Name, FrameKind Kind, string Method, string ParametersJson, string? SummaryJson, int Members, DateTime CreatedAt, string SoftwareVersion, int Samples);

public sealed record FrameMemberView(long Id, int Position, long? AccountId, string Label, string? DisplayName, Platform? Platform, string? ProfileUrl, string? Specialty, string? Profession, string? DetailsJson);

public sealed record SampleSummary(long Id, long FrameId, SampleMethod Method, int Seed, int Size, string? StratifyBy, DateTime CreatedAt, string SoftwareVersion, IReadOnlyList<KeyValuePair<string, int>> Strata);

public sealed record SampledMember(FrameMemberView Member, int DrawOrder, string? Stratum);

public sealed record FrameDetail(FrameSummary Frame, IReadOnlyList<FrameMemberView> Members, IReadOnlyList<SampleSummary> Samples);

public sealed record SampleDetail(SampleSummary Sample, FrameSummary Frame, IReadOnlyList<SampledMember> Members);

/// <summary>
/// Sampling frames built from the archive, with the method and every parameter recorded (and the software version),
/// and samples drawn from them with a recorded seed. CSV exports serve recruitment.
/// </summary>
public sealed partial class SamplingFrames(ScholarDb db, StudyAccess access, TimeProvider clock)
{
    public const int MaxListEntries = 50_000;

    /// <summary>The values <see cref="SampleAsync"/> can stratify by.</summary>
    public static readonly IReadOnlyList<string> StratifyOptions = ["platform", "specialty", "profession"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<IReadOnlyList<FrameSummary>> ListAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await SummaryQuery(db.SamplingFrames.Where(f => f.StudyId == studyId)).ToListAsync(cancellationToken);
    }

    public async Task<FrameDetail> GetAsync(ResearchActor actor, long frameId, CancellationToken cancellationToken = default)
    {
        await access.RequireFrameAsync(actor, frameId, StudyRight.Read, cancellationToken);
        var frame = await SummaryQuery(db.SamplingFrames.Where(f => f.Id == frameId)).FirstAsync(cancellationToken);
        var members = await MemberQuery(db.FrameMembers.Where(m => m.FrameId == frameId).OrderBy(m => m.Position)).ToListAsync(cancellationToken);
        var sampleIds = await db.FrameSamples.Where(s => s.FrameId == frameId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var samples = new List<SampleSummary>();
        foreach (var id in sampleIds)
        {
            samples.Add(await SampleSummaryAsync(id, cancellationToken));
        }

        return new FrameDetail(frame, members, samples);
    }

    public async Task<SampleDetail> GetSampleAsync(ResearchActor actor, long sampleId, CancellationToken cancellationToken = default)
    {
        var frameId = await db.FrameSamples.Where(s => s.Id == sampleId).Select(s => (long?)s.FrameId).FirstOrDefaultAsync(cancellationToken);
        var studyId = frameId is null ? null : await db.SamplingFrames.Where(f => f.Id == frameId).Select(f => (long?)f.StudyId).FirstOrDefaultAsync(cancellationToken);
        await access.RequireForAsync(actor, studyId, $"Sample {sampleId}", StudyRight.Read, cancellationToken);
        var frame = await SummaryQuery(db.SamplingFrames.Where(f => f.Id == frameId)).FirstAsync(cancellationToken);
        var rows = await db.FrameSampleMembers.AsNoTracking().Where(m => m.SampleId == sampleId).OrderBy(m => m.DrawOrder)
            .Select(m => new { m.FrameMemberId, m.DrawOrder, m.Stratum }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.FrameMemberId).ToList();
        var members = await MemberQuery(db.FrameMembers.Where(m => ids.Contains(m.Id))).ToDictionaryAsync(m => m.Id, cancellationToken);
        return new SampleDetail(await SampleSummaryAsync(sampleId, cancellationToken), frame, rows.Select(r => new SampledMember(members[r.FrameMemberId], r.DrawOrder, r.Stratum)).ToList());
    }

    /// <summary>Hashtag participants: active accounts (posts with a tag), passive ones (only reposts of such posts), or both.</summary>
    public async Task<SamplingFrame> BuildHashtagFrameAsync(ResearchActor actor, long studyId, string name, HashtagFrameParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var tags = parameters.Tags.Select(PostHashtag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            throw ResearchException.Invalid("Give at least one hashtag.");
        }

        var from = DateTime.SpecifyKind(parameters.From, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(parameters.To, DateTimeKind.Utc);
        if (to <= from)
        {
            throw ResearchException.Invalid("The window's end must come after its start.");
        }

        if (parameters.MinPosts < 1 || parameters.MinReposts < 1)
        {
            throw ResearchException.Invalid("Thresholds are at least 1.");
        }

        parameters = parameters with { Tags = tags, From = from, To = to };
        var tagged = db.PostHashtags.Where(h => tags.Contains(h.Tag) && h.CreatedAt >= from && h.CreatedAt < to).Select(h => h.PostId);
        var posts = await db.Posts.Where(p => tagged.Contains(p.Id) && p.Kind != PostKind.Repost && !p.IsDeleted && (parameters.Platform == null || p.Platform == parameters.Platform))
            .GroupBy(p => p.AuthorId).Select(g => new { AccountId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.AccountId, g => g.Count, cancellationToken);
        var reposts = await db.Posts.Where(r => r.Kind == PostKind.Repost && !r.IsDeleted && r.CreatedAt >= from && r.CreatedAt < to && r.RepostOfPostId != null
                && tagged.Contains(r.RepostOfPostId.Value) && (parameters.Platform == null || r.Platform == parameters.Platform))
            .GroupBy(r => r.AuthorId).Select(g => new { AccountId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.AccountId, g => g.Count, cancellationToken);

        var chosen = new List<(long AccountId, int Posts, int Reposts, ParticipationRole Role)>();
        foreach (var id in posts.Keys.Union(reposts.Keys))
        {
            var p = posts.GetValueOrDefault(id);
            var r = reposts.GetValueOrDefault(id);
            var role = p > 0 ? ParticipationRole.Active : ParticipationRole.Passive;
            var meets = role == ParticipationRole.Active ? p >= parameters.MinPosts : r >= parameters.MinReposts;
            if (meets && (parameters.Role == ParticipationRole.Any || parameters.Role == role))
            {
                chosen.Add((id, p, r, role));
            }
        }

        var accounts = await AccountsAsync(chosen.Select(c => c.AccountId).ToList(), cancellationToken);
        var members = chosen.OrderByDescending(c => c.Posts).ThenByDescending(c => c.Reposts).ThenBy(c => accounts[c.AccountId].Label, StringComparer.Ordinal)
            .Select(c => Member(accounts[c.AccountId], JsonSerializer.Serialize(new { role = c.Role, posts = c.Posts, reposts = c.Reposts }, Json)))
            .ToList();
        var summary = new
        {
            active = chosen.Count(c => c.Role == ParticipationRole.Active),
            passive = chosen.Count(c => c.Role == ParticipationRole.Passive),
            posts = chosen.Sum(c => c.Posts),
            reposts = chosen.Sum(c => c.Reposts),
        };
        return await SaveAsync(actor, studyId, name, FrameKind.HashtagParticipants, "hashtag-participants", parameters, summary, members, cancellationToken);
    }

    public async Task<SamplingFrame> BuildBioFrameAsync(ResearchActor actor, long studyId, string name, BioFrameParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var keywords = parameters.Keywords.Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keywords.Count == 0)
        {
            throw ResearchException.Invalid("Give at least one keyword.");
        }

        parameters = parameters with { Keywords = keywords };
        var candidates = new HashSet<long>();
        if (parameters.MatchAll)
        {
            var query = db.Accounts.Where(a => a.Bio != null && (parameters.Platform == null || a.Platform == parameters.Platform));
            foreach (var keyword in keywords)
            {
                query = BioLike(query, Pattern(keyword, contains: true));
            }

            candidates.UnionWith(await query.Select(a => a.Id).ToListAsync(cancellationToken));
        }
        else
        {
            foreach (var keyword in keywords)
            {
                candidates.UnionWith(await BioLike(db.Accounts.Where(a => a.Bio != null && (parameters.Platform == null || a.Platform == parameters.Platform)), Pattern(keyword, contains: true))
                    .Select(a => a.Id).ToListAsync(cancellationToken));
            }
        }

        var accounts = await AccountsAsync(candidates.ToList(), cancellationToken);
        var bios = await db.Accounts.Where(a => candidates.Contains(a.Id)).Select(a => new { a.Id, a.Bio }).ToDictionaryAsync(a => a.Id, a => a.Bio ?? "", cancellationToken);
        var matched = accounts.Values
            .Select(a => (Account: a, Keywords: keywords.Where(k => bios[a.Id].Contains(k, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(m => m.Keywords.Count > 0 && (!parameters.MatchAll || m.Keywords.Count == keywords.Count))
            .OrderByDescending(m => m.Keywords.Count).ThenBy(m => m.Account.Label, StringComparer.Ordinal)
            .ToList();
        var members = matched.Select(m => Member(m.Account, JsonSerializer.Serialize(new { keywords = m.Keywords }, Json))).ToList();
        return await SaveAsync(actor, studyId, name, FrameKind.BioKeywords, "bio-keywords", parameters, new { matched = members.Count }, members, cancellationToken);
    }

    /// <summary>A frame from an uploaded list; entries that match an archive account (by id, profile address or handle) are linked to it.</summary>
    public async Task<SamplingFrame> BuildListFrameAsync(ResearchActor actor, long studyId, string name, string sourceName, string content, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var entries = ParseList(content);
        if (entries.Count == 0)
        {
            throw ResearchException.Invalid($"{sourceName}: no entries (one handle, profile address or account id per line).");
        }

        if (entries.Count > MaxListEntries)
        {
            throw ResearchException.Invalid($"{sourceName}: at most {MaxListEntries:N0} entries.");
        }

        var members = new List<FrameMember>();
        var matched = 0;
        foreach (var entry in entries)
        {
            var accountId = await MatchAsync(entry, cancellationToken);
            if (accountId is { } id)
            {
                matched++;
                var account = (await AccountsAsync([id], cancellationToken))[id];
                members.Add(Member(account, JsonSerializer.Serialize(new { entry }, Json)));
            }
            else
            {
                members.Add(new FrameMember { Label = entry.Length > 512 ? entry[..512] : entry, DetailsJson = JsonSerializer.Serialize(new { entry, matched = false }, Json) });
            }
        }

        var parameters = new ListFrameParameters(sourceName, entries.Count, matched);
        return await SaveAsync(actor, studyId, name, FrameKind.UploadedList, "uploaded-list", parameters, new { entries = entries.Count, matched, unmatched = entries.Count - matched }, members, cancellationToken);
    }

    /// <summary>
    /// Draws a sample with a recorded seed: random (a Fisher–Yates shuffle of the frame in rank order, first
    /// <paramref name="size"/> taken) or stratified (proportional allocation by largest remainder, then random within
    /// each stratum, strata in name order). Same frame, method, size and seed: same sample.
    /// </summary>
    public async Task<FrameSample> SampleAsync(ResearchActor actor, long frameId, SampleMethod method, int size, int? seed, string? stratifyBy, CancellationToken cancellationToken = default)
    {
        await access.RequireFrameAsync(actor, frameId, StudyRight.Edit, cancellationToken);
        if (size < 1)
        {
            throw ResearchException.Invalid("A sample has at least one member.");
        }

        if (method == SampleMethod.Stratified && (stratifyBy is null || !StratifyOptions.Contains(stratifyBy)))
        {
            throw ResearchException.Invalid($"Stratify by one of: {string.Join(", ", StratifyOptions)}.");
        }

        var members = await db.FrameMembers.AsNoTracking().Where(m => m.FrameId == frameId).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            throw ResearchException.Invalid("The frame is empty.");
        }

        var usedSeed = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var drawn = Draw(members, method, size, usedSeed, method == SampleMethod.Stratified ? stratifyBy : null);
        var sample = new FrameSample
        {
            FrameId = frameId,
            Method = method,
            Seed = usedSeed,
            Size = drawn.Count,
            StratifyBy = method == SampleMethod.Stratified ? stratifyBy : null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = actor.UserId,
            SoftwareVersion = SchemaMigrator.AppVersion,
        };
        db.FrameSamples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);
        db.FrameSampleMembers.AddRange(drawn.Select((d, i) => new FrameSampleMember { SampleId = sample.Id, FrameMemberId = d.Member.Id, DrawOrder = i + 1, Stratum = d.Stratum }));
        await db.SaveChangesAsync(cancellationToken);
        return sample;
    }

    /// <summary>The draw itself (pure, deterministic for the seed).</summary>
    public static IReadOnlyList<(FrameMember Member, string? Stratum)> Draw(IReadOnlyList<FrameMember> members, SampleMethod method, int size, int seed, string? stratifyBy)
    {
        var random = new Random(seed);
        var ordered = members.OrderBy(m => m.Position).ToList();
        if (method == SampleMethod.Random || stratifyBy is null)
        {
            return Shuffle(ordered, random).Take(size).Select(m => (m, (string?)null)).ToList();
        }

        var strata = ordered.GroupBy(m => StratumOf(m, stratifyBy)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (Key: g.Key, Members: g.ToList())).ToList();
        var total = ordered.Count;
        var target = Math.Min(size, total);
        var allocation = strata.Select(s => (s.Key, Exact: (double)target * s.Members.Count / total)).ToList();
        var counts = allocation.Select(a => (int)Math.Floor(a.Exact)).ToArray();
        var remaining = target - counts.Sum();
        foreach (var i in allocation.Select((a, i) => (Fraction: a.Exact - Math.Floor(a.Exact), i)).OrderByDescending(x => x.Fraction).ThenBy(x => allocation[x.i].Key, StringComparer.Ordinal).Select(x => x.i))
        {
            if (remaining == 0)
            {
                break;
            }

            if (counts[i] < strata[i].Members.Count)
            {
                counts[i]++;
                remaining--;
            }
        }

        var drawn = new List<(FrameMember, string?)>();
        for (var i = 0; i < strata.Count; i++)
        {
            drawn.AddRange(Shuffle(strata[i].Members, random).Take(counts[i]).Select(m => (m, (string?)strata[i].Key)));
        }

        return drawn;
    }

    public static string StratumOf(FrameMember member, string stratifyBy) => stratifyBy switch
    {
        "platform" => member.Platform?.ToString() ?? "unknown",
        "specialty" => member.Specialty ?? "unknown",
        "profession" => member.Profession ?? "unknown",
        _ => "all",
    };

    /// <summary>The frame, or one of its samples, as CSV for recruitment.</summary>
    public async Task<string> CsvAsync(ResearchActor actor, long frameId, long? sampleId, CancellationToken cancellationToken = default)
    {
        var csv = new StringBuilder();
        if (sampleId is { } id)
        {
            var sample = await GetSampleAsync(actor, id, cancellationToken);
            if (sample.Frame.Id != frameId)
            {
                throw ResearchException.NotFound($"Sample {id}");
            }

            Csv.Row(csv, "drawOrder", "stratum", "position", "handle", "displayName", "platform", "profileUrl", "specialty", "profession", "accountId", "details");
            foreach (var m in sample.Members)
            {
                Csv.Row(csv, [m.DrawOrder.ToString(CultureInfo.InvariantCulture), m.Stratum, .. MemberFields(m.Member)]);
            }
        }
        else
        {
            var frame = await GetAsync(actor, frameId, cancellationToken);
            Csv.Row(csv, "position", "handle", "displayName", "platform", "profileUrl", "specialty", "profession", "accountId", "details");
            foreach (var m in frame.Members)
            {
                Csv.Row(csv, MemberFields(m));
            }
        }

        return csv.ToString();
    }

    private static string?[] MemberFields(FrameMemberView m) =>
    [
        m.Position.ToString(CultureInfo.InvariantCulture), m.Label, m.DisplayName, m.Platform?.ToString(), m.ProfileUrl, m.Specialty, m.Profession,
        m.AccountId?.ToString(CultureInfo.InvariantCulture), m.DetailsJson,
    ];

    internal async Task<SamplingFrame> SaveAsync(ResearchActor actor, long studyId, string name, FrameKind kind, string method, object parameters, object summary, List<FrameMember> members, CancellationToken cancellationToken)
    {
        var frame = new SamplingFrame
        {
            StudyId = studyId,
            Name = Studies.Required(name, "A frame needs a name.", 256),
            Kind = kind,
            Method = method,
            ParametersJson = JsonSerializer.Serialize(parameters, parameters.GetType(), Json),
            SummaryJson = JsonSerializer.Serialize(summary, summary.GetType(), Json),
            SoftwareVersion = SchemaMigrator.AppVersion,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = actor.UserId,
            MemberCount = members.Count,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SamplingFrames.Add(frame);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < members.Count; i++)
        {
            members[i].FrameId = frame.Id;
            members[i].Position = i + 1;
        }

        db.FrameMembers.AddRange(members);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return frame;
    }

    internal sealed record AccountInfo(long Id, string Label, string? DisplayName, Platform Platform, string? ProfileUrl, string? Specialty, string? Profession);

    internal async Task<Dictionary<long, AccountInfo>> AccountsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, AccountInfo>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var rows = await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Select(a => new { a.Id, a.Handle, a.DisplayName, a.ExternalId, a.Platform, a.ProfileUrl, Specialty = a.Person != null ? a.Person.Specialty : null, Profession = a.Person != null ? (Profession?)a.Person.Profession : null })
                .ToListAsync(cancellationToken);
            foreach (var a in rows)
            {
                result[a.Id] = new AccountInfo(a.Id, a.Handle ?? a.DisplayName ?? a.ExternalId, a.DisplayName, a.Platform, a.ProfileUrl, a.Specialty, a.Profession?.ToString());
            }
        }

        return result;
    }

    internal static FrameMember Member(AccountInfo account, string details) => new()
    {
        AccountId = account.Id,
        Label = account.Label.Length > 512 ? account.Label[..512] : account.Label,
        DisplayName = account.DisplayName,
        Platform = account.Platform,
        ProfileUrl = account.ProfileUrl,
        Specialty = account.Specialty,
        Profession = account.Profession,
        DetailsJson = details,
    };

    private async Task<long?> MatchAsync(string entry, CancellationToken cancellationToken)
    {
        var handle = entry.TrimStart('@');
        return await db.Accounts.Where(a => a.ExternalId == entry).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await ProfileLike(db.Accounts.Where(a => a.ProfileUrl != null), Pattern(entry, contains: false)).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await HandleLike(db.Accounts.Where(a => a.Handle != null), Pattern(handle, contains: false)).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    // Case-insensitive LIKE on either store: ILIKE on PostgreSQL; SQLite's LIKE folds ASCII case.
    private IQueryable<Account> BioLike(IQueryable<Account> query, string pattern) => db.Provider == DatabaseProvider.PostgreSql
        ? query.Where(a => EF.Functions.ILike(a.Bio!, pattern, "\\"))
        : query.Where(a => EF.Functions.Like(a.Bio!, pattern, "\\"));

    private IQueryable<Account> ProfileLike(IQueryable<Account> query, string pattern) => db.Provider == DatabaseProvider.PostgreSql
        ? query.Where(a => EF.Functions.ILike(a.ProfileUrl!, pattern, "\\"))
        : query.Where(a => EF.Functions.Like(a.ProfileUrl!, pattern, "\\"));

    private IQueryable<Account> HandleLike(IQueryable<Account> query, string pattern) => db.Provider == DatabaseProvider.PostgreSql
        ? query.Where(a => EF.Functions.ILike(a.Handle!, pattern, "\\"))
        : query.Where(a => EF.Functions.Like(a.Handle!, pattern, "\\"));

    /// <summary>A LIKE pattern that matches the text literally (%, _ and \ escaped), anywhere in the value when <paramref name="contains"/>.</summary>
    internal static string Pattern(string text, bool contains)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return contains ? "%" + escaped + "%" : escaped;
    }

    /// <summary>Entries of an uploaded list: non-empty lines (the first CSV column); a header line named handle/account/url/id is skipped.</summary>
    public static List<string> ParseList(string content)
    {
        var entries = new List<string>();
        foreach (var row in Csv.Parse(content.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var value = row.Count > 0 ? row[0].Trim() : "";
            if (value.Length == 0 || value.StartsWith('#'))
            {
                continue;
            }

            if (entries.Count == 0 && value.ToLowerInvariant() is "handle" or "account" or "url" or "id" or "profile" or "profileurl")
            {
                continue;
            }

            entries.Add(value);
        }

        return entries.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<FrameMember> Shuffle(List<FrameMember> items, Random random)
    {
        var copy = items.ToList();
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }

    private IQueryable<FrameSummary> SummaryQuery(IQueryable<SamplingFrame> frames) =>
        frames.AsNoTracking().OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Select(f => new FrameSummary(f.Id, f.StudyId, f.Name, f.Kind, f.Method, f.ParametersJson, f.SummaryJson, f.MemberCount, f.CreatedAt, f.SoftwareVersion,
                db.FrameSamples.Count(s => s.FrameId == f.Id)));

    private static IQueryable<FrameMemberView> MemberQuery(IQueryable<FrameMember> members) =>
        members.AsNoTracking().Select(m => new FrameMemberView(m.Id, m.Position, m.AccountId, m.Label, m.DisplayName, m.Platform, m.ProfileUrl, m.Specialty, m.Profession, m.DetailsJson));

    private async Task<SampleSummary> SampleSummaryAsync(long sampleId, CancellationToken cancellationToken)
    {
        var s = await db.FrameSamples.AsNoTracking().FirstAsync(x => x.Id == sampleId, cancellationToken);
        var strata = await db.FrameSampleMembers.Where(m => m.SampleId == sampleId && m.Stratum != null).GroupBy(m => m.Stratum!)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new SampleSummary(s.Id, s.FrameId, s.Method, s.Seed, s.Size, s.StratifyBy, s.CreatedAt, s.SoftwareVersion,
            strata.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new KeyValuePair<string, int>(x.Key, x.Count)).ToList());
    }
}
