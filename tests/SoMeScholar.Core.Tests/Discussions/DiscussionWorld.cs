using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Discussions;

/// <summary>A migrated store with helpers to make members at a trust level and a topic to discuss.</summary>
internal sealed class DiscussionWorld : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private DiscussionWorld(TestStore store)
    {
        Store = store;
        _scope = store.Scope();
    }

    public TestStore Store { get; }
    public IServiceProvider Services => _scope.ServiceProvider;
    public ScholarDb Db => Services.GetRequiredService<ScholarDb>();
    public DiscussionBoard Board => Services.GetRequiredService<DiscussionBoard>();
    public Moderation Moderation => Services.GetRequiredService<Moderation>();
    public TrustLevels Trust => Services.GetRequiredService<TrustLevels>();
    public AuditLog Audit => Services.GetRequiredService<AuditLog>();

    public static async Task<DiscussionWorld> CreateAsync(DatabaseProvider provider) => new(await TestStore.CreateAsync(provider));

    /// <summary>Adds a user with the role; a trust level above New is granted by a moderator (as a test shortcut).</summary>
    public async Task<ScholarUser> UserAsync(string name, string role = Roles.Member, TrustLevel? level = null, string? email = null)
    {
        var (user, _) = await Services.GetRequiredService<UserAdministration>().AddAsync(name, email, role, UserAdministration.GeneratePassword(), displayName: "Dr " + name);
        if (level is { } granted)
        {
            var root = await RootModeratorAsync();
            await Trust.GrantAsync(Actor(root), user.Id, granted, "test set-up");
        }

        return user;
    }

    public static Actor Actor(ScholarUser user) => new(user.Id, user.DisplayName ?? user.UserName!);

    public async Task<DiscussionThread> TopicAsync(ScholarUser? by = null, DateTime? openUntil = null) =>
        await Board.CreateThreadAsync((by ?? await RootModeratorAsync()).Id, new NewThread(SubjectKind.Topic, null, "Consensus statement on digital scholarship", "1. Blogs count.\n2. Podcasts count.", openUntil));

    private ScholarUser? _root;

    private async Task<ScholarUser> RootModeratorAsync() => _root ??= await UserAsync("root-moderator", Roles.Moderator);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await Store.DisposeAsync();
    }
}
