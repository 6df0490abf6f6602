using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Discussions;

[JsonConverter(typeof(JsonStringEnumConverter<ModerationActionKind>))]
public enum ModerationActionKind
{
    CommentQueued,
    CommentApproved,
    CommentRejected,
    CommentFlagged,
    CommentAutoHidden,
    CommentHidden,
    CommentRestored,
    FlagsDismissed,
    ThreadLocked,
    ThreadUnlocked,
    AccountSuspended,
    AccountUnsuspended,
    TrustLevelChanged,
    RegistrationModeChanged,
    InvitationCreated,
    AccountDeleted,
}

[JsonConverter(typeof(JsonStringEnumConverter<ModerationTarget>))]
public enum ModerationTarget
{
    Comment,
    Thread,
    Account,
    Platform,
}

/// <summary>
/// One entry of the moderation audit log. The log is append-only: this code has no update or delete path for it,
/// and a trigger on both providers refuses UPDATE and DELETE (migration 0501). Actors are kept by user id and the
/// name they had when they acted; <c>null</c> actor means the system (automatic hiding, queueing).
/// </summary>
public class ModerationAction
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public string? ActorUserId { get; init; }
    public required string ActorName { get; init; }
    public ModerationActionKind Action { get; init; }
    public ModerationTarget TargetKind { get; init; }
    public required string TargetId { get; init; }
    public required string Reason { get; init; }
    public string? Details { get; init; }
}

internal sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> action)
    {
        action.ToTable("moderation_actions");
        action.Property(a => a.ActorName).HasMaxLength(256);
        action.Property(a => a.TargetId).HasMaxLength(450);
        action.Property(a => a.Reason).HasMaxLength(2000);
        action.Property(a => a.Details).HasMaxLength(4000);
        action.HasIndex(a => a.At);
        action.HasIndex(a => new { a.TargetKind, a.TargetId });
    }
}

/// <summary>Who did something: a signed-in user (id and display name) or the system.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");
}

public sealed record AuditQuery(DateTime? From = null, DateTime? To = null, ModerationActionKind? Action = null, ModerationTarget? TargetKind = null, string? TargetId = null, int Limit = 500);

/// <summary>Appends to and reads the moderation audit log; exports it as CSV or JSON for administrators.</summary>
public sealed class AuditLog(ScholarDb db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Adds an entry to the context; it is saved with the caller's other changes (one transaction).</summary>
    public ModerationAction Record(Actor actor, ModerationActionKind action, ModerationTarget target, string targetId, string reason, string? details = null)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ModerationException("A reason is required.");
        }

        var entry = new ModerationAction
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actor.UserId,
            ActorName = Truncate(actor.Name, 256),
            Action = action,
            TargetKind = target,
            TargetId = targetId,
            Reason = Truncate(reason.Trim(), 2000),
            Details = details is null ? null : Truncate(details, 4000),
        };
        db.ModerationActions.Add(entry);
        return entry;
    }

    public async Task<IReadOnlyList<ModerationAction>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var entries = db.ModerationActions.AsNoTracking();
        if (query.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(a => a.At < to);
        }

        if (query.Action is { } kind)
        {
            entries = entries.Where(a => a.Action == kind);
        }

        if (query.TargetKind is { } targetKind)
        {
            entries = entries.Where(a => a.TargetKind == targetKind);
        }

        if (!string.IsNullOrEmpty(query.TargetId))
        {
            entries = entries.Where(a => a.TargetId == query.TargetId);
        }

        return await entries.OrderByDescending(a => a.Id).Take(Math.Clamp(query.Limit, 1, 100_000)).ToListAsync(cancellationToken);
    }

    public static string ToJson(IEnumerable<ModerationAction> entries) => JsonSerializer.Serialize(entries, JsonOptions);

    /// <summary>RFC 4180 CSV: id, at (ISO 8601 UTC), actor_user_id, actor_name, action, target_kind, target_id, reason, details.</summary>
    public static string ToCsv(IEnumerable<ModerationAction> entries)
    {
        var text = new StringBuilder("id,at,actor_user_id,actor_name,action,target_kind,target_id,reason,details\r\n");
        foreach (var e in entries)
        {
            text.Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(Csv(e.ActorUserId)).Append(',')
                .Append(Csv(e.ActorName)).Append(',')
                .Append(e.Action).Append(',')
                .Append(e.TargetKind).Append(',')
                .Append(Csv(e.TargetId)).Append(',')
                .Append(Csv(e.Reason)).Append(',')
                .Append(Csv(e.Details)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A leading =, +, - or @ would be a formula in a spreadsheet: prefix a quote (OWASP CSV injection advice).
        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>A moderation or discussion rule refused the operation; the message says why, for the person.</summary>
public sealed class ModerationException(string message) : Exception(message);
