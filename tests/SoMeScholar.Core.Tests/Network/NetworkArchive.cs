using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Tests.Network;

/// <summary>
/// A small hand-drawn archive for selection tests. Bluesky accounts ann, bob, cat, dan; Mastodon account eve.
/// <code>
/// ann → bob  mention ×2 (2026-03-01, 2026-03-02; the first post carries #meded)
/// bob → cat  reply       (2026-03-03, replying to cat's #meded post)
/// cat → ann  follow      (no time)
/// dan → ann  mention     (2026-04-10, outside March)
/// ann → dan  mention     (deleted)
/// bob → bob  reply       (self-loop)
/// eve → ann  repost      (Mastodon, 2026-03-05)
/// ann → cat  like        (2026-03-06)
/// </code>
/// </summary>
public static class NetworkArchive
{
    public static readonly DateTime March = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<Dictionary<string, long>> SeedAsync(ScholarDb db)
    {
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        foreach (var (handle, platform, id) in new[] { ("ann", Platform.Bluesky, "did:ann"), ("bob", Platform.Bluesky, "did:bob"), ("cat", Platform.Bluesky, "did:cat"), ("dan", Platform.Bluesky, "did:dan"), ("eve", Platform.Mastodon, "eve@example.social") })
        {
            var account = new Account { Platform = platform, ExternalId = id, Handle = handle, DisplayName = handle.ToUpperInvariant(), FirstSeenAt = March };
            accounts[handle] = account;
            db.Accounts.Add(account);
        }

        await db.SaveChangesAsync();
        var annPost = Post(accounts["ann"], "p1", March, "#meded hello @bob");
        var annPost2 = Post(accounts["ann"], "p2", March.AddDays(1), "again @bob");
        var catPost = Post(accounts["cat"], "p3", March.AddDays(2).AddHours(-1), "#MedEd question");
        var bobReply = Post(accounts["bob"], "p4", March.AddDays(2), "answer", PostKind.Reply);
        var danPost = Post(accounts["dan"], "p5", March.AddDays(40), "@ann");
        var annDeleted = Post(accounts["ann"], "p6", March.AddDays(3), "@dan");
        annDeleted.IsDeleted = true;
        db.Posts.AddRange(annPost, annPost2, catPost, bobReply, danPost, annDeleted);
        await db.SaveChangesAsync();
        db.PostHashtags.Add(new PostHashtag { PostId = annPost.Id, Tag = "meded", CreatedAt = annPost.CreatedAt, AuthorId = annPost.AuthorId });
        db.PostHashtags.Add(new PostHashtag { PostId = catPost.Id, Tag = "meded", CreatedAt = catPost.CreatedAt, AuthorId = catPost.AuthorId });

        var n = 0;
        void Edge(string source, string target, InteractionKind kind, DateTime? at, Post? post = null, Post? subject = null, bool deleted = false) =>
            db.Interactions.Add(new Interaction
            {
                Platform = accounts[source].Platform,
                Kind = kind,
                NaturalKey = $"k{++n}",
                SourceAccountId = accounts[source].Id,
                TargetAccountId = accounts[target].Id,
                PostId = post?.Id,
                SubjectPostId = subject?.Id,
                OccurredAt = at,
                IsDeleted = deleted,
            });

        Edge("ann", "bob", InteractionKind.Mention, annPost.CreatedAt, annPost);
        Edge("ann", "bob", InteractionKind.Mention, annPost2.CreatedAt, annPost2);
        Edge("bob", "cat", InteractionKind.Reply, bobReply.CreatedAt, bobReply, catPost);
        Edge("cat", "ann", InteractionKind.Follow, null);
        Edge("dan", "ann", InteractionKind.Mention, danPost.CreatedAt, danPost);
        Edge("ann", "dan", InteractionKind.Mention, annDeleted.CreatedAt, annDeleted, deleted: true);
        Edge("bob", "bob", InteractionKind.Reply, March.AddDays(2), bobReply);
        Edge("eve", "ann", InteractionKind.Repost, March.AddDays(4));
        Edge("ann", "cat", InteractionKind.Like, March.AddDays(5), subject: catPost);
        await db.SaveChangesAsync();
        return accounts.ToDictionary(a => a.Key, a => a.Value.Id, StringComparer.Ordinal);
    }

    private static Post Post(Account author, string id, DateTime at, string text, PostKind kind = PostKind.Original) => new()
    {
        Platform = author.Platform,
        ExternalId = id,
        AuthorId = author.Id,
        Kind = kind,
        Text = text,
        CreatedAt = at,
    };
}
