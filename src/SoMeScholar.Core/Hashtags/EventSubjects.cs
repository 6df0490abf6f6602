using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Conference events (capability 3) as discussion subjects: a thread about an event names it and links back to its
/// page. The event's author is the account that created it (<see cref="HashtagEvent.CreatedBy"/> is its user name),
/// who then follows threads opened about it.
/// </summary>
public sealed class EventSubjects(ScholarDb db) : IDiscussionSubjects
{
    public IReadOnlyCollection<SubjectKind> Kinds { get; } = [SubjectKind.Event];

    public async Task<DiscussionSubject?> FindAsync(SubjectReference subject, CancellationToken cancellationToken)
    {
        if (subject.Kind != SubjectKind.Event)
        {
            return null;
        }

        var item = await db.HashtagEvents.AsNoTracking().Where(e => e.Id == subject.Id)
            .Select(e => new { e.Name, e.Slug, e.CreatedBy }).FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        var creators = item.CreatedBy is { } name
            ? await db.Users.Where(u => u.UserName == name).Select(u => u.Id).ToListAsync(cancellationToken)
            : [];
        return new DiscussionSubject(subject, item.Name, "/Hashtags/Events/" + Uri.EscapeDataString(item.Slug), [])
        {
            AuthorUserIds = creators,
        };
    }

    /// <summary>How many threads are open about the event (any state: the discussions list shows them all).</summary>
    public Task<int> ThreadCountAsync(long eventId, CancellationToken cancellationToken = default) =>
        db.DiscussionThreads.CountAsync(t => t.SubjectKind == SubjectKind.Event && t.SubjectId == eventId, cancellationToken);
}
