using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>A mentor's profile for members, why they were suggested to the viewer, and the introduction form.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class MentorModel(ScholarDb db, MentorPeople people, MentorProfiles profiles, TraineeRequests requests, MentorRecommendations recommendations,
    MentorIndexProvider indexes, ArchiveOverview archive, Introductions introductions) : PageModel
{
    public MentorProfileView Profile { get; private set; } = null!;
    public bool IsYou { get; private set; }
    public MentorRecommendation? AsRecommended { get; private set; }
    public IReadOnlyList<string> PostsAbout { get; private set; } = [];
    public IReadOnlyList<PostSummary> RecentPosts { get; private set; } = [];
    public IntroductionView? Existing { get; private set; }
    public string? Closed { get; private set; }

    /// <summary>Why the last introduction attempt failed (set by the Introduce page before redirecting here).</summary>
    [TempData]
    public string? IntroductionError { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(id, cancellationToken);
        if (profile is null || profile.Status == MentorStatus.Left)
        {
            return NotFound();
        }

        Profile = profile;
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        IsYou = profile.PersonId == person;
        Existing = (await db.MentorIntroductions.Where(i => i.MentorProfileId == id && i.TraineePersonId == person && (i.Status == IntroductionStatus.Pending || i.Status == IntroductionStatus.Accepted))
            .Select(i => i.Id).ToListAsync(cancellationToken)) is [var existing, ..] ? await introductions.GetAsync(existing, cancellationToken) : null;

        var snapshot = await indexes.GetAsync(db, cancellationToken);
        var m = snapshot.Index.MentorByProfile(id);
        if (m >= 0)
        {
            PostsAbout = snapshot.Index.TopTerms(m, 8).Where(t => t.Posts > 0).Select(t => t.Term).ToList();
        }

        var accounts = await db.Accounts.Where(a => a.PersonId == profile.PersonId).Select(a => a.Id).ToListAsync(cancellationToken);
        var posts = new List<PostSummary>();
        foreach (var account in accounts)
        {
            posts.AddRange(await archive.RecentPostsAsync(5, account, cancellationToken));
        }

        RecentPosts = posts.OrderByDescending(p => p.CreatedAt).Take(5).ToList();

        if (!IsYou && await requests.ForPersonAsync(person, cancellationToken) is { } request)
        {
            var result = await recommendations.ForPersonAsync(person, TraineeRequestInput.From(request), MentorRecommendations.MaxCount, cancellationToken);
            AsRecommended = result.Mentors.FirstOrDefault(r => r.ProfileId == id);
        }

        Closed = profile.Status == MentorStatus.Paused ? $"{profile.Name} has paused mentoring for now."
            : profile.IsFull ? $"{profile.Name} has no free mentee place at the moment."
            : await db.MentorBlocks.AnyAsync(b => b.MentorProfileId == id && b.TraineePersonId == person, cancellationToken) ? $"{profile.Name} is not taking mentoring requests at the moment."
            : null;
        return Page();
    }
}
