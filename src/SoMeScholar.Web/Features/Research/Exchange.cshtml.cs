using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>REFI-QDA exchange (QDC codebook, QDPX project), CSV exports, and importing a QDC codebook into this study.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class ExchangeModel(Studies studies, RefiQda refi) : ResearchPageModel
{
    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, () => Task.CompletedTask, cancellationToken);

    public Task<IActionResult> OnPostCodebookAsync(long id, IFormFile? codebook, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        if (codebook is null || codebook.Length == 0)
        {
            throw ResearchException.Invalid("Choose a .qdc file.");
        }

        await using var stream = codebook.OpenReadStream();
        var report = await refi.ImportCodebookAsync(Actor, id, stream, Path.GetFileName(codebook.FileName), cancellationToken);
        return $"Imported: {report.CodesAdded} code(s) added, {report.CodesAlreadyPresent} already present, {report.ThemesAdded} theme(s) added. The import is in the audit trail.";
    });
}
