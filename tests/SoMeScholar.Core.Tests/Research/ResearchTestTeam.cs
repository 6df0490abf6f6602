using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

/// <summary>A migrated store with a study led by <see cref="Lead"/>, a coder, an auditor, an outsider and an administrator who is not on the team.</summary>
public sealed class ResearchTestTeam : IAsyncDisposable
{
    private ResearchTestTeam(TestStore store, AsyncServiceScope scope) => (Store, Scope) = (store, scope);

    public TestStore Store { get; }
    public AsyncServiceScope Scope { get; }
    public ResearchActor Lead { get; private set; } = null!;
    public ResearchActor Coder { get; private set; } = null!;
    public ResearchActor Auditor { get; private set; } = null!;
    public ResearchActor Outsider { get; private set; } = null!;
    public ResearchActor Administrator { get; private set; } = null!;
    public long StudyId { get; private set; }

    public T Get<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    public static async Task<ResearchTestTeam> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var store = await TestStore.CreateAsync(provider);
        var team = new ResearchTestTeam(store, store.Scope());
        var users = team.Get<UserAdministration>();
        async Task<ResearchActor> Add(string name, string role)
        {
            var (user, _) = await users.AddAsync(name, null, role, UserAdministration.GeneratePassword(), displayName: name.ToUpperInvariant());
            return new ResearchActor(user.Id, name);
        }

        team.Lead = await Add("lead", Roles.Member);
        team.Coder = await Add("coder", Roles.Member);
        team.Auditor = await Add("auditor", Roles.Member);
        team.Outsider = await Add("outsider", Roles.Member);
        team.Administrator = await Add("admin", Roles.Administrator);
        var studies = team.Get<Studies>();
        team.StudyId = (await studies.CreateAsync(team.Lead, "Enablers and barriers", "REB #5609", "A test study.")).Id;
        await studies.SetMemberAsync(team.Lead, team.StudyId, "coder", StudyRole.Coder);
        await studies.SetMemberAsync(team.Lead, team.StudyId, "auditor", StudyRole.Auditor);
        return team;
    }

    /// <summary>Imports a text transcript, accepts every replacement and approves it.</summary>
    public async Task<long> ReadyTranscriptAsync(string title, string text, string? participant = null, ResearchActor? actor = null)
    {
        actor ??= Lead;
        var transcripts = Get<Transcripts>();
        var transcript = await transcripts.ImportTextAsync(actor, StudyId, title, text, participant);
        foreach (var replacement in (await transcripts.ReviewAsync(actor, transcript.Id)).Replacements)
        {
            await transcripts.DecideAsync(actor, replacement.Id, ReplacementDecision.Accepted, null);
        }

        await transcripts.ApproveAsync(actor, transcript.Id);
        return transcript.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await Store.DisposeAsync();
    }
}
