using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Security;

public sealed record ApiTokenSummary(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool Active);

/// <summary>
/// Personal API tokens: 32 random bytes, base64url, prefixed <c>sms_</c>. Stored as SHA-256 hashes (a token is a
/// high-entropy secret, so a fast hash is enough: there is nothing to brute-force). Revoked and expired tokens fail.
/// </summary>
public sealed class ApiTokens(ScholarDb db, TimeProvider clock)
{
    public const string TokenPrefix = "sms_";
    public const int MaxActivePerUser = 20;

    public async Task<(ApiTokenSummary Token, string Secret)> CreateAsync(string userId, string name, int? validDays, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is < 1 or > 100)
        {
            throw new ArgumentException("Name the token (1 to 100 characters), e.g. after the script that uses it.", nameof(name));
        }

        if (validDays is < 1 or > 3650)
        {
            throw new ArgumentException("A token is valid for 1 to 3650 days, or without end.", nameof(validDays));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), cancellationToken) >= MaxActivePerUser)
        {
            throw new ArgumentException($"You have {MaxActivePerUser} active tokens; revoke one first.", nameof(userId));
        }

        var secret = TokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..12],
            Hash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = validDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (Summary(token, now), secret);
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return tokens.Select(t => Summary(t, now)).ToList();
    }

    /// <summary>Revokes one of the user's tokens; false when they have no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(cancellationToken);
        tokens.ForEach(t => t.RevokedAt = now);
        await db.SaveChangesAsync(cancellationToken);
        return tokens.Count;
    }

    /// <summary>The user id a presented token belongs to, or null when it is unknown, revoked or expired.</summary>
    public async Task<string?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var hash = Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return token.UserId;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiTokenSummary Summary(ApiToken t, DateTime now) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedAt is null && (t.ExpiresAt is null || t.ExpiresAt > now));
}
