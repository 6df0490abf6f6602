using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Security;

/// <summary>
/// A capability's part of a person's data. Each capability that stores something a person wrote or did implements
/// this (discussions here; reviews and endorsements in capability 4) and registers it with
/// <c>services.AddScoped&lt;IPersonalDataSource, X&gt;()</c>. Export returns a JSON-serialisable object;
/// Anonymise runs before the account is deleted and must detach the person's contributions that stay
/// (comments, reviews) and delete what is only theirs.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The section's name in the export, e.g. "discussions".</summary>
    string Name { get; }

    Task<object?> ExportAsync(ScholarUser user, CancellationToken cancellationToken);

    Task AnonymiseAsync(ScholarUser user, CancellationToken cancellationToken);
}

/// <summary>A person's own data: everything exported as one JSON document, and deleting the account.</summary>
public sealed class AccountPrivacy(ScholarDb db, UserManager<ScholarUser> users, IEnumerable<IPersonalDataSource> sources, AuditLog audit, TimeProvider clock)
{
    public async Task<string> ExportJsonAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new ArgumentException("No such user.", nameof(userId));
        var export = new JsonObject
        {
            ["exportedAt"] = clock.GetUtcNow().UtcDateTime,
            ["format"] = "somescholar-personal-data/1",
        };
        var roles = await users.GetRolesAsync(user);
        export["account"] = JsonSerializer.SerializeToNode(new
        {
            user.Id,
            user.UserName,
            user.Email,
            user.EmailConfirmed,
            user.DisplayName,
            user.CreatedAt,
            user.PersonId,
            Roles = roles,
            TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user),
            user.LockoutEnd,
        }, AuditLog.JsonOptions);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).ToListAsync(cancellationToken);
        export["apiTokens"] = JsonSerializer.SerializeToNode(tokens, AuditLog.JsonOptions);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id)
            .Select(m => new { m.Kind, m.ToAddress, m.Subject, m.CreatedAt, m.SentAt }).ToListAsync(cancellationToken);
        export["messages"] = JsonSerializer.SerializeToNode(messages, AuditLog.JsonOptions);
        var actions = await db.ModerationActions.AsNoTracking().Where(a => a.ActorUserId == userId || (a.TargetKind == ModerationTarget.Account && a.TargetId == userId)).OrderBy(a => a.Id)
            .Select(a => new { a.At, a.Action, a.TargetKind, a.TargetId, a.Reason }).ToListAsync(cancellationToken);
        export["moderationRecord"] = JsonSerializer.SerializeToNode(actions, AuditLog.JsonOptions);
        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            export[source.Name] = JsonSerializer.SerializeToNode(await source.ExportAsync(user, cancellationToken), AuditLog.JsonOptions);
        }

        return export.ToJsonString(AuditLog.JsonOptions);
    }

    /// <summary>
    /// Deletes the account: every capability anonymises what stays (comments, reviews) and deletes what is only the
    /// person's, then the sign-in, tokens and messages go. The audit log keeps its entries (it is append-only): they
    /// name the account only by its id from now on.
    /// </summary>
    public async Task DeleteAccountAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new ArgumentException("No such user.", nameof(userId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var source in sources)
        {
            await source.AnonymiseAsync(user, cancellationToken);
        }

        await db.ApiTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.OutboxMessages.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.UsedByUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedByUserId, (string?)null), cancellationToken);
        await db.Invitations.Where(i => i.CreatedByUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedByUserId, (string?)null), cancellationToken);
        audit.Record(new Actor(userId, "deleted account"), ModerationActionKind.AccountDeleted, ModerationTarget.Account, userId, "The person deleted their account.");
        await db.SaveChangesAsync(cancellationToken);

        // The bulk updates above bypassed the change tracker: forget what it holds so deleting the user does not try to
        // cascade to rows that are already gone.
        db.ChangeTracker.Clear();
        user = await users.FindByIdAsync(userId) ?? throw new ArgumentException("No such user.", nameof(userId));
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not delete the account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
