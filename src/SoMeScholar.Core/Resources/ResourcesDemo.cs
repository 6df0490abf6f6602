using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Resources;

/// <summary>
/// The demo's resources: every resource of <see cref="DemoPlan.Resources"/> registered with its author person, then
/// reviews by the plan's expert reviewers (people with <see cref="CommunityRole.ExpertReviewer"/>; demo reviews belong
/// to people, not sign-ins, so no demo users are created), verified experts, endorsements and uptake reports.
/// Everything is marked synthetic. Deterministic for the plan's seed.
/// </summary>
public sealed class ResourcesDemo(ScholarDb db, TimeProvider clock, InstrumentCatalog instruments) : IDemoContribution
{
    public int Order => 400;
    public string Name => "resources and reviews";

    private static readonly string[] Licences = ["CC BY 4.0", "CC BY-NC 4.0", "CC BY-NC-ND 4.0", "CC BY-SA 4.0"];

    private static readonly string[] ReviewComments =
    [
        "Clear and well organised. The key references are cited next to the claims they support.",
        "A useful primer for junior learners; the background section could point to further reading.",
        "Accurate overall. Two statements of fact would benefit from a citation.",
        "Concise and practical. **Strength:** worked examples. **Suggestion:** add a short summary at the end.",
        "Good content, but the format is distracting in places (long paragraphs, no headings).",
        "Well written; the evidence summary matches the cited trials.",
    ];

    private static readonly string[] Settings =
    [
        "PGY1 academic half-day", "Clerkship small-group teaching", "Nursing simulation lab", "Departmental journal club",
        "Resident boot camp", "Faculty development workshop", "Ward teaching round", "Medical education research group",
    ];

    private static readonly string[] UptakeDescriptions =
    [
        "Assigned as pre-reading before a case-based session; learners discussed it in small groups.",
        "Adapted the checklist for our unit and piloted it for a month.",
        "Used its framework to structure the interview guide of a qualitative study.",
        "Tracked how often the recommended practice was used on the ward after teaching it.",
        "Compared learners' quiz scores before and after the session built on this resource.",
        "Added to the programme's core curriculum, reviewed again at the annual curriculum meeting.",
    ];

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var random = context.Random;
        var now = clock.GetUtcNow().UtcDateTime;
        await instruments.EnsureBuiltInsAsync(cancellationToken);
        var rmetriq = await instruments.GetLatestAsync("rmetriq", cancellationToken);
        var air = await instruments.GetLatestAsync("aliem-air", cancellationToken);

