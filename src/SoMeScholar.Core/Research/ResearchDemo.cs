using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Settings;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Research;

/// <summary>
/// The research toolkit's part of the demo: a synthetic study with its team (a lead, a second coder and an auditor,
/// sign-ins without passwords until <see cref="ResearchDemoLogins"/> gives them one), a hashtag-participant frame with
/// a stratified sample, a bio-keyword frame, an influencer frame (the network method) with a random sample whose first
/// three accounts seed a snowball of three waves,
/// three synthetic interviews imported (text, text, Markdown), de-identified and reviewed, a codebook whose history
/// shows a merge, a rename and a split, both coders' codings, themes (enablers and barriers by sphere), memos, and a
/// published member-check page with two participant comments. Deterministic for the seed, except the member check's
/// private link (random by design) and its closing date (60 days after the demo is built, so the page is open).
/// </summary>
public sealed class ResearchDemo(
    ScholarDb db,
    UserManager<ScholarUser> users,
    UserAdministration administration,
    Studies studies,
    SamplingFrames frames,
    Snowball snowball,
    Transcripts transcripts,
    Codebook codebook,
    CodingWorkbench workbench,
    MemberChecks memberChecks,
    TimeProvider clock) : IDemoContribution
{
    public const string TeamSetting = "research.demo.team";
    public const string LeadUserName = "research.lead";
    public const string CoderUserName = "research.coder";
    public const string AuditorUserName = "research.auditor";

    public int Order => 900;
    public string Name => "research study";

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var random = context.Random;
        await administration.EnsureRolesAsync();
        var researchers = context.Plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Researcher)).ToList();
        var team = researchers.OrderBy(_ => random.Next()).Take(3).ToList();
        var lead = await UserAsync(LeadUserName, team[0], context);
        var coder = await UserAsync(CoderUserName, team[1], context);
        var auditor = await UserAsync(AuditorUserName, team[2], context);
        db.Settings.Add(new Setting { Key = TeamSetting, Value = string.Join(',', LeadUserName, CoderUserName, AuditorUserName), UpdatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);

        var study = await studies.CreateAsync(lead, ResearchDemoContent.Title, ResearchDemoContent.Ethics, ResearchDemoContent.Description, isSynthetic: true, cancellationToken);
        await studies.SetMemberAsync(lead, study.Id, CoderUserName, StudyRole.Coder, cancellationToken);
        await studies.SetMemberAsync(lead, study.Id, AuditorUserName, StudyRole.Auditor, cancellationToken);

        // Frames and a stratified sample with a recorded seed.
        var hashtagFrame = await frames.BuildHashtagFrameAsync(lead, study.Id, "Active #MedEd and #FOAMed participants",
            new HashtagFrameParameters(["MedEd", "FOAMed"], DemoPlan.WindowStart, DemoPlan.WindowEnd, ParticipationRole.Active, MinPosts: 5), cancellationToken);
        await frames.BuildBioFrameAsync(lead, study.Id, "Profiles that mention social media scholarship or qualitative methods", new BioFrameParameters(["social media scholarship", "qualitative methods"]), cancellationToken);
        await frames.SampleAsync(lead, hashtagFrame.Id, SampleMethod.Stratified, 12, 2026, "platform", cancellationToken);

        // As in Chan et al.: seeds drawn at random from the most influential accounts (Riddell et al.'s method on the
        // Bluesky follow graph, NodeXL's definitions, top 25 on in-degree, eigenvector and betweenness, all three).
        var influencers = await frames.BuildInfluencerFrameAsync(lead, study.Id, "Most influential on Bluesky (top 25 on all three measures)",
            new InfluencerFrameParameters { K = 25, Platform = Platform.Bluesky }, cancellationToken);
        var sample = await frames.SampleAsync(lead, influencers.Id, SampleMethod.Random, 6, 2021, null, cancellationToken);

        // The snowball: three seeds from the sample, their nominees, and the nominees' nominees.
        var seeds = await snowball.AddSeedsFromSampleAsync(lead, study.Id, sample.Id, 3, cancellationToken);
        var candidates = context.Plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Creator) && !team.Contains(p))
            .OrderBy(_ => random.Next()).Take(14).ToList();
        var next = 0;
        var day = DemoPlan.WindowEnd.AddDays(3);
        var waveOne = new List<Participant>();
        foreach (var seed in seeds)
        {
            for (var n = 0; n < 2 + (seed.Number % 2); n++)
            {
                var person = candidates[next++];
                day = day.AddDays(1);
                waveOne.Add(await snowball.NominateAsync(lead, study.Id, seed.Code, new Nominee(Name: person.DisplayName, Contact: person.Slug + "@people.example"), day, cancellationToken));
            }
        }

        var waveTwo = new List<Participant>();
        foreach (var nominator in waveOne.Take(3))
        {
            var person = candidates[next++];
            day = day.AddDays(2);
            waveTwo.Add(await snowball.NominateAsync(lead, study.Id, nominator.Code, new Nominee(Name: person.DisplayName, Contact: person.Slug + "@people.example"), day, cancellationToken));
        }

        // Someone already in the study named again: a nomination edge without a new participant.
        await snowball.NominateAsync(lead, study.Id, waveOne[^1].Code, new Nominee(ExistingCode: waveOne[0].Code), day.AddDays(1), cancellationToken);

        var interviewed = new List<Participant> { seeds[0], seeds[1], waveOne[1] };
        var at = DemoPlan.WindowEnd.AddDays(5);
        foreach (var participant in seeds.Concat(waveOne).Concat(waveTwo))
        {
            at = at.AddDays(1);
            var index = participant.Number % 5;
            var invitation = interviewed.Contains(participant) || index is 0 or 1 or 2 ? InvitationStatus.Accepted : index == 3 ? InvitationStatus.Declined : InvitationStatus.Invited;
            await snowball.SetStatusAsync(lead, study.Id, participant.Code, new StatusChange(Invitation: invitation, At: at), cancellationToken);
            if (invitation == InvitationStatus.Accepted)
            {
                await snowball.SetStatusAsync(lead, study.Id, participant.Code, new StatusChange(Consent: ConsentStatus.Consented, At: at.AddDays(2)), cancellationToken);
                await snowball.SetStatusAsync(lead, study.Id, participant.Code, new StatusChange(Interview: interviewed.Contains(participant) ? InterviewStatus.Completed : InterviewStatus.Scheduled, At: at.AddDays(9)), cancellationToken);
            }
        }

        // The first codebook, each code with a reason for the audit trail.
        var codes = new Dictionary<string, Code>(StringComparer.Ordinal);
        var spheres = new Dictionary<string, Code>(StringComparer.Ordinal);
        foreach (var sphere in ResearchDemoContent.Spheres)
        {
            spheres[sphere] = await codebook.CreateAsync(lead, study.Id, new CodeInput(sphere, Definition: $"Codes in the {sphere.ToLowerInvariant()} of the personal-institutional-virtual framework."),
                "Sensitising framework of the study: personal, institutional and virtual spheres.", cancellationToken);
        }

        foreach (var spec in ResearchDemoContent.Codes)
        {
            codes[spec.Key] = await codebook.CreateAsync(lead, study.Id, new CodeInput(spec.Name, spheres[spec.Sphere].Id, spec.Definition, spec.Inclusion, spec.Exclusion, spec.Examples),
                spec.Key is "workload" or "recognition" ? "Open coding of interviews 1 and 2." : $"Initial codebook: a {spec.Valence} the interview guide asks about.", cancellationToken);
        }

        // Interviews: imported, each replacement reviewed, approved.
        var interviewTranscripts = new List<Transcript>();
        for (var i = 0; i < ResearchDemoContent.Interviews.Count; i++)
        {
            var interview = ResearchDemoContent.Interviews[i];
            await using var content = new MemoryStream(Encoding.UTF8.GetBytes(interview.Text));
            var transcript = await transcripts.ImportAsync(i == 1 ? coder : lead, study.Id, interview.FileName, content, interview.Title, interviewed[i].Code, cancellationToken);
            var review = await transcripts.ReviewAsync(lead, transcript.Id, cancellationToken);
            foreach (var replacement in review.Replacements)
            {
                // The reviewer keeps words that are not identifiers (a platform name, a generic role) and accepts the rest.
                var keep = replacement.OriginalText is "Bluesky" or "Mastodon" or "Interviewer" or "Participant";
                await transcripts.DecideAsync(i == 1 ? coder : lead, replacement.Id, keep ? ReplacementDecision.Rejected : ReplacementDecision.Accepted, null, cancellationToken);
            }

            await transcripts.ApproveAsync(i == 1 ? coder : lead, transcript.Id, cancellationToken);
            interviewTranscripts.Add(await db.Transcripts.AsNoTracking().FirstAsync(t => t.Id == transcript.Id, cancellationToken));
        }

        // Two coders code independently: the lead codes each anchor; the second coder agrees most of the time, with
        // narrower or wider spans, a missed passage now and then and, sometimes, an extra code of their own.
        var anchorsByTranscript = new List<List<(TextSpan Span, string[] Keys)>>();
        for (var i = 0; i < interviewTranscripts.Count; i++)
        {
            var text = interviewTranscripts[i].Text;
            var anchors = new List<(TextSpan, string[])>();
            foreach (var anchor in ResearchDemoContent.Interviews[i].Anchors)
            {
                var start = text.IndexOf(anchor.Phrase, StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new InvalidOperationException($"Demo anchor not found after de-identification in {interviewTranscripts[i].Title}: {anchor.Phrase}");
                }

                anchors.Add((new TextSpan(start, start + anchor.Phrase.Length), anchor.Keys.Split(',')));
            }

            anchorsByTranscript.Add(anchors);
        }

        for (var i = 0; i < interviewTranscripts.Count; i++)
        {
            var transcript = interviewTranscripts[i];
            foreach (var (span, keys) in anchorsByTranscript[i])
            {
                await workbench.ApplyAsync(lead, transcript.Id, span.Start, span.End, keys.Select(k => codes[k].Id).ToList(), cancellationToken);
                var roll = random.NextDouble();
                if (roll < 0.1)
                {
                    continue;
                }

                var secondSpan = roll < 0.55 ? span : Vary(transcript.Text, span, random);
                var secondKeys = keys.Select(k => codes[k].Id).ToList();
                if (random.NextDouble() < 0.15)
                {
                    var sphere = ResearchDemoContent.Codes.First(c => c.Key == keys[0]).Sphere;
                    var other = ResearchDemoContent.Codes.Where(c => c.Sphere == sphere && !keys.Contains(c.Key)).ToList();
                    secondKeys.Add(codes[other[random.Next(other.Count)].Key].Id);
                }

                await workbench.ApplyAsync(coder, transcript.Id, secondSpan.Start, secondSpan.End, secondKeys, cancellationToken);
            }
        }

        // The codebook evolves, with every step in the audit trail.
        await codebook.MergeAsync(lead, codes["time-constraints"].Id, [codes["workload"].Id],
            "Workload and time constraints describe the same barrier in every transcript so far (constant comparison after interview 3).", cancellationToken);
        await codebook.RenameAsync(lead, codes["time-constraints"].Id, "Time pressure", "Participants speak of pressure on their time, not of fixed constraints.", cancellationToken);
        var recognitionCodings = await db.Codings.AsNoTracking().Where(c => c.CodeId == codes["recognition"].Id).ToListAsync(cancellationToken);
        var texts = interviewTranscripts.ToDictionary(t => t.Id, t => t.Text);
        var promotion = recognitionCodings.Where(c => texts[c.TranscriptId][c.Start..c.End].Contains("promot", StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).ToList();
        var informal = recognitionCodings.Select(c => c.Id).Except(promotion).ToList();
        var split = await codebook.SplitAsync(coder, codes["recognition"].Id,
        [
            new SplitPart("Recognition in promotion", "Social media work counts formally: promotion criteria, templates, portfolios.", promotion),
            new SplitPart("Informal recognition", "Peers, learners or other institutions acknowledge the work informally.", informal),
        ], "Formal and informal recognition act differently: one changes careers, the other sustains motivation (team meeting 2).", cancellationToken);
        await codebook.DeleteAsync(lead, codes["recognition"].Id, "Every coding moved to the two codes it was split into.", cancellationToken);
        await codebook.EditAsync(coder, codes["reputation"].Id, new CodeInput("Fear of reputational harm", spheres["Personal sphere"].Id,
            ResearchDemoContent.Codes.First(c => c.Key == "reputation").Definition,
            "Fears of screenshots, misreading, lapses in professionalism, posts that 'follow you'.",
            "Actual harassment (see Harassment and trolling).", "\"one careless post could follow you for years\""),
            "Auditor asked for an example from the data and a sharper inclusion criterion.", cancellationToken);

        // Themes: enablers and barriers in the personal, institutional and virtual spheres; and the tipping point.
        var valence = ResearchDemoContent.Codes.ToDictionary(c => c.Key, c => c.Valence);
        var byKey = codes.Where(c => c.Key is not ("workload" or "recognition")).ToDictionary(c => c.Key, c => c.Value.Id);
        byKey["recognition-promotion"] = split[0].Id;
        byKey["recognition-informal"] = split[1].Id;
        valence["recognition-promotion"] = "enabler";
        valence["recognition-informal"] = "enabler";
        var sphereOf = ResearchDemoContent.Codes.ToDictionary(c => c.Key, c => c.Sphere);
        sphereOf["recognition-promotion"] = "Institutional sphere";
        sphereOf["recognition-informal"] = "Institutional sphere";
        var themes = new Dictionary<string, Theme>(StringComparer.Ordinal);
        foreach (var (name, valenceKey) in new[] { ("Enablers", "enabler"), ("Barriers", "barrier") })
        {
            var theme = await codebook.CreateThemeAsync(lead, study.Id, name, $"{name} of scholarly social media, by sphere of influence.", null, "Axial coding: grouping codes by valence and sphere.", cancellationToken);
            themes[name] = theme;
            foreach (var sphere in ResearchDemoContent.Spheres.Take(3))
            {
                var label = sphere.Replace(" sphere", "", StringComparison.Ordinal);
                var category = await codebook.CreateThemeAsync(lead, study.Id, label, $"{name} in the {sphere.ToLowerInvariant()}.", theme.Id, "Axial coding: grouping codes by valence and sphere.", cancellationToken);
                themes[$"{name}/{label}"] = category;
                await codebook.SetThemeCodesAsync(lead, category.Id, byKey.Where(k => valence[k.Key] == valenceKey && sphereOf[k.Key] == sphere).Select(k => k.Value).ToList(),
                    "Axial coding: grouping codes by valence and sphere.", cancellationToken);
            }
        }

        var tipping = await codebook.CreateThemeAsync(lead, study.Id, "Tipping point", "What turned social media from novelty into an expected part of academic work.", null, "Theory building after axial coding.", cancellationToken);
        await codebook.SetThemeCodesAsync(lead, tipping.Id, [byKey["acceptance"]], "Theory building after axial coding.", cancellationToken);

        // Memos on a code, a transcript, a span and the study.
        await workbench.AddMemoAsync(lead, study.Id, new MemoInput(MemoTarget.Study,
            "Constant comparison after interviews 1–3: institutional recognition appears as both enabler and barrier; check in the next wave whether promotion criteria are the hinge."), cancellationToken);
        await workbench.AddMemoAsync(coder, study.Id, new MemoInput(MemoTarget.Code, "Fear of harm is anticipatory; harassment is what happened. Keep them apart when coding.", CodeId: codes["reputation"].Id), cancellationToken);
        await workbench.AddMemoAsync(coder, study.Id, new MemoInput(MemoTarget.Transcript, "The participant's evening work pattern echoes interview 1's protected time: time is the hinge between personal and institutional spheres.", TranscriptId: interviewTranscripts[1].Id), cancellationToken);
        var harassment = anchorsByTranscript[2].First(a => a.Keys.Contains("harassment")).Span;
        await workbench.AddMemoAsync(auditor, study.Id, new MemoInput(MemoTarget.Span, "Audit: coded as harassment by both coders; the institutional response is coded separately as unclear policies. Agreed.",
            TranscriptId: interviewTranscripts[2].Id, Start: harassment.Start, End: harassment.End), cancellationToken);

        // The member check: enablers and barriers with de-identified quotes, open for comment.
        var quoteFor = new Func<int, string, QuoteInput>((transcript, key) =>
        {
            var span = anchorsByTranscript[transcript].First(a => a.Keys.Contains(key)).Span;
            return new QuoteInput(interviewTranscripts[transcript].Id, span.Start, span.End);
        });
        var (check, token) = await memberChecks.PublishAsync(lead, study.Id, "What we heard: enablers and barriers of scholarly social media (synthetic)",
            "Thank you for taking part. These are the study's preliminary findings, with short quotes from the interviews (de-identified). Do they ring true? Comment on any finding until the closing date; comments are anonymous unless you add your study code.",
            clock.GetUtcNow().UtcDateTime.AddDays(60),
            [
                new FindingInput("Enablers: mentors, communities and leaders who make the work legitimate", "Personal mentors and generous online communities sustain early work; leaders who protect time or change promotion criteria make it legitimate.",
                    themes["Enablers"].Id, [quoteFor(0, "mentorship"), quoteFor(1, "community"), quoteFor(2, "leadership")]),
                new FindingInput("Barriers: work that does not count, policies that do not help, audiences that do not forgive", "Institutions often do not count the work as scholarship; policies are silent; online, mixed audiences and hostility weigh on participants.",
                    themes["Barriers"].Id, [quoteFor(0, "not-scholarship"), quoteFor(1, "policies"), quoteFor(2, "harassment")]),
                new FindingInput("A tipping point", "Social media moved from a hobby to an expectation when the field moved online.", tipping.Id, [quoteFor(0, "acceptance"), quoteFor(2, "acceptance")]),
            ], cancellationToken);
        var findings = await db.MemberCheckFindings.AsNoTracking().Where(f => f.MemberCheckId == check.Id).OrderBy(f => f.Order).ToListAsync(cancellationToken);
        await memberChecks.CommentAsync(token, findings[1].Id, "This matches my experience, although our policy was updated last year and now mentions teaching.", null, cancellationToken);
        await memberChecks.CommentAsync(token, findings[2].Id, "For senior faculty this may matter less; the tipping point is mostly about juniors.", seeds[1].Code, cancellationToken);
    }

    private async Task<ResearchActor> UserAsync(string userName, DemoPerson person, DemoContext context)
    {
        var user = new ScholarUser
        {
            UserName = userName,
            DisplayName = person.DisplayName + " (synthetic)",
            CreatedAt = DemoPlan.WindowEnd,
            PersonId = context.PersonIds[person.Index],
        };
        // No password: `somescholar research demo-logins` (or an administrator on /Research/DemoLogins) gives one.
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Member));
        return new ResearchActor(user.Id, userName);
    }

    /// <summary>A span a second coder might choose: a word later or earlier at either end.</summary>
    private static TextSpan Vary(string text, TextSpan span, Random random)
    {
        var start = span.Start;
        var end = span.End;
        switch (random.Next(4))
        {
            case 0:
                var space = text.IndexOf(' ', start, span.Length);
                start = space > 0 && space + 1 < end - 5 ? space + 1 : start;
                break;
            case 1:
                var last = text.LastIndexOf(' ', end - 1, span.Length);
                end = last > start + 5 ? last : end;
                break;
            case 2:
                var before = start > 1 ? text.LastIndexOfAny(['.', '\n'], start - 2) : -1;
                start = before >= 0 ? Math.Min(start, before + 2) : start;
                break;
            default:
                var after = text.IndexOfAny(['.', '\n'], end);
                end = after > 0 ? Math.Min(text.Length, after + 1) : end;
                break;
        }

        return start < end ? new TextSpan(start, end) : span;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record DemoLogin(string UserName, string? DisplayName, string Role, string Password);

/// <summary>
/// Gives the demo study's team (and only them: the users named in the setting the demo wrote) new one-time passwords,
/// which must be changed at first sign-in. Used by <c>somescholar research demo-logins</c> and by administrators on
/// the web; passwords are printed or shown once and stored only as Identity hashes.
/// </summary>
public sealed class ResearchDemoLogins(ScholarDb db, UserManager<ScholarUser> users)
{
    public async Task<IReadOnlyList<DemoLogin>> ResetAsync(CancellationToken cancellationToken = default)
    {
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == ResearchDemo.TeamSetting, cancellationToken)
            ?? throw ResearchException.Invalid("This store has no research demo team (it was built without the demo, or the demo came from an older version).");
        var logins = new List<DemoLogin>();
        foreach (var name in setting.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var user = await users.FindByNameAsync(name);
            if (user is null)
            {
                continue;
            }

            var password = UserAdministration.GeneratePassword();
            if (await users.HasPasswordAsync(user))
            {
                Check(await users.RemovePasswordAsync(user));
            }

            Check(await users.AddPasswordAsync(user, password));
            user.MustChangePassword = true;
            Check(await users.UpdateAsync(user));
            Check(await users.ResetAccessFailedCountAsync(user));
            Check(await users.SetLockoutEndDateAsync(user, null));
            var role = await db.StudyMembers.AsNoTracking().Where(m => m.UserId == user.Id && db.Studies.Any(s => s.Id == m.StudyId && s.IsSynthetic))
                .Select(m => (StudyRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
            logins.Add(new DemoLogin(name, user.DisplayName, role?.ToString().ToLowerInvariant() ?? "member", password));
        }

        return logins;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
