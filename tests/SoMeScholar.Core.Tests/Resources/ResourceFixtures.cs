using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Resources;

/// <summary>Users, people and resources for the resource tests, created through the real operations.</summary>
internal static class ResourceFixtures
{
    public static async Task<ResourceActor> UserAsync(TestStore store, string role, string? name = null, long? personId = null)
    {
        await using var scope = store.Scope();
        var userName = name ?? $"{role}-{Guid.NewGuid():N}"[..18];
        var (user, _) = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(userName, null, role, UserAdministration.GeneratePassword(), displayName: userName);
        if (personId is not null)
        {
            await using var db = store.NewDb();
            var stored = await db.Users.FindAsync(user.Id);
            stored!.PersonId = personId;
            await db.SaveChangesAsync();
        }

        var roles = role == Roles.Member ? new[] { Roles.Member } : [role, Roles.Member];
        return new ResourceActor(user.Id, userName, roles.ToHashSet(), personId, false);
    }

    public static async Task<long> PersonAsync(TestStore store, string name)
    {
        await using var db = store.NewDb();
        var person = new Person { DisplayName = name, Slug = name.ToLowerInvariant().Replace(' ', '-'), CreatedAt = DateTime.UtcNow };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    public static ResourceInput Input(string url, string title = "Airway pearls", long? authorPersonId = null) => new()
    {
        Url = url,
        Type = ResourceType.BlogPost,
        Title = title,
        Publisher = "Example FOAM",
        Specialty = "Emergency Medicine",
        Licence = "CC BY 4.0",
        Topics = ["Airway management", "#Resuscitation"],
        Authors = authorPersonId is { } id ? [new AuthorInput(null, id)] : [new AuthorInput("A. Writer")],
    };

    public static async Task<Resource> SubmitAsync(TestStore store, ResourceActor actor, ResourceInput input)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ResourceRegistry>().SubmitAsync(actor, input);
    }
}
