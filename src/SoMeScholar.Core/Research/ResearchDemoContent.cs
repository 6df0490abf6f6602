namespace SoMeScholar.Core.Research;

/// <summary>
/// The demo study's material, written for SoMeScholar: three synthetic interviews with invented educators about the
/// enablers and barriers of scholarly social media (modelled on the design of Chan et al. 2021, not on its data), the
/// codebook, and the passages the demo coders code ("anchors": code keys and a phrase of the de-identified text).
/// Every person, place and event in them is invented.
/// </summary>
internal static class ResearchDemoContent
{
    public sealed record CodeSpec(string Key, string Name, string Sphere, string Valence, string Definition, string? Inclusion = null, string? Exclusion = null, string? Examples = null);

    public sealed record Anchor(string Keys, string Phrase);

    public sealed record Interview(string Title, string FileName, string Text, IReadOnlyList<Anchor> Anchors);

    public const string Title = "Systems that support scholarly social media: enablers and barriers (synthetic demo study)";
    public const string Ethics = "REB-DEMO-0001 (synthetic)";

    public const string Description =
        "A synthetic study for the demo community, after the design of Chan et al. 2021 (Can Med Educ J, \"Systems to support scholarly social media\"): " +
        "a sampling frame from the archive, a snowball from influential seeds, semi-structured interviews coded by two coders by constant comparison, " +
        "an audit of the codebook, and a participant member check. Every person and transcript in it is invented.";

    public static readonly IReadOnlyList<string> Spheres = ["Personal sphere", "Institutional sphere", "Virtual sphere", "Tipping point"];

    /// <summary>The first codebook. "Workload" is later merged into "Time constraints" (renamed "Time pressure"), and "Recognition" is split.</summary>
    public static readonly IReadOnlyList<CodeSpec> Codes =
    [
        new("intrinsic", "Intrinsic motivation", "Personal sphere", "enabler", "The participant describes enjoyment, curiosity or a sense of purpose as a reason to engage.",
            "Reasons that come from the person rather than from rewards.", "Motivation from recognition or promotion (code those as institutional).", "\"I loved teaching and there was no outlet for it.\""),
        new("mentorship", "Peer mentorship", "Personal sphere", "enabler", "Someone more experienced guided the participant's use of social media.",
            "Named or unnamed mentors, sponsors, role models who taught skills.", "Online communities in general (see Online community of practice).", "\"Having someone who had walked the path.\""),
        new("confidence", "Digital confidence", "Personal sphere", "enabler", "Skills or confidence with digital tools that made experimenting easier."),
        new("training", "Lack of training", "Personal sphere", "barrier", "No formal preparation for using social media professionally.", "Learning by trial and error; wishes for training."),
        new("reputation", "Fear of reputational harm", "Personal sphere", "barrier", "Worry that a post could damage the participant's professional standing.",
            "Fears of screenshots, misreading, lapses in professionalism.", "Actual harassment (see Harassment and trolling)."),
        new("time-constraints", "Time constraints", "Personal sphere", "barrier", "Not enough time for social media work.", "No protected time; work done after hours."),
        new("workload", "Workload", "Personal sphere", "barrier", "Competing duties leave no room for social media work."),
        new("leadership", "Leadership support", "Institutional sphere", "enabler", "Chairs, deans or managers support the work: protected time, public endorsement, templates."),
        new("recognition", "Recognition", "Institutional sphere", "enabler", "The work is recognised, formally or informally."),
        new("policies", "Unclear policies", "Institutional sphere", "barrier", "Policies are missing, unwritten or written for other purposes.", "No process for support; nobody can answer questions."),
        new("not-scholarship", "Not counted as scholarship", "Institutional sphere", "barrier", "The institution or colleagues do not see the work as scholarly.",
            "Dismissal in reviews or promotion; 'self-promotion' attitudes."),
        new("community", "Online community of practice", "Virtual sphere", "enabler", "Belonging to a generous online community of peers.", "Peer review, sharing, belonging, collaborators met online."),
        new("reach", "Amplification and reach", "Virtual sphere", "enabler", "Work reaches audiences far beyond the participant's own institution."),
        new("audience", "Audience heterogeneity", "Virtual sphere", "barrier", "Mixed audiences of differing expertise make it hard to write for everyone."),
        new("harassment", "Harassment and trolling", "Virtual sphere", "barrier", "Hostile, personal or fraudulent attacks online."),
        new("acceptance", "Cultural acceptance", "Tipping point", "tipping point", "Social media moves from novelty to an accepted, expected part of academic life."),
    ];

