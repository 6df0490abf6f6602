using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Research;
using SoMeScholar.Importers;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary>
/// `somescholar research ...`: the research toolkit from the terminal. Study data is visible to the study's team only,
/// so every command acts as a user named with --as (SOMESCHOLAR_USER) and sees exactly what that user sees on the web.
/// </summary>
public static class ResearchCommands
{
    private static readonly Option<string?> As = new("--as")
    {
        Description = "Act as this user (name or e-mail); study data is visible to the study's team only. Default SOMESCHOLAR_USER.",
        Recursive = true,
    };

    public static Command Create()
    {
        var research = new Command("research", "Studies, sampling frames, the snowball tracker, transcripts, agreement, audit trail and REFI-QDA exchange.") { As };
        research.Subcommands.Add(StudiesCommand());
        research.Subcommands.Add(CreateCommand());
        research.Subcommands.Add(TeamCommand());
        research.Subcommands.Add(FrameCommand());
        research.Subcommands.Add(FramesCommand());
        research.Subcommands.Add(SampleCommand());
        research.Subcommands.Add(ExportFrameCommand());
        research.Subcommands.Add(SnowballCommand());
        research.Subcommands.Add(ImportTranscriptCommand());
        research.Subcommands.Add(AgreementCommand());
        research.Subcommands.Add(CooccurrenceCommand());
        research.Subcommands.Add(AuditCommand());
        research.Subcommands.Add(SegmentsCommand());
        research.Subcommands.Add(ExportQdcCommand());
        research.Subcommands.Add(ImportQdcCommand());
        research.Subcommands.Add(ExportQdpxCommand());
        research.Subcommands.Add(ImportQdpxCommand());
        research.Subcommands.Add(DemoLoginsCommand());
        return research;
    }

    private static Option<long> StudyOption() => new("--study", "-s") { Description = "Study id (somescholar research studies lists yours).", Required = true };

    private static Option<string?> OutputOption(string what) => new("--output", "-o") { Description = $"Write {what} to this file instead of standard output." };

