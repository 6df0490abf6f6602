using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Security;

/// <summary>
/// A personal API token. Only its SHA-256 hash is stored; the token itself is shown once, when created. API calls send
/// it as <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
public class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>An invitation code for invitation-only registration. Only the code's hash is stored.</summary>
public class Invitation
{
    public long Id { get; set; }
    public required string CodeHash { get; set; }

    /// <summary>When set, only this address may use the code.</summary>
    public string? Email { get; set; }

    public string? Note { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? UsedByUserId { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<OutboxKind>))]
public enum OutboxKind
{
    Notification,
    EmailConfirmation,
    PasswordReset,
    Security,
}

/// <summary>
/// Every message the platform sends a person (notifications, e-mail confirmation, password reset) is first recorded
/// here. <see cref="OutboxDispatcher"/> hands unsent messages to the configured e-mail sender, if any.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public string? UserId { get; set; }
    public OutboxKind Kind { get; set; }

    /// <summary>The e-mail address, or null when the person has none (the message then stays in the app).</summary>
    public string? ToAddress { get; set; }

    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<ScholarUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("invitations");
        invitation.Property(i => i.CodeHash).HasMaxLength(64);
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.Note).HasMaxLength(500);
        invitation.HasIndex(i => i.CodeHash).IsUnique();
        invitation.HasOne<ScholarUser>().WithMany().HasForeignKey(i => i.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        invitation.HasOne<ScholarUser>().WithMany().HasForeignKey(i => i.UsedByUserId).OnDelete(DeleteBehavior.SetNull);
        invitation.HasIndex(i => i.CreatedByUserId);
        invitation.HasIndex(i => i.UsedByUserId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.ToAddress).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.HasIndex(m => new { m.SentAt, m.Id });
        message.HasIndex(m => m.UserId);
        message.HasOne<ScholarUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
