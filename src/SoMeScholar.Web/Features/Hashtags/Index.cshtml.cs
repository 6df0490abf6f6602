using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Hashtags;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(3), [
        "Posts, reposts, participants (active and passive), likers and impressions for any hashtag set and window, with Symplur's definitions.",
        "Timelines per hour and day in the event's time zone, top participants, links, co-occurring hashtags and languages, compared with the preceding window.",
        "Conference mode with sessions, before/during/after splits, CSV and PDF reports.",
        "A moderated live wall for the projector, fed by Bluesky Jetstream and Mastodon streaming.",
    ], "The home page already charts the busiest hashtags of the archive.");
}
