using System.Globalization;
using Microsoft.AspNetCore.Identity;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

/// <summary>
/// The discussions' part of the demo: members (sign-ins without a password, linked to synthetic people), a consensus
/// statement open for comment, topics with comments, replies, quotes and reactions, a locked thread, a comment waiting
/// in the queue, one hidden by flags and one restored, and the audit log of those actions. Times are fixed offsets
/// from the demo window, so the same seed gives the same discussions.
/// </summary>
public sealed class DiscussionsDemo(ScholarDb db, UserManager<ScholarUser> users, UserAdministration administration) : IDemoContribution
{
    public int Order => 500;
    public string Name => "discussions";

    /// <summary>The consensus statement's comment period ends at this (fixed) time.</summary>
    public static readonly DateTime ConsensusOpenUntil = new(2027, 6, 30, 23, 59, 0, DateTimeKind.Utc);

    private static readonly string[] Sources =
    [
        "https://doi.org/10.1097/ACM.0000000000000726", "https://doi.org/10.5811/westjem.2015.7.25945", "https://doi.org/10.1136/emermed-2015-204909",
        "https://pubmed.ncbi.nlm.nih.gov/25856548/", "https://doi.org/10.1111/medu.13079",
    ];

    private static readonly string[] Openers =
    [
        "I agree with the direction here; the evidence on peer review of blogs supports it ([source]({0})).",
        "Could the statement say how reach should be weighed against quality? The criteria in [this paper]({0}) separate the two.",
        "In our programme we count reviewed blog posts like short reports; the definition we use follows [Sherbino et al.]({0}).",
        "The second recommendation needs a citation for the claim about uptake; the closest I know is [this study]({0}).",
        "Impressions alone say little about scholarship. Engagement and dissemination should be reported separately, as [here]({0}).",
        "A small point on wording: \"digital scholarship\" is defined differently in [this review]({0}); worth aligning.",
    ];

