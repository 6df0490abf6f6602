using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Discussions;

/// <summary>A thread's subject: a kind and an id in the owning capability's tables (a topic's id is its thread's id).</summary>
public sealed record SubjectReference(SubjectKind Kind, long Id)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>What the discussions need to know about a subject: how to name it, where it lives, and who wrote it
/// (their people ids, whose linked sign-ins are notified of new threads about it, and sign-ins named directly).</summary>
public sealed record DiscussionSubject(SubjectReference Reference, string Title, string Url, IReadOnlyList<long> AuthorPersonIds)
{
    public IReadOnlyList<string> AuthorUserIds { get; init; } = [];
}

/// <summary>
/// Implemented by each capability for the subject kinds it owns (resources and reviews by capability 4, events by
/// capability 3, topics here) and registered as <c>services.AddScoped&lt;IDiscussionSubjects, X&gt;()</c>.
/// Threads keep only the kind and id, with no foreign key into the owner's tables.
/// </summary>
public interface IDiscussionSubjects
{
    IReadOnlyCollection<SubjectKind> Kinds { get; }

    /// <summary>The subject, or null when there is no such subject (a thread cannot then be opened on it).</summary>
    Task<DiscussionSubject?> FindAsync(SubjectReference subject, CancellationToken cancellationToken);
}

/// <summary>Standalone topics: the thread is its own subject; its author is the person linked to whoever opened it.</summary>
public sealed class TopicSubjects(ScholarDb db) : IDiscussionSubjects
{
    public IReadOnlyCollection<SubjectKind> Kinds { get; } = [SubjectKind.Topic];

    public async Task<DiscussionSubject?> FindAsync(SubjectReference subject, CancellationToken cancellationToken)
    {
        var thread = await db.DiscussionThreads.AsNoTracking()
            .Where(t => t.Id == subject.Id && t.SubjectKind == SubjectKind.Topic)
            .Select(t => new { t.Id, t.Title, t.CreatedByUserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (thread is null)
        {
            return null;
        }

        var personIds = await db.Users.Where(u => u.Id == thread.CreatedByUserId && u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync(cancellationToken);
        return new DiscussionSubject(subject, thread.Title, $"/Discussions/Thread/{thread.Id}", personIds);
    }
}

/// <summary>Looks a subject up through whichever <see cref="IDiscussionSubjects"/> owns its kind.</summary>
public sealed class DiscussionSubjects(IEnumerable<IDiscussionSubjects> providers)
{
    public IReadOnlyCollection<SubjectKind> SupportedKinds { get; } = providers.SelectMany(p => p.Kinds).Distinct().Order().ToList();

    public bool Supports(SubjectKind kind) => SupportedKinds.Contains(kind);

    public async Task<DiscussionSubject?> FindAsync(SubjectReference subject, CancellationToken cancellationToken = default)
    {
        foreach (var provider in providers.Where(p => p.Kinds.Contains(subject.Kind)))
        {
            if (await provider.FindAsync(subject, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
