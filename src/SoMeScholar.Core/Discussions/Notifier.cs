using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Security;

namespace SoMeScholar.Core.Discussions;

/// <summary>
/// In-app notifications. Every notification is also recorded in the outbox (with the person's address when they have
/// one), from where the e-mail sender, if configured, delivers it.
/// </summary>
public sealed class Notifier(ScholarDb db, Outbox outbox, IOptions<EmailOptions> email, TimeProvider clock)
{
    /// <summary>Adds one notification per distinct recipient (saved with the caller's other changes).</summary>
    public async Task<int> NotifyAsync(IEnumerable<string> userIds, NotificationKind kind, string title, string url, string body, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var recipients = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.EmailConfirmed }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = (email.Value.SiteUrl?.TrimEnd('/') ?? "") + url;
        foreach (var recipient in recipients)
        {
            db.Notifications.Add(new Notification { UserId = recipient.Id, Kind = kind, Title = Clip(title, 500), Url = Clip(url, 500), CreatedAt = now });
            outbox.Add(recipient.Id, recipient.EmailConfirmed ? recipient.Email : null, OutboxKind.Notification, "SoMeScholar: " + title, body + "\n\n" + link);
        }

        return recipients.Count;
    }

    public async Task<IReadOnlyList<Notification>> ForUserAsync(string userId, int limit = 50, CancellationToken cancellationToken = default) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public async Task MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var notification in await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ToListAsync(cancellationToken))
        {
            notification.ReadAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>@user-name mentions in a comment, outside quoted lines and code.</summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    public static IReadOnlyList<string> Extract(string markdown)
    {
        var names = new List<string>();
        var inFence = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || trimmed.StartsWith('>'))
            {
                continue;
            }

            var withoutCode = Regex.Replace(line, "`[^`]*`", "", RegexOptions.None, TimeSpan.FromSeconds(1));
            foreach (Match match in MentionPattern().Matches(withoutCode))
            {
                var name = match.Groups[1].Value.TrimEnd('.', '-', '_');
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
