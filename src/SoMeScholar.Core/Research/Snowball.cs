using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record ParticipantView(
    long Id,
    string Code,
    int Number,
    int Wave,
    bool IsSeed,
    string? ReferredByCode,
    InvitationStatus Invitation,
    DateTime? InvitedAt,
    ConsentStatus Consent,
    DateTime? ConsentAt,
    InterviewStatus Interview,
    DateTime? InterviewAt,
    int NominationsMade,
    int TimesNominated,
    string? Name,
    string? Contact,
    long? AccountId);

public sealed record NominationView(long Id, string NominatorCode, string NomineeCode, DateTime NominatedAt, bool IsReferral);

public sealed record WaveCount(int Wave, int Participants, int Invited, int Consented, int Interviewed, int Nominations);

/// <summary>The snowball as the actor may see it: real names and contacts only for the lead (<see cref="ShowsIdentities"/>).</summary>
public sealed record SnowballView(IReadOnlyList<ParticipantView> Participants, IReadOnlyList<NominationView> Nominations, IReadOnlyList<WaveCount> Waves, bool ShowsIdentities);

/// <summary>Someone nominated: an existing participant by study code, or a new person (name, contact, archive account).</summary>
public sealed record Nominee(string? ExistingCode = null, string? Name = null, string? Contact = null, long? AccountId = null);

public sealed record StatusChange(InvitationStatus? Invitation = null, ConsentStatus? Consent = null, InterviewStatus? Interview = null, DateTime? At = null);

/// <summary>
/// The snowball-sampling tracker: seeds (wave 0), nominations (who named whom, when), waves, and each participant's
/// invitation, consent and interview status. Participants are known by study codes; their real identity sits in a
/// separate table that only the lead reads or writes. The tracker is the lead's to change; the team sees codes.
/// </summary>
public sealed class Snowball(ScholarDb db, StudyAccess access, TimeProvider clock)
{
    public static int? ParseCode(string code)
    {
        var trimmed = code.Trim();
        return trimmed.Length > 1 && (trimmed[0] is 'P' or 'p') && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    public async Task<SnowballView> GetAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var showIdentities = StudyAccess.Allows(role, StudyRight.SeeIdentities);
        var participants = await db.Participants.AsNoTracking().Where(p => p.StudyId == studyId).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.StudyId == studyId).OrderBy(n => n.NominatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        var identities = showIdentities
            ? await db.ParticipantIdentities.AsNoTracking().Where(i => participants.Select(p => p.Id).Contains(i.ParticipantId)).ToDictionaryAsync(i => i.ParticipantId, cancellationToken)
            : [];
        var codes = participants.ToDictionary(p => p.Id, p => p.Code);
        var views = participants.Select(p =>
        {
            var identity = identities.GetValueOrDefault(p.Id);
            return new ParticipantView(p.Id, p.Code, p.Number, p.Wave, p.IsSeed, p.ReferredById is { } r ? codes.GetValueOrDefault(r) : null,
                p.Invitation, p.InvitedAt, p.Consent, p.ConsentAt, p.Interview, p.InterviewAt,
                nominations.Count(n => n.NominatorId == p.Id), nominations.Count(n => n.NomineeId == p.Id),
                identity?.Name, identity?.Contact, identity?.AccountId);
        }).ToList();
        var referrals = participants.Where(p => p.ReferredById is not null).Select(p => (p.ReferredById!.Value, p.Id)).ToHashSet();
        var nominationViews = nominations.Select(n => new NominationView(n.Id, codes[n.NominatorId], codes[n.NomineeId], n.NominatedAt, referrals.Contains((n.NominatorId, n.NomineeId)))).ToList();
        var waves = participants.GroupBy(p => p.Wave).OrderBy(g => g.Key).Select(g => new WaveCount(
            g.Key,
            g.Count(),
            g.Count(p => p.Invitation is not InvitationStatus.NotInvited),
            g.Count(p => p.Consent == ConsentStatus.Consented),
            g.Count(p => p.Interview == InterviewStatus.Completed),
            nominations.Count(n => g.Any(p => p.Id == n.NominatorId)))).ToList();
        return new SnowballView(views, nominationViews, waves, showIdentities);
    }

