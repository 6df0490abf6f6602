using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Resources;

/// <summary>An author as submitted: a person of the registry (by id or slug) or just a name.</summary>
public sealed record AuthorInput(string? Name, long? PersonId = null, string? PersonSlug = null);

/// <summary>A resource's metadata as submitted, edited or revised.</summary>
public sealed record ResourceInput
{
    public required string Url { get; init; }
    public ResourceType Type { get; init; }
    public required string Title { get; init; }
    public string? Publisher { get; init; }
    public string? Specialty { get; init; }
    public DateTime? PublishedAt { get; init; }
    public string? Licence { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<AuthorInput> Authors { get; init; } = [];
}

/// <summary>
/// Writes to the registry: submit (any member), edit and revise (the resource's authors, its submitter, its editor or
/// an administrator), retract with a notice (the same people), designate the editor (administrators), switch blinding
/// (editors), archive a snapshot. Edits correct the current version in place; a revision registers a new version,
/// keeps the old one and its reviews, and flags the resource for re-review when it had reviews.
/// </summary>
public sealed class ResourceRegistry(ScholarDb db, TimeProvider clock, SnapshotFetcher fetcher)
{
    public const int MaxTopics = 12;
    public const int MaxAuthors = 30;

    public async Task<Resource> SubmitAsync(ResourceActor actor, ResourceInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.IsMember)
        {
            throw new ResourceAccessDeniedException("Only signed-in members submit resources.");
        }

        var normalized = NormalizeUrl(input.Url);
        if (await db.Resources.AnyAsync(r => r.NormalizedUrl == normalized, cancellationToken))
        {
            throw new ResourceRuleException($"This resource is already registered ({normalized}).", "url");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var resource = new Resource { Url = input.Url.Trim(), NormalizedUrl = normalized, Title = "", SubmittedByUserId = actor.UserId, CreatedAt = now };
        await ApplyAsync(resource, input, cancellationToken);
        resource.Versions.Add(VersionOf(resource, 1, null, actor.UserId, now));
        db.Resources.Add(resource);
        await db.SaveChangesAsync(cancellationToken);
        return resource;
    }

    /// <summary>Corrects the current version's metadata (typos, a missing licence); no new version.</summary>
    public async Task<Resource> EditAsync(ResourceActor actor, long id, ResourceInput input, CancellationToken cancellationToken = default)
    {
        var resource = await LoadForChangeAsync(actor, id, "edit", cancellationToken);
        var normalized = NormalizeUrl(input.Url);
        await EnsureUrlFreeAsync(resource.Id, normalized, cancellationToken);
        resource.Url = input.Url.Trim();
        resource.NormalizedUrl = normalized;
        await ApplyAsync(resource, input, cancellationToken);
        var current = resource.Versions.Single(v => v.Number == resource.Version);
        var replacement = VersionOf(resource, resource.Version, current.ChangeNote, current.CreatedByUserId, current.CreatedAt);
        current.Url = replacement.Url;
        current.Title = replacement.Title;
        current.MetadataJson = replacement.MetadataJson;
        await db.SaveChangesAsync(cancellationToken);
        return resource;
    }

