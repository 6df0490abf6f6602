using System.Diagnostics;

namespace SoMeScholar.Core.Portfolio;

/// <summary>Chromium is not installed where the export looks for it; the message says what to install.</summary>
public sealed class ChromiumMissingException(string path) : Exception(
    $"PDF export needs Chromium, which was not found at {path}. Install Debian's chromium package (apt-get install chromium) or set SOMESCHOLAR_CHROMIUM to its path.")
{
    public string Path { get; } = path;
}

/// <summary>Where Chromium is: SOMESCHOLAR_CHROMIUM, else /usr/bin/chromium (Debian's chromium package).</summary>
public sealed record ChromiumOptions(string ExecutablePath)
{
    public static ChromiumOptions FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("SOMESCHOLAR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium");
}

/// <summary>
/// Prints an HTML document to PDF with headless Chromium (<c>--print-to-pdf</c>), so a PDF is the app's own
/// print-styled HTML: pagination, running page numbers and links come from the document's CSS and anchors.
/// The document is written to a private temporary folder and loaded from there with the network off.
/// </summary>
public sealed class ChromiumPdf(ChromiumOptions options)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(options.ExecutablePath))
        {
            throw new ChromiumMissingException(options.ExecutablePath);
        }

        var folder = Directory.CreateTempSubdirectory("somescholar-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "dossier.html");
            var output = Path.Combine(folder.FullName, "dossier.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            var start = new ProcessStartInfo(options.ExecutablePath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {options.ExecutablePath}.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await stdout;
            var errors = await stderr;
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode} without writing the PDF: {errors.Trim()}");
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile briefly; the temporary folder is cleaned by the OS eventually.
            }
        }
    }
}