    public static readonly IReadOnlyList<Interview> Interviews =
    [
        new("Interview 1: emergency physician, podcaster", "interview-01.txt", """
            Interview 1 (synthetic demo transcript: the people, places and events are invented)

            Interviewer: Thank you for joining. Could you start by telling me how you came to use social media for your academic work?

            Participant: Sure. I'm Dr Amara Quist, an emergency physician in Halifax. I started a podcast with two residents back in March 2017, mostly because I loved teaching and there was no outlet for it on night shifts. Honestly it was pure curiosity at first; I just wanted to see whether anyone outside our department would listen.

            Interviewer: What helped you keep going in those early years?

            Participant: A mentor, really. An older colleague who had been blogging for years sat down with me and showed me how to plan episodes, how to cite sources in the show notes, how to handle criticism. Having someone who had walked the path made all the difference. And the online community of emergency educators was incredibly generous: people I had never met reviewed our episodes and shared them, and that feedback loop kept me motivated.

            Interviewer: Were there things at your institution that helped or hindered?

            Participant: Our department chair was supportive from the start. She protected two hours a week for the podcast and mentioned it in meetings, which signalled that it was legitimate work. But the promotion committee was another story. When I went up for promotion, my podcast was listed under "other activities" and nobody knew how to weigh it. One committee member told me it was not real scholarship because it was not peer reviewed in a journal.

            Interviewer: How did that feel?

            Participant: Discouraging. I had to write a two-page explanation of download numbers and listener surveys to make the case. There were also no written rules about what we could and could not post, so I never knew whether I was breaking some policy.

            Interviewer: What about the online space itself?

            Participant: The reach is amazing; an episode on airway management was shared by people in twenty countries within a week. But you never know who is listening. A nuance meant for specialists can be misread by a patient or a journalist. And after one episode on vaccine hesitancy I got a wave of hostile messages, some of them quite personal. I took a month off after that.

            Interviewer: Is there anything that has changed over time?

            Participant: Yes, I think there was a tipping point when everyone suddenly needed online teaching. Colleagues who had dismissed podcasts started asking me for advice. Social media went from a hobby to something the faculty expected you to understand.

            Interviewer: Thank you. You can reach the study team at research.team@study.example if you think of anything else.
            """,
        [
            new("intrinsic", "mostly because I loved teaching and there was no outlet for it on night shifts"),
            new("intrinsic", "Honestly it was pure curiosity at first"),
            new("mentorship", "An older colleague who had been blogging for years sat down with me and showed me how to plan episodes"),
            new("mentorship", "Having someone who had walked the path made all the difference."),
            new("community", "the online community of emergency educators was incredibly generous"),
            new("leadership", "Our department chair was supportive from the start."),
            new("leadership,time-constraints", "She protected two hours a week for the podcast"),
            new("recognition,not-scholarship", "When I went up for promotion, my podcast was listed under \"other activities\" and nobody knew how to weigh it."),
            new("not-scholarship", "One committee member told me it was not real scholarship because it was not peer reviewed in a journal."),
            new("policies", "There were also no written rules about what we could and could not post"),
            new("reach", "The reach is amazing; an episode on airway management was shared by people in twenty countries within a week."),
            new("audience", "But you never know who is listening."),
            new("audience,reputation", "A nuance meant for specialists can be misread by a patient or a journalist."),
            new("harassment", "I got a wave of hostile messages, some of them quite personal"),
            new("acceptance", "Colleagues who had dismissed podcasts started asking me for advice."),
            new("acceptance", "Social media went from a hobby to something the faculty expected you to understand."),
        ]),
        new("Interview 2: nurse educator, blogger", "interview-02.txt", """
            Interview 2 (synthetic demo transcript: the people, places and events are invented)

            Interviewer: How would you describe your use of social media in your role?

            Participant: I'm a nurse educator at Northvale General Hospital in Winnipeg. I write a blog on clinical teaching and I run a monthly journal club on Mastodon. My colleague Tomasz Wielgus and I started the journal club on 2 September 2021.

            Interviewer: What made that possible?

            Participant: Two things. First, I had taught myself a lot about digital tools during my master's degree, so I felt confident experimenting. Second, the journal club found its people quickly: nurses from small rural sites joined because they had nobody to discuss papers with locally. That sense of belonging to a community online carried us through the first year.

            Interviewer: And what got in the way?

            Participant: Time, mostly. I do all of this in the evenings because my teaching load does not leave room during the day. There is no protected time for it, and I have young kids, so some weeks it just does not happen. I also worry about saying something that could be screenshotted and taken out of context. Nurses are held to a high standard, and one careless post could follow you for years.

            Interviewer: Does your hospital have guidance on this?

            Participant: There is a social media policy, but it was written for the communications office. It says nothing about teaching or scholarship, and when I asked whether I could discuss anonymised cases, nobody could give me a straight answer. Our manager is kind, but she does not see the blog as part of my job. In my annual review it counted for nothing.

            Interviewer: Has anything helped you get recognition?

            Participant: Informally, yes. People stop me at conferences and say they used my posts with their students, and a professor from another university invited me to co-author a paper because of the blog. Those moments matter more to me than any metric.

            Interviewer: What would you change?

            Participant: I would want formal training for new educators, something practical about professionalism online and about building an audience. Most of us learned by making mistakes in public.
            """,
        [
            new("confidence", "I had taught myself a lot about digital tools during my master's degree, so I felt confident experimenting."),
            new("community", "nurses from small rural sites joined because they had nobody to discuss papers with locally"),
            new("community", "That sense of belonging to a community online carried us through the first year."),
            new("workload", "I do all of this in the evenings because my teaching load does not leave room during the day."),
            new("time-constraints", "There is no protected time for it"),
            new("reputation", "I also worry about saying something that could be screenshotted and taken out of context."),
            new("reputation", "one careless post could follow you for years"),
            new("policies", "It says nothing about teaching or scholarship"),
            new("policies", "nobody could give me a straight answer"),
            new("not-scholarship", "she does not see the blog as part of my job"),
            new("not-scholarship", "In my annual review it counted for nothing."),
            new("recognition", "People stop me at conferences and say they used my posts with their students"),
            new("recognition,reach", "a professor from another university invited me to co-author a paper because of the blog"),
            new("training", "I would want formal training for new educators"),
            new("training", "Most of us learned by making mistakes in public."),
        ]),
        new("Interview 3: education researcher", "interview-03.md", """
            # Interview 3

            *Synthetic demo transcript: the people, places and events are invented.*

            **Interviewer:** Tell me about how social media fits into your research.

            **Participant:** I study assessment in medical education, and I use Bluesky to share preprints, recruit participants and find collaborators. Last year a thread I wrote about programmatic assessment was read by thousands of people and led to an invitation to speak at a conference overseas.

            **Interviewer:** What enabled that?

            **Participant:** Our dean made digital scholarship part of the promotion criteria, with a template for reporting reach and impact. That changed everything. Suddenly junior faculty could count a well-cited infographic the way they count a conference abstract. I was promoted last spring and my portfolio included my threads and the discussions they started.

            **Interviewer:** That sounds unusual.

            **Participant:** It is. Before that, the culture was that real academics publish papers and social media is self-promotion. Some senior colleagues still roll their eyes. But the acceptance has grown a lot; during the pandemic the whole field moved online and never completely moved back.

            **Interviewer:** Any barriers you still face?

            **Participant:** The audience is very mixed. When I post about assessment research, half the replies come from students anxious about their exams and the other half from methodologists arguing about statistics. It is hard to write for both.

            **Interviewer:** Have you ever had negative experiences?

            **Participant:** A few. Someone created a fake account to mock a study of ours and accused us of fraud. It was stressful, and our institution had no process for helping researchers who are attacked online. A colleague, Dr Hannah Lindqvist, helped me document everything and report it.

            **Interviewer:** What keeps you engaged?

            **Participant:** The people. I have met collaborators on three continents through these conversations, and I learn something every week. For me it is simply part of being a scholar now.
            """,
        [
            new("reach", "a thread I wrote about programmatic assessment was read by thousands of people"),
            new("leadership,recognition", "Our dean made digital scholarship part of the promotion criteria"),
            new("leadership", "with a template for reporting reach and impact"),
            new("recognition", "I was promoted last spring and my portfolio included my threads and the discussions they started."),
            new("not-scholarship", "the culture was that real academics publish papers and social media is self-promotion"),
            new("not-scholarship", "Some senior colleagues still roll their eyes."),
            new("acceptance", "the acceptance has grown a lot"),
            new("acceptance", "the whole field moved online and never completely moved back"),
            new("audience", "The audience is very mixed."),
            new("audience", "It is hard to write for both."),
            new("harassment", "Someone created a fake account to mock a study of ours and accused us of fraud."),
            new("policies,harassment", "our institution had no process for helping researchers who are attacked online"),
            new("community", "I have met collaborators on three continents through these conversations"),
            new("intrinsic", "For me it is simply part of being a scholar now."),
        ]),
    ];
}