    /// <summary>Adds a seed (wave 0) with their identity.</summary>
    public async Task<Participant> AddSeedAsync(ResearchActor actor, long studyId, string name, string? contact, long? accountId = null, long? frameMemberId = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        if (await FindByIdentityAsync(studyId, name, accountId, cancellationToken) is { } existing)
        {
            throw ResearchException.Invalid($"{name} is already in the study as {existing.Code}.");
        }

        var participant = await NewParticipantAsync(studyId, 0, null, frameMemberId, name, contact, accountId, cancellationToken);
        participant.IsSeed = true;
        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    /// <summary>Makes the first <paramref name="count"/> members of a sample (in draw order) seeds; members already in the study are skipped.</summary>
    public async Task<IReadOnlyList<Participant>> AddSeedsFromSampleAsync(ResearchActor actor, long studyId, long sampleId, int count, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var frameId = await db.FrameSamples.Where(s => s.Id == sampleId).Select(s => (long?)s.FrameId).FirstOrDefaultAsync(cancellationToken);
        if (frameId is null || !await db.SamplingFrames.AnyAsync(f => f.Id == frameId && f.StudyId == studyId, cancellationToken))
        {
            throw ResearchException.NotFound($"Sample {sampleId}");
        }

        var members = await db.FrameSampleMembers.AsNoTracking().Where(m => m.SampleId == sampleId).OrderBy(m => m.DrawOrder)
            .Select(m => m.FrameMember!).ToListAsync(cancellationToken);
        var added = new List<Participant>();
        foreach (var member in members)
        {
            if (added.Count >= count)
            {
                break;
            }

            var name = member.DisplayName ?? member.Label;
            if (await FindByIdentityAsync(studyId, name, member.AccountId, cancellationToken) is not null)
            {
                continue;
            }

            var participant = await NewParticipantAsync(studyId, 0, null, member.Id, name, member.Label, member.AccountId, cancellationToken);
            participant.IsSeed = true;
            await db.SaveChangesAsync(cancellationToken);
            added.Add(participant);
        }

        return added;
    }

    /// <summary>
    /// Records that <paramref name="nominatorCode"/> named someone. A new person becomes a participant in the next
    /// wave with the nominator as referrer; someone already in the study (by code, name or account) only gains the
    /// nomination edge.
    /// </summary>
    public async Task<Participant> NominateAsync(ResearchActor actor, long studyId, string nominatorCode, Nominee nominee, DateTime nominatedAt, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var nominator = await ByCodeAsync(studyId, nominatorCode, cancellationToken);
        Participant target;
        if (!string.IsNullOrWhiteSpace(nominee.ExistingCode))
        {
            target = await ByCodeAsync(studyId, nominee.ExistingCode, cancellationToken);
        }
        else
        {
            var name = Studies.Required(nominee.Name, "Name the person who was nominated (or give their study code).", 512);
            target = await FindByIdentityAsync(studyId, name, nominee.AccountId, cancellationToken)
                ?? await NewParticipantAsync(studyId, nominator.Wave + 1, nominator.Id, null, name, nominee.Contact, nominee.AccountId, cancellationToken);
        }

        if (target.Id == nominator.Id)
        {
            throw ResearchException.Invalid("A participant cannot nominate themselves.");
        }

        if (target.Id != 0 && await db.Nominations.AnyAsync(n => n.NominatorId == nominator.Id && n.NomineeId == target.Id, cancellationToken))
        {
            throw ResearchException.Invalid($"{nominator.Code} already nominated {target.Code}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Nominations.Add(new Nomination
        {
            StudyId = studyId,
            NominatorId = nominator.Id,
            NomineeId = target.Id,
            NominatedAt = DateTime.SpecifyKind(nominatedAt, DateTimeKind.Utc),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedByUserId = actor.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Participant> SetStatusAsync(ResearchActor actor, long studyId, string code, StatusChange change, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var participant = await ByCodeAsync(studyId, code, cancellationToken);
        var at = change.At is { } given ? DateTime.SpecifyKind(given, DateTimeKind.Utc) : clock.GetUtcNow().UtcDateTime;
        if (change.Invitation is { } invitation && invitation != participant.Invitation)
        {
            participant.Invitation = invitation;
            participant.InvitedAt = invitation == InvitationStatus.NotInvited ? null : participant.InvitedAt ?? at;
        }

        if (change.Consent is { } consent && consent != participant.Consent)
        {
            participant.Consent = consent;
            participant.ConsentAt = consent is ConsentStatus.NotAsked or ConsentStatus.Pending ? null : at;
        }

        if (change.Interview is { } interview && interview != participant.Interview)
        {
            if (interview is InterviewStatus.Scheduled or InterviewStatus.Completed && participant.Consent != ConsentStatus.Consented)
            {
                throw ResearchException.Invalid($"{participant.Code} has not consented: record consent before an interview.");
            }

            participant.Interview = interview;
            participant.InterviewAt = interview == InterviewStatus.NotScheduled ? null : at;
        }

        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    /// <summary>The lead's edit of a participant's identity (name, contact, notes).</summary>
    public async Task SetIdentityAsync(ResearchActor actor, long studyId, string code, string name, string? contact, string? notes, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.SeeIdentities, cancellationToken);
        var participant = await ByCodeAsync(studyId, code, cancellationToken);
        var identity = await db.ParticipantIdentities.FirstOrDefaultAsync(i => i.ParticipantId == participant.Id, cancellationToken);
        if (identity is null)
        {
            identity = new ParticipantIdentity { ParticipantId = participant.Id, Name = "" };
            db.ParticipantIdentities.Add(identity);
        }

        identity.Name = Studies.Required(name, "A name, please.", 512);
        identity.Contact = Studies.Optional(contact, 512);
        identity.Notes = Studies.Optional(notes, 4000);
        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task<Participant> ByCodeAsync(long studyId, string code, CancellationToken cancellationToken)
    {
        var number = ParseCode(code) ?? throw ResearchException.Invalid($"\u201c{code}\u201d is not a study code such as P3.");
        return await db.Participants.FirstOrDefaultAsync(p => p.StudyId == studyId && p.Number == number, cancellationToken)
            ?? throw ResearchException.Invalid($"There is no participant {Participant.CodeFor(number)} in this study.");
    }

    private async Task<Participant?> FindByIdentityAsync(long studyId, string name, long? accountId, CancellationToken cancellationToken)
    {
        // Identities of one study are few: compare names in memory, case-insensitively, rather than in SQL.
        var identities = await (from identity in db.ParticipantIdentities
                                join participant in db.Participants on identity.ParticipantId equals participant.Id
                                where participant.StudyId == studyId
                                select new { participant.Id, identity.Name, identity.AccountId }).ToListAsync(cancellationToken);
        var trimmed = name.Trim();
        var match = identities.FirstOrDefault(i => string.Equals(i.Name, trimmed, StringComparison.OrdinalIgnoreCase) || (accountId is not null && i.AccountId == accountId));
        return match is null ? null : await db.Participants.FirstAsync(p => p.Id == match.Id, cancellationToken);
    }

    private async Task<Participant> NewParticipantAsync(long studyId, int wave, long? referredById, long? frameMemberId, string name, string? contact, long? accountId, CancellationToken cancellationToken)
    {
        var number = (await db.Participants.Where(p => p.StudyId == studyId).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
        var participant = new Participant
        {
            StudyId = studyId,
            Number = number,
            Wave = wave,
            ReferredById = referredById,
            FrameMemberId = frameMemberId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExchangeId = Guid.NewGuid(),
        };
        db.Participants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        db.ParticipantIdentities.Add(new ParticipantIdentity
        {
            ParticipantId = participant.Id,
            Name = Studies.Required(name, "A name, please.", 512),
            Contact = Studies.Optional(contact, 512),
            AccountId = accountId,
        });
        return participant;
    }
}
