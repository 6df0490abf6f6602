using System.Globalization;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// Writes a recommendation's reason in plain language from its evidence, strongest evidence first:
/// "posts about #POCUS weekly (14 posts in the last 90 days); 14 people you follow follow them; replied to 23 trainees
/// last quarter". Every clause states a count from the archive or the profiles, never a score.
/// </summary>
public static class ReasonWriter
{
    public static IReadOnlyList<string> Clauses(MentorEvidence evidence, string? specialty)
    {
        var clauses = new List<string>();
        AddInterest(evidence, clauses);
        AddNetwork(evidence, clauses);

        var activity = evidence.Activity;
        if (activity.TraineesRepliedTo > 0)
        {
            clauses.Add(Count(activity.TraineesRepliedTo, "trainee", "trainees", "replied to {0} {1} last quarter"));
        }
        else if (activity.AccountsRepliedTo > 0)
        {
            clauses.Add(Count(activity.AccountsRepliedTo, "person", "people", "replied to {0} {1} last quarter"));
        }

        if (activity.RecentPosts > 0 && !clauses.Any(c => c.StartsWith("posts about", StringComparison.Ordinal)))
        {
            clauses.Add(string.Create(CultureInfo.InvariantCulture, $"posted {activity.RecentPosts} times in the last 90 days, in {activity.ActiveWeeks} of {activity.WeeksInWindow} weeks"));
        }

        if (evidence.SameSpecialty && !string.IsNullOrWhiteSpace(specialty))
        {
            clauses.Add($"also in {specialty}");
        }

        if (evidence.OffersSought != MentoringAreas.None)
        {
            clauses.Add($"offers {AreaText(evidence.OffersSought)} mentoring");
        }

        if (evidence.TimeZoneHoursApart is { } apart)
        {
            clauses.Add(apart < 0.5 ? "same time zone as you"
                : string.Create(CultureInfo.InvariantCulture, $"{apart:0.#} h from your time zone ({evidence.SharedWorkingHours} working hours in common)"));
        }

        if (evidence.SharedLanguages.Count > 0 && evidence.SharedLanguages.Any(l => !l.StartsWith("en", StringComparison.OrdinalIgnoreCase)))
        {
            clauses.Add("speaks " + string.Join(", ", evidence.SharedLanguages));
        }

        if (evidence.OpenPlaces > 0)
        {
            clauses.Add(Count(evidence.OpenPlaces, "mentee place", "mentee places", "{0} {1} open"));
        }

        return clauses;
    }

    public static string Sentence(MentorEvidence evidence, string? specialty)
    {
        var clauses = Clauses(evidence, specialty);
        if (clauses.Count == 0)
        {
            return "Opted in as a mentor and has a place open.";
        }

        var text = string.Join("; ", clauses);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static void AddInterest(MentorEvidence evidence, List<string> clauses)
    {
        // Hashtags first (they name a community's conversation), then words seen in at least two posts; two at most.
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        var chosen = evidence.MatchedTerms.Where(t => t.IsHashtag && t.Posts > 0)
            .Concat(evidence.MatchedTerms.Where(t => !t.IsHashtag && t.Posts >= 2))
            .Where(t => mentioned.Add(t.IsHashtag ? t.Term[1..] : t.Term))
            .Take(2);
        foreach (var term in chosen)
        {
            var subject = term.IsHashtag ? term.Term : $"\u201c{term.Term}\u201d";
            clauses.Add(string.Create(CultureInfo.InvariantCulture, $"posts about {subject} {Frequency(term.Posts, evidence.InterestWindowDays)} ({term.Posts} {(term.Posts == 1 ? "post" : "posts")} in the last {Period(evidence.InterestWindowDays)})"));
        }

        if (evidence.MatchedProfileTopics.Count > 0)
        {
            clauses.Add("lists " + string.Join(" and ", evidence.MatchedProfileTopics.Take(2).Select(t => $"\u201c{t}\u201d")) + " among their mentoring topics");
        }
    }

    private static void AddNetwork(MentorEvidence evidence, List<string> clauses)
    {
        if (evidence.FollowedByYourFollows > 0)
        {
            clauses.Add(evidence.FollowedByYourFollows == 1 ? "1 person you follow follows them" : string.Create(CultureInfo.InvariantCulture, $"{evidence.FollowedByYourFollows} people you follow follow them"));
        }

        if (evidence.SharedFollows > 0)
        {
            clauses.Add(Count(evidence.SharedFollows, "account", "accounts", "you both follow {0} of the same {1}"));
        }

        if (evidence.TheyFollowYou && evidence.YouFollowThem)
        {
            clauses.Add("you follow each other");
        }
        else if (evidence.TheyFollowYou)
        {
            clauses.Add("they follow you");
        }
        else if (evidence.YouFollowThem)
        {
            clauses.Add("you already follow them");
        }

        if (evidence.EngagementWithYou > 0)
        {
            clauses.Add("you have interacted before");
        }

        if (evidence.SameCommunity && evidence.FollowedByYourFollows == 0 && evidence.SharedFollows == 0)
        {
            clauses.Add("in the same network community as you");
        }
    }

    /// <summary>How often, in words, from posts over a window of days.</summary>
    public static string Frequency(int posts, int windowDays)
    {
        var perWeek = posts / Math.Max(1.0, windowDays / 7.0);
        return perWeek switch
        {
            >= 2.5 => "several times a week",
            >= 0.75 => "weekly",
            >= 0.3 => "a few times a month",
            _ => "now and then",
        };
    }

    private static string Period(int days) => days switch
    {
        >= 360 => "year",
        _ => string.Create(CultureInfo.InvariantCulture, $"{days} days"),
    };

    private static string AreaText(MentoringAreas areas) =>
        string.Join(" and ", Enum.GetValues<MentoringAreas>().Where(a => a != MentoringAreas.None && areas.HasFlag(a)).Select(a => a.ToString().ToLowerInvariant()));

    private static string Count(int count, string one, string many, string format) =>
        string.Format(CultureInfo.InvariantCulture, format, count, count == 1 ? one : many);
}
