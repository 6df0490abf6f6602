using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Discussions;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(5), [
        "Threads on resources, reviews, events and consensus statements open for comment.",
        "PubPeer-style content rules, Discourse-style graduated trust, flagging, a moderation queue and an audit log.",
    ], "Sign-in and roles are in place; moderators and administrators are assigned under Admin.");
}
