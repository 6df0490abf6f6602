using System.Text.Json.Serialization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Settings;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Security;

[JsonConverter(typeof(JsonStringEnumConverter<RegistrationMode>))]
public enum RegistrationMode
{
    /// <summary>Anyone may register (and must confirm their e-mail address before signing in).</summary>
    Open,

    /// <summary>Registration needs an invitation code from an administrator.</summary>
    InvitationOnly,

    /// <summary>Only administrators create accounts.</summary>
    Closed,
}

public sealed record RegistrationRequest(string UserName, string Email, string DisplayName, string Password, string? InvitationCode);

public sealed record InvitationSummary(long Id, string? Email, string? Note, DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, string? UsedBy);

/// <summary>A registration was refused; the messages say why, for the person registering.</summary>
public sealed class RegistrationException(IReadOnlyList<string> errors) : Exception(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Self-registration (open, invitation-only or closed, as the administrator sets) and invitation codes.</summary>
public sealed class Registration(ScholarDb db, UserManager<ScholarUser> users, UserAdministration administration, AuditLog audit, TimeProvider clock)
{
    public const string ModeSetting = "security.registration_mode";
    public const RegistrationMode DefaultMode = RegistrationMode.Closed;

    public async Task<RegistrationMode> ModeAsync(CancellationToken cancellationToken = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == ModeSetting).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return Enum.TryParse<RegistrationMode>(value, out var mode) ? mode : DefaultMode;
    }

    public async Task SetModeAsync(Actor administrator, RegistrationMode mode, string reason, CancellationToken cancellationToken = default)
    {
        await RequireAdministratorAsync(administrator, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == ModeSetting, cancellationToken);
        var previous = setting?.Value ?? DefaultMode.ToString();
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = ModeSetting, Value = mode.ToString(), UpdatedAt = now });
        }
        else
        {
            setting.Value = mode.ToString();
            setting.UpdatedAt = now;
        }

        audit.Record(administrator, ModerationActionKind.RegistrationModeChanged, ModerationTarget.Platform, "registration", reason, $"{previous} -> {mode}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates an invitation code (shown once; only its hash is kept).</summary>
    public async Task<(InvitationSummary Invitation, string Code)> CreateInvitationAsync(Actor administrator, string? email, string? note, int validDays = 14, CancellationToken cancellationToken = default)
    {
        await RequireAdministratorAsync(administrator, cancellationToken);
        if (validDays is < 1 or > 365)
        {
            throw new ArgumentException("Invitations are valid for 1 to 365 days.", nameof(validDays));
        }

        var code = Base32(RandomNumberGenerator.GetBytes(10));
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            CodeHash = HashCode(code),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedByUserId = administrator.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(validDays),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(administrator, ModerationActionKind.InvitationCreated, ModerationTarget.Platform, "invitation:" + invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(note) ? "Invitation created" : note.Trim(), invitation.Email is null ? $"valid {validDays} days" : $"for {invitation.Email}, valid {validDays} days");
        await db.SaveChangesAsync(cancellationToken);
        return (new InvitationSummary(invitation.Id, invitation.Email, invitation.Note, invitation.CreatedAt, invitation.ExpiresAt, null, null), code);
    }

    public async Task<IReadOnlyList<InvitationSummary>> ListInvitationsAsync(CancellationToken cancellationToken = default) =>
        await (from i in db.Invitations.AsNoTracking()
               join u in db.Users on i.UsedByUserId equals u.Id into used
               from u in used.DefaultIfEmpty()
               orderby i.Id descending
               select new InvitationSummary(i.Id, i.Email, i.Note, i.CreatedAt, i.ExpiresAt, i.UsedAt, u == null ? null : u.UserName))
            .Take(200).ToListAsync(cancellationToken);

    /// <summary>Creates a member account that must confirm its e-mail address before it can sign in.</summary>
    public async Task<ScholarUser> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        var mode = await ModeAsync(cancellationToken);
        if (mode == RegistrationMode.Closed)
        {
            throw new RegistrationException(["Registration is closed: ask an administrator for an account."]);
        }

        var errors = new List<string>();
        var userName = request.UserName?.Trim() ?? "";
        var email = request.Email?.Trim() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, "^[A-Za-z0-9._-]{2,64}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add("User names use letters, digits, '.', '_' and '-' (2 to 64).");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            errors.Add("Enter a valid e-mail address.");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > 100)
        {
            errors.Add("Enter the name others will see (up to 100 characters).");
        }

        Invitation? invitation = null;
        if (mode == RegistrationMode.InvitationOnly)
        {
            var hash = string.IsNullOrWhiteSpace(request.InvitationCode) ? "" : HashCode(request.InvitationCode);
            invitation = await db.Invitations.FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
            if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
            {
                errors.Add("Registration needs a valid, unused invitation code.");
            }
            else if (invitation.Email is not null && !string.Equals(invitation.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("That invitation is for another e-mail address.");
            }
        }

        if (errors.Count == 0 && await users.FindByEmailAsync(email) is not null)
        {
            // Same answer as a taken user name would be confusing; this one says what to do without revealing more than needed.
            errors.Add("That e-mail address already has an account: sign in, or reset its password.");
        }

        if (errors.Count > 0)
        {
            throw new RegistrationException(errors);
        }

        await administration.EnsureRolesAsync();
        var user = new ScholarUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = false,
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            throw new RegistrationException(created.Errors.Select(e => e.Description).ToList());
        }

        var role = await users.AddToRoleAsync(user, Roles.Member);
        if (!role.Succeeded)
        {
            throw new RegistrationException(role.Errors.Select(e => e.Description).ToList());
        }

        if (invitation is not null)
        {
            invitation.UsedAt = clock.GetUtcNow().UtcDateTime;
            invitation.UsedByUserId = user.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    public static string HashCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal))));

    private async Task RequireAdministratorAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!await TrustLevels.IsAdministratorAsync(db, actor.UserId, cancellationToken))
        {
            throw new ModerationException("Only administrators may do that.");
        }
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(alphabet[b % alphabet.Length]);
            if (text.Length is 4 or 9)
            {
                text.Append('-');
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// The account e-mails (address confirmation, password reset), written to the outbox with a link built from the
/// given site address. Tokens come from Identity's default token providers (data-protection, time-limited).
/// </summary>
public sealed class AccountEmails(ScholarDb db, UserManager<ScholarUser> users, Outbox outbox)
{
    public async Task<OutboxMessage> SendConfirmationAsync(ScholarUser user, string siteUrl, CancellationToken cancellationToken = default)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{siteUrl.TrimEnd('/')}/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={Encode(token)}";
        var message = outbox.Add(user.Id, user.Email, OutboxKind.EmailConfirmation, "Confirm your SoMeScholar e-mail address",
            $"Hello {user.DisplayName},\n\nConfirm your address to finish registering:\n\n{link}\n\nIf you did not register, ignore this message.");
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>Sends a reset link when the account exists and has a confirmed address; otherwise does nothing (the page says the same either way).</summary>
    public async Task<OutboxMessage?> SendPasswordResetAsync(string userNameOrEmail, string siteUrl, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(userNameOrEmail.Trim()) ?? await users.FindByNameAsync(userNameOrEmail.Trim());
        if (user?.Email is null || !user.EmailConfirmed)
        {
            return null;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{siteUrl.TrimEnd('/')}/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Encode(token)}";
        var message = outbox.Add(user.Id, user.Email, OutboxKind.PasswordReset, "Reset your SoMeScholar password",
            $"Hello {user.DisplayName},\n\nSomeone asked to reset the password of {user.UserName}. Choose a new one here:\n\n{link}\n\nIf it was not you, ignore this message; your password stays as it is.");
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// Who counts as confirmed for sign-in: an account with a confirmed e-mail address, or one an administrator created
/// without an address. Self-registered accounts always have an address, so they must confirm it.
/// </summary>
public sealed class ScholarUserConfirmation : IUserConfirmation<ScholarUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ScholarUser> manager, ScholarUser user) => Task.FromResult(user.EmailConfirmed || user.Email is null);
}