    /// <summary>Registers a new version. The old version and its reviews stay; the resource is flagged for re-review if it had reviews.</summary>
    public async Task<Resource> ReviseAsync(ResourceActor actor, long id, ResourceInput input, string? changeNote, CancellationToken cancellationToken = default)
    {
        var resource = await LoadForChangeAsync(actor, id, "revise", cancellationToken);
        if (string.IsNullOrWhiteSpace(changeNote))
        {
            throw new ResourceRuleException("Say what changed in this version.", "changeNote");
        }

        var normalized = NormalizeUrl(input.Url);
        await EnsureUrlFreeAsync(resource.Id, normalized, cancellationToken);
        var hadReviews = await db.Reviews.AnyAsync(r => r.ResourceId == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        resource.Url = input.Url.Trim();
        resource.NormalizedUrl = normalized;
        await ApplyAsync(resource, input, cancellationToken);
        resource.Version++;
        resource.NeedsReReview = hadReviews;
        resource.Versions.Add(VersionOf(resource, resource.Version, changeNote.Trim(), actor.UserId, now));
        await db.SaveChangesAsync(cancellationToken);
        return resource;
    }

    public async Task<Resource> RetractAsync(ResourceActor actor, long id, string notice, CancellationToken cancellationToken = default)
    {
        var resource = await LoadForChangeAsync(actor, id, "retract", cancellationToken);
        if (string.IsNullOrWhiteSpace(notice))
        {
            throw new ResourceRuleException("A retraction needs a notice that says why.", "notice");
        }

        resource.Status = ResourceStatus.Retracted;
        resource.RetractionNotice = notice.Trim();
        resource.RetractedAt = clock.GetUtcNow().UtcDateTime;
        resource.UpdatedAt = resource.RetractedAt.Value;
        await db.SaveChangesAsync(cancellationToken);
        return resource;
    }

    /// <summary>Administrators designate a resource's handling editor (a user name), or clear it with null.</summary>
    public async Task SetEditorAsync(ResourceActor actor, long id, string? editorUserName, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only administrators designate editors.");
        }

        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No resource {id}.");
        if (string.IsNullOrWhiteSpace(editorUserName))
        {
            resource.EditorUserId = null;
        }
        else
        {
            var normalizedName = editorUserName.Trim().ToUpperInvariant();
            resource.EditorUserId = await db.Users.Where(u => u.NormalizedUserName == normalizedName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ResourceRuleException($"No user named '{editorUserName.Trim()}'.", "editor");
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Editors switch blinding: reviewers then see the review form without the authors' names.</summary>
    public async Task SetBlindingAsync(ResourceActor actor, long id, bool blind, CancellationToken cancellationToken = default)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No resource {id}.");
        if (!IsEditor(actor, resource))
        {
            throw new ResourceAccessDeniedException("Only the resource's editor or an administrator sets blinding.");
        }

        resource.BlindReviews = blind;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Fetches and stores a snapshot of the current version. A failed fetch is stored and returned, never thrown.</summary>
    public async Task<ResourceSnapshot> ArchiveSnapshotAsync(ResourceActor actor, long id, CancellationToken cancellationToken = default)
    {
        var resource = await LoadForChangeAsync(actor, id, "archive a snapshot of", cancellationToken);
        return await StoreSnapshotAsync(resource, cancellationToken);
    }

    internal async Task<ResourceSnapshot> StoreSnapshotAsync(Resource resource, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(resource.Url, cancellationToken);
        var snapshot = new ResourceSnapshot
        {
            ResourceId = resource.Id,
            ResourceVersion = resource.Version,
            FetchedAt = clock.GetUtcNow().UtcDateTime,
            Outcome = result.Succeeded ? SnapshotOutcome.Archived : SnapshotOutcome.Failed,
            HttpStatus = result.HttpStatus,
            ContentType = result.ContentType,
            Bytes = result.Bytes,
            Sha256 = result.Sha256,
            Text = result.Text,
            Error = result.Error,
        };
        db.ResourceSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        return snapshot;
    }

    public static bool IsEditor(ResourceActor actor, Resource resource) => actor.IsAdministrator || (resource.EditorUserId is not null && resource.EditorUserId == actor.UserId);

    /// <summary>Authors (through their person), the submitter, the editor and administrators change a resource.</summary>
    public static bool CanChange(ResourceActor actor, Resource resource) =>
        IsEditor(actor, resource) || resource.SubmittedByUserId == actor.UserId || IsAuthor(actor, resource);

    public static bool IsAuthor(ResourceActor actor, Resource resource) => actor.PersonId is { } person && resource.Authors.Any(a => a.PersonId == person);

    internal static string NormalizeUrl(string url) =>
        UrlNormalizer.TryNormalize(url, out var normalized, out var error) ? normalized : throw new ResourceRuleException($"URL: {error}.", "url");

    private async Task EnsureUrlFreeAsync(long id, string normalized, CancellationToken cancellationToken)
    {
        if (await db.Resources.AnyAsync(r => r.Id != id && r.NormalizedUrl == normalized, cancellationToken))
        {
            throw new ResourceRuleException($"Another resource is registered at {normalized}.", "url");
        }
    }

    private async Task<Resource> LoadForChangeAsync(ResourceActor actor, long id, string what, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.Include(r => r.Authors).Include(r => r.Topics).Include(r => r.Versions).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No resource {id}.");
        if (!CanChange(actor, resource))
        {
            throw new ResourceAccessDeniedException($"Only the resource's authors, its submitter, its editor or an administrator may {what} it.");
        }

        return resource;
    }

    /// <summary>Validates the input and copies it onto the entity (authors and topics replaced).</summary>
    internal async Task ApplyAsync(Resource resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw new ResourceRuleException("A title is required.", "title");
        }

        if (title.Length > 512)
        {
            throw new ResourceRuleException("The title is longer than 512 characters.", "title");
        }

        if (!Enum.IsDefined(input.Type))
        {
            throw new ResourceRuleException($"Unknown type; use one of {string.Join(", ", Enum.GetNames<ResourceType>())}.", "type");
        }

        var topics = input.Topics.Select(ResourceTopic.Normalize).Where(t => t.Length > 0).Distinct().ToList();
        if (topics.Count > MaxTopics || topics.Any(t => t.Length > 128))
        {
            throw new ResourceRuleException($"At most {MaxTopics} topics of up to 128 characters.", "topics");
        }

        if (input.Authors.Count > MaxAuthors)
        {
            throw new ResourceRuleException($"At most {MaxAuthors} authors.", "authors");
        }

        var authors = new List<ResourceAuthor>();
        foreach (var (author, position) in input.Authors.Select((a, i) => (a, i)))
        {
            long? personId = author.PersonId;
            string? name = author.Name?.Trim();
            if (personId is null && !string.IsNullOrWhiteSpace(author.PersonSlug))
            {
                var slug = author.PersonSlug.Trim();
                var person = await db.People.Where(p => p.Slug == slug).Select(p => new { p.Id, p.DisplayName }).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new ResourceRuleException($"No person with the slug '{slug}'.", "authors");
                personId = person.Id;
                name = string.IsNullOrWhiteSpace(name) ? person.DisplayName : name;
            }
            else if (personId is { } id)
            {
                var displayName = await db.People.Where(p => p.Id == id).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new ResourceRuleException($"No person {id}.", "authors");
                name = string.IsNullOrWhiteSpace(name) ? displayName : name;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ResourceRuleException($"Author {position + 1} needs a name or a person.", "authors");
            }

            authors.Add(new ResourceAuthor { Name = name.Length > 256 ? name[..256] : name, PersonId = personId, Position = position });
        }

        resource.Type = input.Type;
        resource.Title = title;
        resource.Publisher = Clean(input.Publisher, 256, "publisher");
        resource.Specialty = Clean(input.Specialty, 128, "specialty");
        resource.Licence = Clean(input.Licence, 128, "licence");
        resource.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        resource.PublishedAt = input.PublishedAt is { } published ? DateTime.SpecifyKind(published, DateTimeKind.Utc) : null;
        resource.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        resource.Authors.Clear();
        resource.Authors.AddRange(authors);
        resource.Topics.Clear();
        resource.Topics.AddRange(topics.Select(t => new ResourceTopic { Topic = t }));
    }

    private static string? Clean(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= max ? trimmed : throw new ResourceRuleException($"The {field} is longer than {max} characters.", field);
    }

    internal static ResourceVersion VersionOf(Resource resource, int number, string? changeNote, string? userId, DateTime at) => new()
    {
        Number = number,
        Url = resource.Url,
        Title = resource.Title,
        ChangeNote = changeNote,
        CreatedAt = at,
        CreatedByUserId = userId,
        MetadataJson = JsonSerializer.Serialize(new
        {
            resource.Url,
            resource.NormalizedUrl,
            Type = resource.Type.ToString(),
            resource.Title,
            resource.Publisher,
            resource.Specialty,
            resource.PublishedAt,
            resource.Licence,
            resource.Summary,
            Topics = resource.Topics.Select(t => t.Topic).Order(StringComparer.Ordinal).ToList(),
            Authors = resource.Authors.OrderBy(a => a.Position).Select(a => new { a.Name, a.PersonId }).ToList(),
        }),
    };
}
