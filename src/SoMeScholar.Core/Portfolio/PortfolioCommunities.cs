using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Portfolio;

/// <summary>Which community detection of a stored analysis a community comes from (its column of <see cref="NetworkAnalysisNode"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommunityPartition>))]
public enum CommunityPartition
{
    /// <summary><see cref="NetworkAnalysisNode.Community"/> (Louvain).</summary>
    Louvain,

    /// <summary><see cref="NetworkAnalysisNode.Leiden"/>.</summary>
    Leiden,
}

/// <summary>
/// A community of a stored network analysis that the person chose to have their betweenness rank computed within
/// (a portfolio setting): the rank is their account's rank among that community's members by betweenness in that analysis.
/// </summary>
public class PortfolioCommunity
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long AnalysisId { get; set; }
    public CommunityPartition Partition { get; set; }
    public int Community { get; set; }
    public DateTime ChosenAt { get; set; }
}

internal sealed class PortfolioCommunityConfiguration : IEntityTypeConfiguration<PortfolioCommunity>
{
    public void Configure(EntityTypeBuilder<PortfolioCommunity> community)
    {
        community.HasKey(c => new { c.PersonId, c.AnalysisId, c.Partition, c.Community });
        community.HasIndex(c => c.AnalysisId);
        community.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        community.HasOne<NetworkAnalysis>().WithMany().HasForeignKey(c => c.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A community the person may choose: one their account belongs to in a completed stored analysis.</summary>
public sealed record CommunityOption(
    long AnalysisId, string AnalysisTitle, DateTime CompletedAt, CommunityPartition Partition, int Community, int Members, string NodeId, bool HasBetweenness, bool Chosen)
{
    /// <summary>The form value and stable key: <c>analysis:partition:community</c>.</summary>
    public string Key => PortfolioCommunities.KeyOf(AnalysisId, Partition, Community);

    public string Link => $"/Network/Analysis/{AnalysisId}";
}

/// <summary>
/// The person's choice of communities (capability 7, "betweenness rank within chosen communities"): the options are
/// the Louvain and Leiden communities their accounts belong to in completed stored analyses; the choice is stored per
/// person and read by <see cref="NetworkEvidence"/>. Only the person or an administrator chooses.
/// </summary>
public sealed class PortfolioCommunities(ScholarDb db, TimeProvider clock)
{
    /// <summary>Every community the person's accounts belong to in a completed analysis, newest analysis first, and whether it is chosen.</summary>
    public async Task<IReadOnlyList<CommunityOption>> OptionsAsync(long personId, CancellationToken cancellationToken = default)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.PersonId == personId).Select(a => a.Id).ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            return [];
        }

        var nodes = await (from node in db.NetworkAnalysisNodes.AsNoTracking()
                           join analysis in db.NetworkAnalyses.AsNoTracking() on node.AnalysisId equals analysis.Id
                           where node.AccountId != null && accounts.Contains(node.AccountId.Value) && analysis.Status == AnalysisStatus.Completed
                               && (node.Community != null || node.Leiden != null)
                           select new { analysis.Id, analysis.Title, analysis.CompletedAt, analysis.Measures, node.NodeId, node.Community, node.Leiden }).ToListAsync(cancellationToken);
        var chosen = (await ChosenAsync(personId, cancellationToken)).Select(c => KeyOf(c.AnalysisId, c.Partition, c.Community)).ToHashSet(StringComparer.Ordinal);
        var options = new List<CommunityOption>();
        foreach (var node in nodes)
        {
            var hasBetweenness = node.Measures.Split(',').Contains("betweenness", StringComparer.Ordinal);
            foreach (var (partition, community) in new[] { (CommunityPartition.Louvain, node.Community), (CommunityPartition.Leiden, node.Leiden) })
            {
                if (community is { } c && options.All(o => o.Key != KeyOf(node.Id, partition, c)))
                {
                    var members = await MembersOf(node.Id, partition, c).CountAsync(cancellationToken);
                    options.Add(new CommunityOption(node.Id, node.Title, node.CompletedAt ?? default, partition, c, members, node.NodeId, hasBetweenness, chosen.Contains(KeyOf(node.Id, partition, c))));
                }
            }
        }

        return [.. options.OrderByDescending(o => o.CompletedAt).ThenByDescending(o => o.AnalysisId).ThenBy(o => o.Partition).ThenBy(o => o.Community)];
    }

    public async Task<IReadOnlyList<PortfolioCommunity>> ChosenAsync(long personId, CancellationToken cancellationToken = default) =>
        await db.PortfolioCommunities.AsNoTracking().Where(c => c.PersonId == personId)
            .OrderBy(c => c.AnalysisId).ThenBy(c => c.Partition).ThenBy(c => c.Community).ToListAsync(cancellationToken);

    /// <summary>
    /// Replaces the person's choice with <paramref name="keys"/> (<see cref="CommunityOption.Key"/> values). Each must be
    /// one of <see cref="OptionsAsync"/>: a community the person's account belongs to, since the rank is among its members.
    /// </summary>
    public async Task SetAsync(PortfolioViewer viewer, long personId, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        if (!viewer.CanManage(personId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator chooses the communities.");
        }

        var options = (await OptionsAsync(personId, cancellationToken)).ToDictionary(o => o.Key, StringComparer.Ordinal);
        var wanted = keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.FirstOrDefault(k => !options.ContainsKey(k)) is { } unknown)
        {
            throw new PortfolioRuleException($"'{unknown}' is not a community of a completed stored analysis that the person's accounts belong to.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.PortfolioCommunities.Where(c => c.PersonId == personId).ToListAsync(cancellationToken);
        db.PortfolioCommunities.RemoveRange(stored.Where(s => !wanted.Contains(KeyOf(s.AnalysisId, s.Partition, s.Community))));
        foreach (var key in wanted.Where(k => stored.All(s => KeyOf(s.AnalysisId, s.Partition, s.Community) != k)))
        {
            var option = options[key];
            db.PortfolioCommunities.Add(new PortfolioCommunity { PersonId = personId, AnalysisId = option.AnalysisId, Partition = option.Partition, Community = option.Community, ChosenAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The nodes of a community of a stored analysis.</summary>
    public IQueryable<NetworkAnalysisNode> MembersOf(long analysisId, CommunityPartition partition, int community)
    {
        var nodes = db.NetworkAnalysisNodes.AsNoTracking().Where(n => n.AnalysisId == analysisId);
        return partition == CommunityPartition.Leiden ? nodes.Where(n => n.Leiden == community) : nodes.Where(n => n.Community == community);
    }

    public static string Label(CommunityPartition partition, int community) =>
        $"{partition} community {community.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The stable key of a community of an analysis: <c>analysis:partition:community</c>.</summary>
    public static string KeyOf(long analysisId, CommunityPartition partition, int community) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{analysisId}:{partition.ToString().ToLowerInvariant()}:{community}");
}
