using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Mentors;

/// <summary>
/// Mentoring belongs to people, and a sign-in acts for its person (<see cref="Users.ScholarUser.PersonId"/>). A user
/// without a person gets one the first time they use the Mentors section (with no accounts: their stated interests
/// still work, network proximity needs their accounts). Administrators link a sign-in to an existing person whose
/// accounts are in the archive, after checking it is really them.
/// </summary>
public sealed class MentorPeople(ScholarDb db, TimeProvider clock)
{
    public async Task<long?> PersonOfUserAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The user's person, created (and linked) when they have none.</summary>
    public async Task<long> EnsurePersonAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new MentorRuleException("Unknown user.");
        if (user.PersonId is { } existing)
        {
            return existing;
        }

        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "member" : user.DisplayName;
        var person = new Person
        {
            DisplayName = name,
            Slug = await UniqueSlugAsync(DemoPlan.Slugify(user.UserName ?? name), cancellationToken),
            Kind = PersonKind.Individual,
            Profession = Profession.Other,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        user.PersonId = person.Id;
        await db.SaveChangesAsync(cancellationToken);
        return person.Id;
    }

    /// <summary>Links a sign-in to an existing person (administrators). Refused when another sign-in already acts for that person.</summary>
    public async Task LinkUserAsync(string userNameOrEmail, string personSlug, CancellationToken cancellationToken = default)
    {
        var normalized = userNameOrEmail.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized, cancellationToken)
            ?? throw new MentorRuleException($"No user named '{userNameOrEmail}'.");
        var person = await db.People.FirstOrDefaultAsync(p => p.Slug == personSlug.Trim(), cancellationToken)
            ?? throw new MentorRuleException($"No person with the slug '{personSlug}'.");
        if (await db.Users.AnyAsync(u => u.PersonId == person.Id && u.Id != user.Id, cancellationToken))
        {
            throw new MentorRuleException($"Another sign-in already acts for {person.DisplayName}.");
        }

        user.PersonId = person.Id;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> UniqueSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        var stem = string.IsNullOrEmpty(wanted) ? "member" : wanted[..Math.Min(wanted.Length, 100)];
        var slug = stem;
        for (var i = 2; await db.People.AnyAsync(p => p.Slug == slug, cancellationToken); i++)
        {
            slug = $"{stem}-{i}";
        }

        return slug;
    }
}