        // 1. The registry.
        var resources = new List<(Resource Entity, DemoResource Plan)>();
        foreach (var planned in plan.Resources)
        {
            var author = plan.People[planned.AuthorPersonIndex];
            var specialty = DemoVocabulary.Specialties.FirstOrDefault(s => s.Name == planned.Specialty);
            var topics = specialty?.Topics.Where(t => planned.Title.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
            var resource = new Resource
            {
                Url = planned.Url,
                NormalizedUrl = UrlNormalizer.Normalize(planned.Url),
                Type = RegistryTransfer.ParseType(planned.Type) ?? ResourceType.BlogPost,
                Title = planned.Title,
                Publisher = planned.Site,
                Specialty = planned.Specialty,
                PublishedAt = planned.PublishedAt,
                Licence = Licences[random.Next(Licences.Length)],
                Summary = $"Synthetic demo resource by {author.DisplayName}: a {planned.Type} on {(topics.Count > 0 ? topics[0] : planned.Specialty.ToLowerInvariant())}.",
                CreatedAt = planned.PublishedAt.AddDays(1 + random.Next(20)),
                UpdatedAt = now,
                IsSynthetic = true,
            };
            resource.Authors.Add(new ResourceAuthor { Name = author.DisplayName, PersonId = context.PersonIds[planned.AuthorPersonIndex], Position = 0 });
            foreach (var topic in topics.Append(planned.Specialty).Select(ResourceTopic.Normalize).Distinct())
            {
                resource.Topics.Add(new ResourceTopic { Topic = topic });
            }

            resource.Versions.Add(ResourceRegistry.VersionOf(resource, 1, null, null, resource.CreatedAt));
            resources.Add((resource, planned));
        }

        db.Resources.AddRange(resources.Select(r => r.Entity));
        await db.SaveChangesAsync(cancellationToken);

        // 2. Reviewers and verified experts (people of the plan, without sign-ins).
        var reviewers = plan.People.Where(p => p.Roles.Contains(CommunityRole.ExpertReviewer)).ToList();
        var experts = reviewers.Take(12).ToList();
        db.VerifiedExperts.AddRange(experts.Select(e => new VerifiedExpert
        {
            ExpertKey = ParticipantKey.For(null, context.PersonIds[e.Index]),
            PersonId = context.PersonIds[e.Index],
            ExpertName = e.DisplayName,
            Field = e.Specialty,
            GrantedBy = "demo community (synthetic)",
            GrantedAt = now,
        }));

        // 3. Reviews: the most shared resources (the plan shares earlier ones more) get rMETRIQ reviews; a few get AIR panels.
        var reviewed = resources.Take(60).ToList();
        foreach (var (entity, planned) in reviewed)
        {
            var quality = 0.35 + (random.NextDouble() * 0.6);
            var candidates = reviewers.Where(r => r.Index != planned.AuthorPersonIndex).OrderBy(_ => random.Next()).ToList();
            var panel = candidates.Take(2 + random.Next(3)).ToList();
            foreach (var reviewer in panel)
            {
                AddReview(entity, 1, rmetriq, context.PersonIds[reviewer.Index], reviewer.DisplayName, quality, random, entity.CreatedAt.AddDays(5 + random.Next(60)));
            }

            if (reviewed.IndexOf((entity, planned)) < 6)
            {
                var airQuality = 0.72 + (random.NextDouble() * 0.26);
                foreach (var reviewer in candidates.Skip(panel.Count).Take(9 + random.Next(2)))
                {
                    AddReview(entity, 1, air, context.PersonIds[reviewer.Index], reviewer.DisplayName, airQuality, random, entity.CreatedAt.AddDays(10 + random.Next(60)));
                }
            }
        }

        // One reviewed resource was revised after its reviews: version 2, flagged for re-review; version 1 and its reviews stay.
        var revised = reviewed[^1].Entity;
        revised.Version = 2;
        revised.NeedsReReview = true;
        revised.Title += " (updated edition)";
        revised.Versions.Add(ResourceRegistry.VersionOf(revised, 2, "Updated with the latest guideline and a new summary table (synthetic demo revision).", null, now.AddDays(-3)));
        await db.SaveChangesAsync(cancellationToken);

        // 4. Endorsements: members and verified experts, one per person per resource.
        var everyone = plan.People.Where(p => p.Kind == PersonKind.Individual).ToList();
        var endorsements = new HashSet<(long, long)>();
        foreach (var (entity, planned) in resources.Take(120))
        {
            var count = random.Next(0, 7);
            for (var i = 0; i < count; i++)
            {
                var person = everyone[random.Next(everyone.Count)];
                AddEndorsement(entity, planned, person, EndorsementKind.Member, context, endorsements, random, now);
            }

            if (random.NextDouble() < 0.35)
            {
                AddEndorsement(entity, planned, experts[random.Next(experts.Count)], EndorsementKind.Expert, context, endorsements, random, now);
            }
        }

        // 5. Uptake reports.
        var uses = Enum.GetValues<UptakeType>();
        var phases = Enum.GetValues<KtaPhase>();
        foreach (var (entity, planned) in resources.Take(90))
        {
            var count = random.NextDouble() < 0.5 ? 0 : 1 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                var person = everyone[random.Next(everyone.Count)];
                if (person.Index == planned.AuthorPersonIndex)
                {
                    continue;
                }

                var personId = context.PersonIds[person.Index];
                db.UptakeReports.Add(new UptakeReport
                {
                    ResourceId = entity.Id,
                    ReporterKey = ParticipantKey.For(null, personId),
                    PersonId = personId,
                    ReporterName = person.DisplayName,
                    UseType = uses[random.Next(uses.Length)],
                    Setting = Settings[random.Next(Settings.Length)] + " (synthetic)",
                    AudienceSize = 4 + random.Next(80),
                    Description = UptakeDescriptions[random.Next(UptakeDescriptions.Length)],
                    Phase = phases[random.Next(phases.Length)],
                    ReportedAt = entity.CreatedAt.AddDays(20 + random.Next(120)),
                    IsSynthetic = true,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private void AddEndorsement(Resource entity, DemoResource planned, DemoPerson person, EndorsementKind kind, DemoContext context, HashSet<(long, long)> seen, Random random, DateTime now)
    {
        var personId = context.PersonIds[person.Index];
        if (person.Index == planned.AuthorPersonIndex || !seen.Add((entity.Id, personId)))
        {
            return;
        }

        db.Endorsements.Add(new Endorsement
        {
            ResourceId = entity.Id,
            EndorserKey = ParticipantKey.For(null, personId),
            PersonId = personId,
            EndorserName = person.DisplayName,
            Kind = kind,
            CreatedAt = now.AddDays(-random.Next(200)),
            IsSynthetic = true,
        });
    }

    private void AddReview(Resource resource, int version, InstrumentInfo instrument, long personId, string name, double quality, Random random, DateTime at)
    {
        var key = ParticipantKey.For(null, personId);
        var assignment = new ReviewAssignment
        {
            Resource = resource,
            ResourceVersion = version,
            InstrumentId = instrument.Id,
            ReviewerKey = key,
            ReviewerPersonId = personId,
            ReviewerName = name,
            Volunteered = random.NextDouble() < 0.5,
            Status = AssignmentStatus.Submitted,
            HasConflict = false,
            ConflictDeclaredAt = at.AddHours(-2),
            CreatedAt = at.AddDays(-3),
            IsSynthetic = true,
        };
        var scores = instrument.Definition.Items.ToDictionary(
            i => i.Key,
            i => Math.Clamp((int)Math.Round(i.Min + ((i.Max - i.Min) * quality) + ((random.NextDouble() - 0.5) * 1.6)), i.Min, i.Max));
        var review = new Review
        {
            Assignment = assignment,
            Resource = resource,
            ResourceVersion = version,
            InstrumentId = instrument.Id,
            ReviewerKey = key,
            ReviewerPersonId = personId,
            ReviewerName = name,
            Total = instrument.Definition.Score(scores),
            Comments = ReviewComments[random.Next(ReviewComments.Length)] + " (synthetic demo review)",
            Recommendation = quality > 0.7 ? Recommendation.Recommend : quality > 0.5 ? Recommendation.RecommendWithRevisions : Recommendation.DoNotRecommend,
            SubmittedAt = at,
            IsSynthetic = true,
        };
        review.Scores.AddRange(scores.Select(s => new ReviewItemScore { ItemKey = s.Key, Score = s.Value }));
        db.ReviewAssignments.Add(assignment);
        db.Reviews.Add(review);
    }
}
