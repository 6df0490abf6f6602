using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>PDF export is not available on this server; the message says what to install.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>
/// Renders the app's own print-styled report page to PDF with headless Chromium (Debian's <c>chromium</c>): the
/// page is loaded from this server over loopback, its charts drawn by the same script as on screen, and printed by
/// Chromium's <c>--print-to-pdf</c>. Chromium is found through <c>Hashtags:Chromium</c>, <c>SOMESCHOLAR_CHROMIUM</c>
/// or the usual paths.
/// </summary>
public sealed class ReportPdf(IServer server, IConfiguration configuration, ILogger<ReportPdf> logger)
{
    public const string InstallHint = "PDF export needs Chromium on the server: install Debian's chromium package (sudo apt-get install chromium), or set SOMESCHOLAR_CHROMIUM (or Hashtags:Chromium) to the browser's path.";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public string? Chromium()
    {
        var configured = configuration["Hashtags:Chromium"] ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return KnownPaths.FirstOrDefault(File.Exists);
    }

    /// <summary>Prints <paramref name="pathAndQuery"/> (a page of this app, e.g. /Hashtags/Print?…) to PDF bytes.</summary>
    public async Task<byte[]> RenderAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var chromium = Chromium() ?? throw new PdfUnavailableException(InstallHint);
        var baseUrl = LoopbackAddress() ?? throw new PdfUnavailableException("PDF export needs the server to listen on a local HTTP address (Kestrel); none was found.");
        var folder = Path.Combine(Path.GetTempPath(), "somescholar-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, "report.pdf");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                "--virtual-time-budget=10000", $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={output}", baseUrl + pathAndQuery,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new PdfUnavailableException($"Could not start {chromium}. " + InstallHint);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            var outputText = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (!File.Exists(output) || new FileInfo(output).Length == 0)
            {
                var detail = (await errors.ConfigureAwait(false)).Trim();
                logger.LogWarning("Chromium did not write the PDF (exit {Code}): {Errors} {Output}", process.ExitCode, detail, await outputText);
                throw new PdfUnavailableException($"Chromium ({chromium}) did not produce the PDF (exit code {process.ExitCode}).");
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temporary folder is cleaned by the system.
            }
        }
    }

    /// <summary>An http address this server listens on, with a wildcard host replaced by the loopback address.</summary>
    private string? LoopbackAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0))
        {
            if (!Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                continue;
            }

            var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : uri.Host;
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }

        return null;
    }
}
