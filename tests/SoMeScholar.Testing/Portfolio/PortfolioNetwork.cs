using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Network;

namespace SoMeScholar.Testing.Portfolio;

/// <summary>
/// Stored network analyses for the portfolio fixture, written as the analysis job leaves them (completed, per-node rows):
/// <see cref="AddWithPersonAsync"/> stores four nodes where the person's account has in-degree 3 (rank 2 of 4),
/// PageRank 0.4 (rank 1 of 4) and betweenness 0.5 (rank 2 of 4; rank 1 of 3 within its Louvain community 1, rank 2 of
/// 2 within its Leiden community 2, where Bo's node has betweenness 0.7);
/// <see cref="AddWithoutPersonAsync"/> stores a completed analysis of other nodes only.
/// </summary>
public static class PortfolioNetwork
{
    public static async Task<long> AddWithPersonAsync(TestStore store, long personId, DateTime completedAt, AnalysisStatus status = AnalysisStatus.Completed)
    {
        await using var db = store.NewDb();
        var account = await db.Accounts.Where(a => a.PersonId == personId).Select(a => a.Id).FirstAsync();
        return await AddAsync(db, "Fixture #SMACC26 network", completedAt, status,
        [
            Node(0, account, "ada", 3, 0.4, 0.5, 1, leiden: 2),
            Node(1, null, "bo", 5, 0.3, 0.7, 2, leiden: 2),
            Node(2, null, "cy", 1, 0.2, 0.1, 1, leiden: 1),
            Node(3, null, "dee", 0, 0.1, 0, 1, leiden: 1),
        ]);
    }

    public static async Task<long> AddWithoutPersonAsync(TestStore store, DateTime completedAt)
    {
        await using var db = store.NewDb();
        return await AddAsync(db, "Fixture network without her", completedAt, AnalysisStatus.Completed,
        [
            Node(0, null, "eve", 2, 0.6, 0.5, 1),
            Node(1, null, "fay", 1, 0.4, 0, 1),
        ]);
    }

    private static NetworkAnalysisNode Node(int index, long? account, string id, int inDegree, double pageRank, double betweenness, int community, int? leiden = null) =>
        new() { NodeIndex = index, AccountId = account, NodeId = id, Label = id, InDegree = inDegree, PageRank = pageRank, Betweenness = betweenness, Community = community, Leiden = leiden };

    private static async Task<long> AddAsync(Core.Data.ScholarDb db, string title, DateTime completedAt, AnalysisStatus status, NetworkAnalysisNode[] nodes)
    {
        var analysis = new NetworkAnalysis
        {
            Title = title,
            Source = AnalysisSource.File,
            InputName = "fixture.graphml",
            InputSha256 = new string('a', 64),
            Measures = "indegree,pagerank,betweenness,community",
            SoftwareVersion = "test",
            Status = status,
            NodeCount = nodes.Length,
            EdgeCount = nodes.Length,
            Directed = true,
            CommunityCount = 2,
            CreatedAt = completedAt.AddMinutes(-1),
            StartedAt = completedAt.AddMinutes(-1),
            CompletedAt = status == AnalysisStatus.Completed ? completedAt : null,
        };
        db.NetworkAnalyses.Add(analysis);
        await db.SaveChangesAsync();
        foreach (var node in nodes)
        {
            node.AnalysisId = analysis.Id;
        }

        db.NetworkAnalysisNodes.AddRange(nodes);
        await db.SaveChangesAsync();
        return analysis.Id;
    }
}
