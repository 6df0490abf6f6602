namespace SoMeScholar.Core.Demo;

/// <summary>
/// A capability's part of the demo community (resources and reviews, threads, mentors, a study...). Registered in
/// dependency injection by the capability; <see cref="DemoCommunity"/> runs every contribution, in <see cref="Order"/>,
/// after the people and the archive exist, so each can build on the plan and on what earlier ones added.
/// Contributions must be deterministic for the plan's seed and label what they create as synthetic.
/// </summary>
public interface IDemoContribution
{
    /// <summary>Lower runs first. Use the capability's migration range (400 for resources, 500 for discussions...).</summary>
    int Order { get; }

    /// <summary>A short name for progress output, e.g. "resources and reviews".</summary>
    string Name { get; }

    Task AddAsync(DemoContext context, CancellationToken cancellationToken);
}

/// <summary>What a contribution can build on: the plan (people, accounts, resources by index) and their ids in the store.</summary>
public sealed record DemoContext(DemoPlan Plan, IReadOnlyDictionary<int, long> PersonIds, Random Random);
