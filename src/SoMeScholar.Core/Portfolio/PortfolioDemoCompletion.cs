using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Completes the demo dossiers' portfolios once the discussions (500), mentors (800) and research (900) demos have run, which choose
/// their people from their own seeds: each person with a synthetic dossier who has no published discussion comment
/// gets a sign-in without password (as the discussions demo gives its members) and one synthetic comment on a thread
/// about one of their resources (or the busiest demo thread); each without an accepted mentee gets a synthetic mentor
/// profile if they have none and one accepted introduction from a demo trainee. Everything is flagged synthetic and the
/// texts say so; no criterion depends on these two sections alone, they make the demo portfolios full.
/// </summary>
public sealed class PortfolioDemoCompletion(ScholarDb db, UserManager<ScholarUser> users, TimeProvider clock) : IDemoContribution
{
    public int Order => 950;
    public string Name => "portfolio completion (discussion and mentoring)";

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var end = now < DemoPlan.WindowEnd ? now : DemoPlan.WindowEnd;
        var people = await db.Dossiers.AsNoTracking().Where(d => d.IsSynthetic).OrderBy(d => d.Id).Select(d => d.PersonId).Distinct().ToListAsync(cancellationToken);
        var trainees = context.Plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Trainee)).Select(p => context.PersonIds[p.Index]).ToList();
        for (var i = 0; i < people.Count; i++)
        {
            var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == people[i], cancellationToken);
            await CommentAsync(person, end.AddDays(-20 - i), cancellationToken);
            await MenteeAsync(person, trainees, end.AddDays(-40 - i), context.Random, cancellationToken);
        }
    }

    private async Task CommentAsync(Person person, DateTime at, CancellationToken cancellationToken)
    {
        var userIds = await db.Users.Where(u => u.PersonId == person.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        if (await db.Comments.AnyAsync(c => c.AuthorUserId != null && userIds.Contains(c.AuthorUserId) && c.Status == CommentStatus.Published, cancellationToken))
        {
            return;
        }

        var resources = await db.ResourceAuthors.Where(a => a.PersonId == person.Id).Select(a => a.ResourceId).ToListAsync(cancellationToken);
        var thread = await db.DiscussionThreads.Where(t => t.SubjectKind == SubjectKind.Resource && t.SubjectId != null && resources.Contains(t.SubjectId.Value)).OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.DiscussionThreads.OrderByDescending(t => db.Comments.Count(c => c.ThreadId == t.Id)).ThenBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        if (thread is null)
        {
            return;
        }

        string userId;
        if (userIds.Count > 0)
        {
            userId = userIds[0];
        }
        else
        {
            // No password and no e-mail: like the discussions demo's members, this sign-in cannot be used to sign in.
            var user = new ScholarUser { UserName = "demo." + person.Slug, DisplayName = person.DisplayName, CreatedAt = at.AddDays(-30), PersonId = person.Id };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, Roles.Member)).Succeeded)
            {
                throw new InvalidOperationException("The demo could not create a member for " + person.Slug + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            userId = user.Id;
        }

        db.Comments.Add(new Comment
        {
            ThreadId = thread.Id,
            AuthorUserId = userId,
            Body = "Thanks for the discussion. I have added the key references and a short summary table to the resource, and I would welcome more comments on how to use it in teaching. (Synthetic demo comment.)",
            Status = CommentStatus.Published,
            CreatedAt = at,
            PublishedAt = at,
            IsSynthetic = true,
        });
        if (thread.LastActivityAt < at)
        {
            thread.LastActivityAt = at;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task MenteeAsync(Person person, List<long> trainees, DateTime at, Random random, CancellationToken cancellationToken)
    {
        var profile = await db.MentorProfiles.FirstOrDefaultAsync(p => p.PersonId == person.Id, cancellationToken);
        if (profile is not null && await db.MentorIntroductions.AnyAsync(i => i.MentorProfileId == profile.Id && (i.Status == IntroductionStatus.Accepted || i.Status == IntroductionStatus.Ended), cancellationToken))
        {
            return;
        }

        if (profile is null)
        {
            profile = new MentorProfile
            {
                PersonId = person.Id,
                Status = MentorStatus.Active,
                Topics = person.Specialty ?? "Health-professions education",
                Specialty = person.Specialty,
                CareerStage = CareerStage.MidCareer,
                TimeZone = person.TimeZone,
                Languages = person.Languages,
                Offers = MentoringAreas.Career | MentoringAreas.Education,
                Capacity = 2,
                Approach = "Synthetic demo mentor. Send a short introduction: who you are and what you would like to work on.",
                IsSynthetic = true,
                CreatedAt = at.AddDays(-30),
                UpdatedAt = at.AddDays(-30),
            };
            db.MentorProfiles.Add(profile);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (profile.Status != MentorStatus.Active || profile.Capacity < 1)
        {
            return;
        }

        var introduced = await db.MentorIntroductions.Where(i => i.MentorProfileId == profile.Id).Select(i => i.TraineePersonId).ToListAsync(cancellationToken);
        var candidates = trainees.Where(t => t != person.Id && !introduced.Contains(t)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        db.MentorIntroductions.Add(new MentorIntroduction
        {
            MentorProfileId = profile.Id,
            TraineePersonId = candidates[random.Next(candidates.Count)],
            Status = IntroductionStatus.Accepted,
            Message = "Synthetic demo introduction: I am a resident working on an education project and would value your advice on sharing it openly.",
            ResponseMessage = "Happy to. Let us find a time next week. (Synthetic demo reply.)",
            IsSynthetic = true,
            CreatedAt = at,
            RespondedAt = at.AddDays(2),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