    private static Command StudiesCommand()
    {
        var format = Output.FormatOption();
        var command = new Command("studies", "The studies you are on the team of.") { format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var studies = await services.GetRequiredService<Studies>().ListAsync(actor, ct);
            Output.WriteTable(parse.GetValue(format), ["id", "title", "ethicsReference", "role", "members", "participants", "transcripts", "codes", "synthetic"],
                studies.Select(s => (IReadOnlyList<object?>)[s.Id, s.Title, s.EthicsReference, s.Role.ToString().ToLowerInvariant(), s.Members, s.Participants, s.Transcripts, s.Codes, s.IsSynthetic]).ToList(),
                studies);
        }, ct));
        return command;
    }

    private static Command CreateCommand()
    {
        var title = new Option<string>("--title") { Description = "The study's title.", Required = true };
        var ethics = new Option<string?>("--ethics") { Description = "The ethics approval reference." };
        var description = new Option<string?>("--description") { Description = "A description." };
        var command = new Command("create", "Start a study; you become its lead.") { title, ethics, description };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var study = await services.GetRequiredService<Studies>().CreateAsync(actor, parse.GetValue(title)!, parse.GetValue(ethics), parse.GetValue(description), cancellationToken: ct);
            Console.WriteLine($"Created study {study.Id} \u201c{study.Title}\u201d; you are its lead.");
        }, ct));
        return command;
    }

    private static Command TeamCommand()
    {
        var study = StudyOption();
        var user = new Option<string?>("--add") { Description = "Add this user (name or e-mail) to the team, or change their role." };
        var role = new Option<string>("--role") { Description = "lead, coder or auditor.", DefaultValueFactory = _ => "coder" }.AcceptOnlyFromAmong("lead", "coder", "auditor");
        var format = Output.FormatOption();
        var command = new Command("team", "List a study's team; the lead adds members (administrators too, only when added) with --add.") { study, user, role, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var studies = services.GetRequiredService<Studies>();
            if (parse.GetValue(user) is { } name)
            {
                await studies.SetMemberAsync(actor, parse.GetValue(study), name, Enum.Parse<StudyRole>(parse.GetValue(role)!, ignoreCase: true), ct);
            }

            var detail = await studies.GetAsync(actor, parse.GetValue(study), ct);
            Output.WriteTable(parse.GetValue(format), ["userName", "displayName", "role", "addedAt"],
                detail.Team.Select(m => (IReadOnlyList<object?>)[m.UserName, m.DisplayName, m.Role.ToString().ToLowerInvariant(), m.AddedAt]).ToList());
        }, ct));
        return command;
    }

    private static Command FrameCommand()
    {
        var study = StudyOption();
        var kind = new Option<string>("--kind") { Description = "influencers (the network method), hashtag (participants), bio (keywords in profiles) or list (an uploaded list).", Required = true }
            .AcceptOnlyFromAmong("influencers", "hashtag", "bio", "list");
        var k = new Option<int>("--k") { Description = "Influencers: how many top accounts per measure.", DefaultValueFactory = _ => 100 };
        var measures = new Option<string[]>("--measure") { Description = "Influencers: a measure to rank on (repeat; default indegree, eigenvector, betweenness).", AllowMultipleArgumentsPerToken = true };
        var preset = new Option<string>("--preset") { Description = "Influencers: nodexl or networkx definitions.", DefaultValueFactory = _ => "nodexl" }.AcceptOnlyFromAmong("nodexl", "networkx");
        var tieRule = new Option<string>("--tie-rule") { Description = "Influencers: id-order (exactly k) or include-ties.", DefaultValueFactory = _ => "id-order" }.AcceptOnlyFromAmong("id-order", "include-ties");
        var union = new Option<bool>("--union") { Description = "Influencers: accounts in any top list (default: in every list)." };
        var edgeKinds = new Option<string[]>("--edge-kind") { Description = "Influencers: follow, mention, reply, repost, quote or like (repeat; default follow).", AllowMultipleArgumentsPerToken = true };
        var among = new Option<long?>("--among-frame") { Description = "Influencers: rank inside the accounts of this frame (e.g. an uploaded directory)." };
        var name = new Option<string?>("--name") { Description = "The frame's name." };
        var tags = new Option<string[]>("--tag") { Description = "A hashtag (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateTime?>("--from") { Description = "Window start (UTC, ISO 8601)." };
        var to = new Option<DateTime?>("--to") { Description = "Window end, exclusive (UTC, ISO 8601)." };
        var role = new Option<string>("--role") { Description = "active, passive or any.", DefaultValueFactory = _ => "any" }.AcceptOnlyFromAmong("active", "passive", "any");
        var minPosts = new Option<int>("--min-posts") { Description = "Active participants wrote at least this many posts.", DefaultValueFactory = _ => 1 };
        var minReposts = new Option<int>("--min-reposts") { Description = "Passive participants reposted at least this many.", DefaultValueFactory = _ => 1 };
        var keywords = new Option<string[]>("--keyword") { Description = "A profile keyword (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var matchAll = new Option<bool>("--match-all") { Description = "Every keyword must appear." };
        var list = new Option<FileInfo?>("--list") { Description = "A file with one handle, profile address or account id per line (a CSV's first column)." };
        var platform = new Option<string?>("--platform") { Description = "bluesky, mastodon or x (default: all)." };
        var format = Output.FormatOption();
        var command = new Command("frame", "Build a sampling frame from the archive; its method and parameters are recorded.")
        {
            study, kind, name, tags, from, to, role, minPosts, minReposts, keywords, matchAll, list, platform, k, measures, preset, tieRule, union, edgeKinds, among, format,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var frames = services.GetRequiredService<SamplingFrames>();
            Platform? network = parse.GetValue(platform) is { } p ? PlatformNames.TryParse(p, out var parsed) ? parsed : throw ResearchException.Invalid($"Unknown platform {p}.") : null;
            var frame = await WithSpinnerAsync(parse, "Building the frame", () => parse.GetValue(kind) switch
            {
                "hashtag" => frames.BuildHashtagFrameAsync(actor, parse.GetValue(study), parse.GetValue(name) ?? "Hashtag participants",
                    new HashtagFrameParameters(parse.GetValue(tags) ?? [], Utc(parse.GetValue(from) ?? throw ResearchException.Invalid("--from is required for a hashtag frame.")),
                        Utc(parse.GetValue(to) ?? throw ResearchException.Invalid("--to is required for a hashtag frame.")),
                        Enum.Parse<ParticipationRole>(parse.GetValue(role)!, ignoreCase: true), parse.GetValue(minPosts), parse.GetValue(minReposts), network), ct),
                "influencers" => frames.BuildInfluencerFrameAsync(actor, parse.GetValue(study), parse.GetValue(name) ?? "Influencers", new InfluencerFrameParameters
                {
                    K = parse.GetValue(k),
                    Measures = parse.GetValue(measures) is { Length: > 0 } chosen ? chosen : ["indegree", "eigenvector", "betweenness"],
                    Preset = parse.GetValue(preset)!,
                    TieRule = parse.GetValue(tieRule)!,
                    Members = parse.GetValue(union) ? InfluencerMembers.Union : InfluencerMembers.Intersection,
                    Platform = network,
                    EdgeKinds = parse.GetValue(edgeKinds) is { Length: > 0 } kinds
                        ? kinds.Select(x => Enum.TryParse<InteractionKind>(x, ignoreCase: true, out var parsedKind) ? parsedKind : throw ResearchException.Invalid($"Unknown edge kind {x}.")).ToList()
                        : [InteractionKind.Follow],
                    AmongFrameId = parse.GetValue(among),
                    Hashtags = parse.GetValue(tags) ?? [],
                    From = parse.GetValue(from) is { } f ? Utc(f) : null,
                    To = parse.GetValue(to) is { } t ? Utc(t) : null,
                }, ct),
                "bio" => frames.BuildBioFrameAsync(actor, parse.GetValue(study), parse.GetValue(name) ?? "Profile keywords",
                    new BioFrameParameters(parse.GetValue(keywords) ?? [], parse.GetValue(matchAll), network), ct),
                _ => ListFrameAsync(frames, actor, parse.GetValue(study), parse.GetValue(name), parse.GetValue(list), ct),
            });
            var detail = await frames.GetAsync(actor, frame.Id, ct);
            WriteFrame(parse.GetValue(format), detail);
        }, ct));
        return command;
    }

    private static async Task<SamplingFrame> ListFrameAsync(SamplingFrames frames, ResearchActor actor, long study, string? name, FileInfo? list, CancellationToken ct)
    {
        if (list is null)
        {
            throw ResearchException.Invalid("--list FILE is required for a list frame.");
        }

        if (!list.Exists)
        {
            throw ResearchException.Invalid($"{list.FullName}: no such file.");
        }

        return await frames.BuildListFrameAsync(actor, study, name ?? Path.GetFileNameWithoutExtension(list.Name), list.Name, await File.ReadAllTextAsync(list.FullName, ct), ct);
    }

    private static void WriteFrame(OutputFormat format, FrameDetail detail)
    {
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(detail);
            return;
        }

        if (format == OutputFormat.Table)
        {
            Console.WriteLine($"Frame {detail.Frame.Id} \u201c{detail.Frame.Name}\u201d: {detail.Frame.Members} accounts ({detail.Frame.Method} {detail.Frame.ParametersJson})");
        }

        Output.WriteTable(format, ["position", "handle", "displayName", "platform", "specialty", "accountId", "details"],
            detail.Members.Select(m => (IReadOnlyList<object?>)[m.Position, m.Label, m.DisplayName, m.Platform, m.Specialty, m.AccountId, m.DetailsJson]).ToList());
    }

    private static Command FramesCommand()
    {
        var study = StudyOption();
        var format = Output.FormatOption();
        var command = new Command("frames", "A study's sampling frames with their method and parameters.") { study, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var frames = await services.GetRequiredService<SamplingFrames>().ListAsync(actor, parse.GetValue(study), ct);
            Output.WriteTable(parse.GetValue(format), ["id", "name", "kind", "method", "members", "samples", "parameters", "createdAt", "softwareVersion"],
                frames.Select(f => (IReadOnlyList<object?>)[f.Id, f.Name, f.Kind, f.Method, f.Members, f.Samples, f.ParametersJson, f.CreatedAt, f.SoftwareVersion]).ToList(), frames);
        }, ct));
        return command;
    }

    private static Command SampleCommand()
    {
        var frame = new Option<long>("--frame", "-f") { Description = "Frame id.", Required = true };
        var size = new Option<int>("--size", "-n") { Description = "How many to draw.", Required = true };
        var seed = new Option<int?>("--seed") { Description = "Seed (default: a random one, recorded and printed)." };
        var stratify = new Option<string?>("--stratify") { Description = "Stratify by platform, specialty or profession (proportional allocation)." };
        var format = Output.FormatOption();
        var command = new Command("sample", "Draw a random or stratified sample from a frame with a recorded seed.") { frame, size, seed, stratify, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var frames = services.GetRequiredService<SamplingFrames>();
            var by = parse.GetValue(stratify);
            var sample = await frames.SampleAsync(actor, parse.GetValue(frame), by is null ? SampleMethod.Random : SampleMethod.Stratified, parse.GetValue(size), parse.GetValue(seed), by, ct);
            var detail = await frames.GetSampleAsync(actor, sample.Id, ct);
            if (parse.GetValue(format) == OutputFormat.Table)
            {
                Console.WriteLine($"Sample {sample.Id}: {sample.Size} drawn, {sample.Method.ToString().ToLowerInvariant()}{(by is null ? "" : " by " + by)}, seed {sample.Seed}.");
            }

            Output.WriteTable(parse.GetValue(format), ["drawOrder", "stratum", "handle", "displayName", "platform", "accountId"],
                detail.Members.Select(m => (IReadOnlyList<object?>)[m.DrawOrder, m.Stratum, m.Member.Label, m.Member.DisplayName, m.Member.Platform, m.Member.AccountId]).ToList(), detail);
        }, ct));
        return command;
    }

    private static Command ExportFrameCommand()
    {
        var frame = new Option<long>("--frame", "-f") { Description = "Frame id.", Required = true };
        var sample = new Option<long?>("--sample") { Description = "Export this sample of the frame instead of the whole frame." };
        var output = OutputOption("the CSV");
        var command = new Command("export-frame", "A frame or one of its samples as CSV, for recruitment.") { frame, sample, output };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
            await WriteTextAsync(parse.GetValue(output), await services.GetRequiredService<SamplingFrames>().CsvAsync(actor, parse.GetValue(frame), parse.GetValue(sample), ct), ct), ct));
        return command;
    }

    private static Command SnowballCommand()
    {
        var study = StudyOption();
        var format = Output.FormatOption();
        var command = new Command("snowball", "Participants by study code, their wave, referrer and status (identities for the lead only).") { study, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var view = await services.GetRequiredService<Snowball>().GetAsync(actor, parse.GetValue(study), ct);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Output.WriteJson(view);
                return;
            }

            if (parse.GetValue(format) == OutputFormat.Table)
            {
                Console.WriteLine(string.Join("  ", view.Waves.Select(w => $"{(w.Wave == 0 ? "seeds" : "wave " + w.Wave)}: {w.Participants} ({w.Interviewed} interviewed)")));
            }

            Output.WriteTable(parse.GetValue(format), ["code", "wave", "referredBy", "invitation", "consent", "interview", "name", "contact"],
                view.Participants.Select(p => (IReadOnlyList<object?>)[p.Code, p.Wave, p.ReferredByCode, p.Invitation, p.Consent, p.Interview, p.Name, p.Contact]).ToList());
        }, ct));
        return command;
    }

    private static Command ImportTranscriptCommand()
    {
        var study = StudyOption();
        var file = new Argument<FileInfo>("file") { Description = "A transcript: .txt (UTF-8), .md or .docx." };
        var title = new Option<string?>("--title") { Description = "Title (default: the file name)." };
        var participant = new Option<string?>("--participant") { Description = "The participant's study code, e.g. P3." };
        var command = new Command("import-transcript", "Import a transcript and de-identify it; review each replacement on the web before coding.") { study, file, title, participant };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw ResearchException.Invalid($"{path.FullName}: no such file.");
            }

            await using var stream = path.OpenRead();
            var transcripts = services.GetRequiredService<Transcripts>();
            var transcript = await transcripts.ImportAsync(actor, parse.GetValue(study), path.Name, stream, parse.GetValue(title), parse.GetValue(participant), ct);
            var review = await transcripts.ReviewAsync(actor, transcript.Id, ct);
            Console.WriteLine($"Imported transcript {transcript.Id} \u201c{transcript.Title}\u201d: {review.Replacements.Count} replacement(s) to review at /Research/Review/{transcript.Id}.");
        }, ct));
        return command;
    }

    private static Command AgreementCommand()
    {
        var study = StudyOption();
        var coders = new Option<long[]>("--coder") { Description = "Two coder ids (default: the study's first two coders).", AllowMultipleArgumentsPerToken = true };
        var format = Output.FormatOption();
        var command = new Command("agreement", "Inter-coder agreement per code and transcript: percentage agreement and Cohen's kappa by character, as NVivo's coding comparison.")
        {
            study, coders, format,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var id = parse.GetValue(study);
            var chosen = parse.GetValue(coders) ?? [];
            if (chosen.Length is not (0 or 2))
            {
                throw ResearchException.Invalid("Give two --coder ids, or none for the first two coders.");
            }

            if (chosen.Length == 0)
            {
                var all = await services.GetRequiredService<CodingWorkbench>().CodersAsync(actor, id, ct);
                chosen = all.Count >= 2 ? [all[0].Id, all[1].Id] : throw ResearchException.Invalid("Agreement needs two coders who coded this study.");
            }

            var report = await services.GetRequiredService<Analysis>().AgreementAsync(actor, id, chosen[0], chosen[1], ct);
            if (parse.GetValue(format) == OutputFormat.Table)
            {
                Console.WriteLine($"{report.A.Name} (A) and {report.B.Name} (B): {report.Overall.PercentAgreement.ToString("0.00", CultureInfo.InvariantCulture)}% agreement, kappa {report.Overall.Kappa.ToString("0.0000", CultureInfo.InvariantCulture)} pooled over {report.Rows.Count} comparisons.");
            }

            Output.WriteTable(parse.GetValue(format), ["code", "transcript", "totalUnits", "codedByA", "codedByB", "both", "neither", "percentAgreement", "kappa"],
                report.Rows.Select(r => (IReadOnlyList<object?>)[r.CodeName, r.TranscriptTitle, r.Counts.TotalUnits, r.Counts.CodedByA, r.Counts.CodedByB, r.Counts.Both, r.Counts.Neither,
                    Math.Round(r.Counts.PercentAgreement, 4), Math.Round(r.Counts.Kappa, 6)]).ToList(),
                report);
        }, ct));
        return command;
    }

    private static Command CooccurrenceCommand()
    {
        var study = StudyOption();
        var coder = new Option<long?>("--coder") { Description = "Only this coder's codings (default: every coder)." };
        var format = Output.FormatOption();
        var command = new Command("cooccurrence", "The code co-occurrence matrix: overlapping passages of two codes; the diagonal counts passages.") { study, coder, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var matrix = await services.GetRequiredService<Analysis>().CooccurrenceAsync(actor, parse.GetValue(study), parse.GetValue(coder), ct);
            Output.WriteTable(parse.GetValue(format), ["code", .. matrix.Codes.Select(c => c.Name)],
                matrix.Codes.Select((c, i) => (IReadOnlyList<object?>)[c.Path, .. matrix.Counts[i].Cast<object?>()]).ToList(), matrix);
        }, ct));
        return command;
    }

    private static Command AuditCommand()
    {
        var study = StudyOption();
        var format = Output.FormatOption();
        var command = new Command("audit", "The codebook audit trail (who, when, what, why) and whether its hash chain is intact.") { study, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var trail = services.GetRequiredService<AuditTrail>();
            var id = parse.GetValue(study);
            if (parse.GetValue(format) == OutputFormat.Csv)
            {
                Console.Out.Write(await trail.CsvAsync(actor, id, ct));
                return;
            }

            var entries = await trail.ListAsync(actor, id, ct);
            var verification = await trail.VerifyAsync(actor, id, ct);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Output.WriteJson(new { entries, verification });
                return;
            }

            Output.WriteTable(OutputFormat.Table, ["#", "at", "user", "action", "summary", "reason"],
                entries.Select(e => (IReadOnlyList<object?>)[e.Sequence, e.At, e.UserName, e.Action, e.Summary, e.Reason]).ToList());
            Console.WriteLine(verification.Intact ? $"Hash chain intact ({verification.Entries} entries)." : $"Hash chain broken at entry {verification.FirstBrokenSequence}: {verification.Problem}.");
        }, ct));
        return command;
    }

    private static Command SegmentsCommand()
    {
        var study = StudyOption();
        var output = OutputOption("the CSV");
        var command = new Command("segments", "Every coded segment as CSV: transcript, participant, coder, code, offsets and text.") { study, output };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
            await WriteTextAsync(parse.GetValue(output), await services.GetRequiredService<RefiQda>().CodedSegmentsCsvAsync(actor, parse.GetValue(study), ct), ct), ct));
        return command;
    }

    private static Command ExportQdcCommand()
    {
        var study = StudyOption();
        var output = OutputOption("the codebook");
        var command = new Command("export-qdc", "Export the codebook as a REFI-QDA codebook (QDC).") { study, output };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
            await WriteTextAsync(parse.GetValue(output), await services.GetRequiredService<RefiQda>().ExportCodebookAsync(actor, parse.GetValue(study), ct), ct), ct));
        return command;
    }

    private static Command ImportQdcCommand()
    {
        var study = StudyOption();
        var file = new Argument<FileInfo>("file") { Description = "A REFI-QDA codebook (.qdc)." };
        var command = new Command("import-qdc", "Add the codes of a REFI-QDA codebook to a study's codebook (recorded in the audit trail).") { study, file };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var path = Existing(parse.GetValue(file)!);
            await using var stream = path.OpenRead();
            var report = await services.GetRequiredService<RefiQda>().ImportCodebookAsync(actor, parse.GetValue(study), stream, path.Name, ct);
            Console.WriteLine($"Imported {path.Name}: {report.CodesAdded} code(s) added, {report.CodesAlreadyPresent} already present, {report.ThemesAdded} theme(s) added.");
        }, ct));
        return command;
    }

    private static Command ExportQdpxCommand()
    {
        var study = StudyOption();
        var output = new Option<FileInfo>("--output", "-o") { Description = "The .qdpx file to write.", Required = true };
        var command = new Command("export-qdpx", "Export the project (codebook, approved transcripts, codings, memos, cases, themes) as REFI-QDA QDPX.") { study, output };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var path = parse.GetValue(output)!;
            await using (var stream = new MemoryStream())
            {
                await WithSpinnerAsync(parse, "Exporting the project", async () =>
                {
                    await services.GetRequiredService<RefiQda>().ExportProjectAsync(actor, parse.GetValue(study), stream, ct);
                    return 0;
                });
                await File.WriteAllBytesAsync(path.FullName, stream.ToArray(), ct);
            }

            Console.WriteLine($"Wrote {path.FullName}.");
        }, ct));
        return command;
    }

    private static Command ImportQdpxCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "A REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, QualCoder or SoMeScholar." };
        var format = Output.FormatOption();
        var command = new Command("import-qdpx", "Import a REFI-QDA project as a new study led by you.") { file, format };
        command.SetAction((parse, ct) => RunAsync(parse, async (services, actor) =>
        {
            var path = Existing(parse.GetValue(file)!);
            await using var stream = path.OpenRead();
            var report = await WithSpinnerAsync(parse, "Importing the project", () => services.GetRequiredService<RefiQda>().ImportProjectAsync(actor, stream, path.Name, ct));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Output.WriteJson(report);
                return;
            }

            Console.WriteLine($"Imported {path.Name} as study {report.StudyId} \u201c{report.Title}\u201d: {report.Codes} codes, {report.Transcripts} transcripts, {report.Codings} codings by {report.Coders} coder(s), {report.Memos} memos, {report.Themes} themes, {report.Participants} participants.");
            if (report.SkippedSources + report.SkippedSelections > 0)
            {
                Console.WriteLine($"Skipped {report.SkippedSources} non-text source(s) and {report.SkippedSelections} selection(s) outside their text.");
            }

            if (report.PossibleIdentifiers > 0)
            {
                Console.WriteLine($"The de-identification check flags {report.PossibleIdentifiers} possible identifier(s) in the imported transcripts: review them before sharing.");
            }
        }, ct));
        return command;
    }

    private static Command DemoLoginsCommand()
    {
        var format = Output.FormatOption();
        var command = new Command("demo-logins", "Give the demo study's team (research.lead, research.coder, research.auditor) new one-time passwords and print them once.") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliContext.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            try
            {
                var logins = await scope.ServiceProvider.GetRequiredService<ResearchDemoLogins>().ResetAsync(ct);
                Output.WriteTable(parse.GetValue(format), ["userName", "studyRole", "oneTimePassword"],
                    logins.Select(l => (IReadOnlyList<object?>)[l.UserName, l.Role, l.Password]).ToList(), logins);
                if (parse.GetValue(format) == OutputFormat.Table)
                {
                    Console.WriteLine("Sign in at /Account/Login; each password must be changed at first sign-in.");
                }

                return 0;
            }
            catch (ResearchException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Opens the store, resolves --as, runs the action; research refusals are one line on standard error with exit code 1.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, ResearchActor, Task> action, CancellationToken cancellationToken)
    {
        var userName = parse.GetValue(As) ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_USER");
        if (string.IsNullOrWhiteSpace(userName))
        {
            await Console.Error.WriteLineAsync("error: say who you are with --as USER (or SOMESCHOLAR_USER): study data is visible to the study's team only.");
            return 2;
        }

        await using var services = await CliContext.OpenAsync(parse, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var actor = await scope.ServiceProvider.GetRequiredService<Studies>().ActorAsync(userName, cancellationToken);
            await action(scope.ServiceProvider, actor);
            return 0;
        }
        catch (ResearchException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<T> WithSpinnerAsync<T>(ParseResult parse, string what, Func<Task<T>> work)
    {
        if (parse.GetValue(CliContext.Quiet) || Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            return await work();
        }

        return await AnsiConsole.Status().StartAsync(what + "...", _ => work());
    }

    private static async Task WriteTextAsync(string? path, string text, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await Console.Out.WriteAsync(text);
            return;
        }

        await File.WriteAllTextAsync(path, text, new System.Text.UTF8Encoding(false), cancellationToken);
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}.");
    }

    private static FileInfo Existing(FileInfo file) => file.Exists ? file : throw ResearchException.Invalid($"{file.FullName}: no such file.");

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