    private static readonly string[] Replies =
    [
        "Good point. Do you have data on how committees actually weigh this?",
        "Agreed, and a worked example in an appendix would help committees.",
        "I read that paper differently: it measured quality, not impact. See the methods section.",
        "Thanks, that reference is useful. I will bring it to our next committee meeting.",
    ];

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var random = context.Random;
        await administration.EnsureRolesAsync();
        var candidates = context.Plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Count > 0).ToList();
        var members = new List<(ScholarUser User, DemoPerson Person)>();
        foreach (var person in candidates.OrderBy(_ => random.Next()).Take(14).OrderBy(p => p.Index))
        {
            var user = new ScholarUser
            {
                UserName = "demo." + person.Slug,
                DisplayName = person.DisplayName,
                CreatedAt = DemoPlan.WindowStart.AddDays(-200 + person.Index % 50),
                PersonId = context.PersonIds[person.Index],
            };
            // No password and no e-mail: demo members cannot sign in; they only give the discussions their voices.
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, Roles.Member));
            members.Add((user, person));
        }

        var moderator = members[0].User;
        Check(await users.AddToRoleAsync(moderator, Roles.Moderator));
        var newcomer = members[^1].User;
        var trusted = members.Skip(1).Take(members.Count - 2).ToList();
        var start = DemoPlan.WindowStart.AddDays(20);

        var consensus = Thread(SubjectKind.Topic, "Consensus statement (synthetic): counting social media scholarship in promotion portfolios",
            "**Open for comment until 30 June 2027.** This synthetic statement, modelled on the 2014 Social Media Summit's consensus statements, proposes that:\n\n" +
            "1. Peer-reviewed blog posts, podcasts and infographics count as scholarship when they meet published criteria (Sherbino et al. 2015).\n" +
            "2. Portfolios report reach (impressions, unique accounts) and quality (validated instruments) separately.\n" +
            "3. Knowledge uptake (\"I used this\" reports) is evidence of impact.\n\nComment on any numbered recommendation; cite your sources.",
            trusted[0].User.Id, start, ConsensusOpenUntil);
        var podcasts = Thread(SubjectKind.Topic, "Should #FOAMed podcasts cite sources in their show notes?",
            "Several review instruments (rMETRIQ, the ALiEM AIR score) reward referencing. Should show notes list sources for every claim?", trusted[1].User.Id, start.AddDays(3), null);
        var metrics = Thread(SubjectKind.Topic, "Which network measures belong in a promotion dossier?",
            "Degree, PageRank, betweenness: which of these would a committee understand, and which mislead?", trusted[2].User.Id, start.AddDays(8), null);
        var locked = Thread(SubjectKind.Topic, "Conference live-wall etiquette",
            "What should a moderated live wall show, and what should it hold back?", trusted[3].User.Id, start.AddDays(12), null);
        db.DiscussionThreads.AddRange(consensus, podcasts, metrics, locked);
        await db.SaveChangesAsync(cancellationToken);

        var comments = new List<Comment>();
        var time = start;
        foreach (var thread in new[] { consensus, podcasts, metrics, locked })
        {
            var count = thread == consensus ? 9 : 4 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                time = time.AddHours(3 + random.Next(30));
                var author = trusted[random.Next(trusted.Count)].User;
                var replyTo = i > 1 && random.NextDouble() < 0.4 ? comments.Where(c => c.ThreadId == thread.Id).OrderBy(_ => random.Next()).FirstOrDefault() : null;
                var body = replyTo is null
                    ? string.Format(CultureInfo.InvariantCulture, Openers[random.Next(Openers.Length)], Sources[random.Next(Sources.Length)])
                    : Replies[random.Next(Replies.Length)];
                if (replyTo is not null && random.NextDouble() < 0.3)
                {
                    body = $"> {replyTo.Body.Split('\n')[0]}\n\n{body}";
                }

                var comment = Comment(thread, author.Id, body, time, CommentStatus.Published, replyTo);
                if (replyTo is not null && body.StartsWith('>'))
                {
                    comment.QuotedCommentId = replyTo.Id;
                }

                db.Comments.Add(comment);
                await db.SaveChangesAsync(cancellationToken);
                comments.Add(comment);
                thread.LastActivityAt = time;
            }
        }

        foreach (var comment in comments)
        {
            foreach (var (reactor, _) in trusted.Where(m => m.User.Id != comment.AuthorUserId && random.NextDouble() < 0.25))
            {
                db.CommentReactions.Add(new CommentReaction { CommentId = comment.Id, UserId = reactor.Id, Kind = (ReactionKind)random.Next(4), CreatedAt = comment.CreatedAt.AddHours(2) });
            }
        }

        foreach (var (member, _) in members)
        {
            db.MemberTrust.Add(new MemberTrust { UserId = member.Id, Level = member == newcomer ? TrustLevel.New : member == moderator ? TrustLevel.Leader : TrustLevel.Basic, UpdatedAt = time });
        }

        var modActor = new Actor(moderator.Id, moderator.DisplayName!);
        // A newcomer's first comment, waiting in the moderation queue.
        time = time.AddHours(5);
        var pending = Comment(consensus, newcomer.Id, "As a resident I would add that trainees' contributions (e.g. infographics) should count too; see [this example](https://doi.org/10.1111/medu.13079).", time, CommentStatus.Pending, null);
        db.Comments.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        Audit(Actor.System, ModerationActionKind.CommentQueued, pending, "New member: the first comments are reviewed by a moderator before they appear.", time);

        // A comment flagged by three members and hidden pending review.
        time = time.AddHours(4);
        var hidden = Comment(metrics, trusted[4].User.Id, "Honestly the authors of that network paper must have faked their numbers.", time, CommentStatus.Hidden, null);
        db.Comments.Add(hidden);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (flagger, _) in trusted.Skip(5).Take(3))
        {
            time = time.AddMinutes(40);
            db.CommentFlags.Add(new CommentFlag { CommentId = hidden.Id, UserId = flagger.Id, Reason = FlagReason.MisconductAccusation, Detail = "Accuses the authors of faking data without evidence.", TrustLevel = TrustLevel.Basic, CreatedAt = time });
            Audit(new Actor(flagger.Id, flagger.DisplayName!), ModerationActionKind.CommentFlagged, hidden, "MisconductAccusation: Accuses the authors of faking data without evidence.", time);
        }

        Audit(Actor.System, ModerationActionKind.CommentAutoHidden, hidden, "Hidden pending review: flagged by 3 member(s), weight 3 reached the threshold 3.", time);

        // A comment flagged, hidden, and restored by the moderator with a reason.
        var restored = comments.First(c => c.ThreadId == podcasts.Id);
        time = time.AddHours(2);
        foreach (var (flagger, _) in trusted.Where(m => m.User.Id != restored.AuthorUserId).Take(3))
        {
            time = time.AddMinutes(30);
            db.CommentFlags.Add(new CommentFlag { CommentId = restored.Id, UserId = flagger.Id, Reason = FlagReason.UnverifiableClaim, Detail = "The claim needs a source.", TrustLevel = TrustLevel.Basic, CreatedAt = time, ResolvedAt = time.AddHours(6) });
            Audit(new Actor(flagger.Id, flagger.DisplayName!), ModerationActionKind.CommentFlagged, restored, "UnverifiableClaim: The claim needs a source.", time);
        }

        Audit(Actor.System, ModerationActionKind.CommentAutoHidden, restored, "Hidden pending review: flagged by 3 member(s), weight 3 reached the threshold 3.", time);
        Audit(modActor, ModerationActionKind.CommentRestored, restored, "The comment cites a DOI for its claim; it meets the content rules.", time.AddHours(6));

        locked.IsLocked = true;
        db.ModerationActions.Add(new ModerationAction
        {
            At = time.AddHours(8), ActorUserId = moderator.Id, ActorName = moderator.DisplayName!, Action = ModerationActionKind.ThreadLocked, TargetKind = ModerationTarget.Thread,
            TargetId = locked.Id.ToString(CultureInfo.InvariantCulture), Reason = "The question was answered; further discussion moved to the live-wall guidelines.", Details = locked.Title,
        });
        foreach (var thread in new[] { consensus, podcasts, metrics, locked })
        {
            db.ThreadSubscriptions.Add(new ThreadSubscription { ThreadId = thread.Id, UserId = thread.CreatedByUserId!, CreatedAt = thread.CreatedAt });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DiscussionThread Thread(SubjectKind kind, string title, string body, string userId, DateTime at, DateTime? openUntil) => new()
    {
        SubjectKind = kind, Title = title, Body = body, CreatedByUserId = userId, CreatedAt = at, LastActivityAt = at, OpenUntil = openUntil, IsSynthetic = true,
    };

    private static Comment Comment(DiscussionThread thread, string userId, string body, DateTime at, CommentStatus status, Comment? parent) => new()
    {
        ThreadId = thread.Id, AuthorUserId = userId, Body = body, CreatedAt = at, Status = status, PublishedAt = status == CommentStatus.Pending ? null : at, ParentId = parent?.Id, IsSynthetic = true,
    };

    private void Audit(Actor actor, ModerationActionKind action, Comment comment, string reason, DateTime at) =>
        db.ModerationActions.Add(new ModerationAction
        {
            At = at, ActorUserId = actor.UserId, ActorName = actor.Name, Action = action, TargetKind = ModerationTarget.Comment,
            TargetId = comment.Id.ToString(CultureInfo.InvariantCulture), Reason = reason, Details = $"thread {comment.ThreadId} (synthetic demo)",
        });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo discussions: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
