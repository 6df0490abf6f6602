using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Discussions;

public sealed record MemberPage(string UserId, string UserName, string DisplayName, string? Affiliation, string? About, DateTime JoinedAt, TrustStanding Standing, IReadOnlyList<MemberComment> RecentComments);

public sealed record MemberComment(long Id, long ThreadId, string ThreadTitle, string Body, DateTime CreatedAt);

/// <summary>Members' public pages and the profile they edit (display name, affiliation, an "about" in Markdown).</summary>
public sealed class MemberProfiles(ScholarDb db, TrustLevels trust, TimeProvider clock)
{
    public async Task<MemberPage?> PageAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var profile = await db.MemberProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        var comments = await (from c in db.Comments.AsNoTracking()
                              where c.AuthorUserId == user.Id && c.Status == CommentStatus.Published
                              join t in db.DiscussionThreads on c.ThreadId equals t.Id
                              orderby c.CreatedAt descending
                              select new MemberComment(c.Id, t.Id, t.Title, c.Body, c.CreatedAt)).Take(20).ToListAsync(cancellationToken);
        return new MemberPage(user.Id, user.UserName!, user.DisplayName ?? user.UserName!, profile?.Affiliation, profile?.About, user.CreatedAt, await trust.StandingAsync(user.Id, cancellationToken), comments);
    }

    public async Task<MemberProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.MemberProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);

    public async Task SaveAsync(string userId, string displayName, string? affiliation, string? about, CancellationToken cancellationToken = default)
    {
        displayName = displayName?.Trim() ?? "";
        if (displayName.Length is < 1 or > 100)
        {
            throw new ModerationException("Your name needs 1 to 100 characters.");
        }

        if (affiliation?.Length > 256 || about?.Length > 4000)
        {
            throw new ModerationException("Affiliation is limited to 256 characters and About to 4,000.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.DisplayName = displayName;
        var profile = await db.MemberProfiles.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new MemberProfile { UserId = userId };
            db.MemberProfiles.Add(profile);
        }

        profile.Affiliation = string.IsNullOrWhiteSpace(affiliation) ? null : affiliation.Trim();
        profile.About = string.IsNullOrWhiteSpace(about) ? null : about.Trim();
        profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
