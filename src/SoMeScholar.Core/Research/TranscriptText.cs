using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace SoMeScholar.Core.Research;

/// <summary>
/// Turns an uploaded transcript into plain text: UTF-8 text (a BOM is honoured), Markdown (markup removed, words kept)
/// and Word documents (.docx: the paragraphs and runs of word/document.xml, read with the BCL's zip and XML readers).
/// Line breaks become \n. Offsets of codings refer to this text.
/// </summary>
public static partial class TranscriptText
{
    public const int MaxCharacters = 2_000_000;

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static TranscriptFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".docx" => TranscriptFormat.Docx,
        ".md" or ".markdown" => TranscriptFormat.Markdown,
        ".txt" or ".text" or "" => TranscriptFormat.PlainText,
        var other => throw ResearchException.Invalid($"{fileName}: transcripts are plain text (.txt), Markdown (.md) or Word (.docx), not {other}."),
    };

    public static string Read(Stream content, TranscriptFormat format, string fileName)
    {
        var text = format switch
        {
            TranscriptFormat.Docx => ReadDocx(content, fileName),
            TranscriptFormat.Markdown => MarkdownToText(ReadUtf8(content, fileName)),
            _ => ReadUtf8(content, fileName),
        };
        text = Normalize(text);
        if (text.Trim().Length == 0)
        {
            throw ResearchException.Invalid($"{fileName}: the transcript is empty.");
        }

        return text.Length > MaxCharacters ? throw ResearchException.Invalid($"{fileName}: a transcript holds at most {MaxCharacters:N0} characters.") : text;
    }

    /// <summary>\r\n and \r become \n; other control characters except tab are dropped; trailing space at line ends is trimmed.</summary>
    public static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return TrailingSpace().Replace(builder.ToString(), "\n").TrimEnd() + "\n";
    }

    private static string ReadUtf8(Stream content, string fileName)
    {
        try
        {
            using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw ResearchException.Invalid($"{fileName}: not UTF-8 text. Save the transcript as UTF-8 (or as .docx) and import it again.");
        }
    }

    /// <summary>
    /// The text of a .docx: each w:p of the main document becomes a line; within it the w:t of each run in order,
    /// w:tab as a tab and w:br/w:cr as a line break. Deleted text (w:delText) and field instructions are not text.
    /// </summary>
    public static string ReadDocx(Stream content, string fileName)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry("word/document.xml") ?? throw ResearchException.Invalid($"{fileName}: not a Word document (word/document.xml is missing).");
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false });
            var text = new StringBuilder();
            var paragraphs = 0;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == WordNamespace)
                {
                    switch (reader.LocalName)
                    {
                        case "p":
                            if (paragraphs++ > 0)
                            {
                                text.Append('\n');
                            }

                            break;
                        case "t" when !reader.IsEmptyElement:
                            // Moves past </w:t>, onto the next node: do not Read() again.
                            text.Append(reader.ReadElementContentAsString());
                            continue;
                        case "tab":
                            text.Append('\t');
                            break;
                        case "br" or "cr":
                            text.Append('\n');
                            break;
                        default:
                            break;
                    }
                }

                reader.Read();
            }

            return text.ToString();
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            throw ResearchException.Invalid($"{fileName}: not a readable Word document ({e.Message}).");
        }
    }

    /// <summary>Markdown to the words a reader sees: headings, emphasis, links, images, code and quote markers removed.</summary>
    public static string MarkdownToText(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(markdown.Length);
        var inFence = false;
        foreach (var raw in lines)
        {
            var line = raw;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                if (HorizontalRule().IsMatch(line))
                {
                    output.Append('\n');
                    continue;
                }

                line = Heading().Replace(line, "");
                line = Quote().Replace(line, "");
                line = Image().Replace(line, "$1");
                line = Link().Replace(line, "$1");
                line = InlineCode().Replace(line, "$1");
                line = Strong().Replace(line, "$2");
                line = StarEmphasis().Replace(line, "$1");
                line = UnderscoreEmphasis().Replace(line, "$1");
                line = line.Replace("\\*", "*", StringComparison.Ordinal).Replace("\\_", "_", StringComparison.Ordinal).Replace("\\#", "#", StringComparison.Ordinal);
            }

            output.Append(line).Append('\n');
        }

        return output.ToString();
    }

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex TrailingSpace();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(>\s?)+")]
    private static partial Regex Quote();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex StarEmphasis();

    [GeneratedRegex(@"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")]
    private static partial Regex UnderscoreEmphasis();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex HorizontalRule();
}
