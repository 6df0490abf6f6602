namespace SoMeScholar.Professionalism.Detection;

/// <summary>One kind of check. Detectors add raw findings; the checker applies settings, merges and orders them.</summary>
internal interface IDetector
{
    /// <summary>The categories this detector can report (a detector whose categories are all disabled is skipped).</summary>
    IReadOnlyList<FindingCategory> Categories { get; }

    void Detect(TextContext context, List<Finding> findings);
}
