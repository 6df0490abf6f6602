using System.Text.Json;
using SoMeScholar.Core.Professionalism;

namespace SoMeScholar.Core.Tests.Professionalism;

public class HighlighterTests
{
    [Fact]
    public void Overlapping_spans_split_the_text_at_every_boundary_without_gaps()
    {
        // "abcdefghij": [2,8) a combination over [3,5) a date and [6,8) a place; [0,0) an attachment.
        var segments = Highlighter.Segment(10, [(2, 6), (3, 2), (6, 2), (0, 0)]);

        Assert.Equal(
            [(0, 2, ""), (2, 1, "0"), (3, 2, "0 1"), (5, 1, "0"), (6, 2, "0 2"), (8, 2, "")],
            segments.Select(s => (s.Start, s.Length, string.Join(' ', s.Findings))));
    }

    [Fact]
    public void Identical_and_nested_spans_share_their_pieces_and_spans_past_the_end_are_cut()
    {
        var segments = Highlighter.Segment(6, [(1, 3), (1, 3), (2, 10)]);

        Assert.Equal(
            [(0, 1, ""), (1, 1, "0 1"), (2, 2, "0 1 2"), (4, 2, "2")],
            segments.Select(s => (s.Start, s.Length, string.Join(' ', s.Findings))));
    }

    [Fact]
    public void A_text_without_findings_is_one_unflagged_piece()
    {
        var segment = Assert.Single(Highlighter.Segment(12, []));

        Assert.Equal((0, 12, false), (segment.Start, segment.Length, segment.IsFlagged));
    }

    [Fact]
    public void The_report_lists_only_flagged_pieces_and_writes_enums_in_camel_case()
    {
        var report = ProfessionalismService.Report("Mrs. Okafor, 96, came in last night.", CheckMode.Check);

        var json = JsonSerializer.Serialize(report);

        Assert.All(report.Highlights, h => Assert.NotEmpty(h.Findings));
        Assert.Contains("\"Category\":\"personName\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Severity\":\"high\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Mode\":\"check\"", json, StringComparison.Ordinal);
        Assert.True(report.Blocking);
    }
}
