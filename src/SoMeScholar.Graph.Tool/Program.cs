using System.Text;
using SoMeScholar.Graph.Tool;

// Standard output is buffered: a million-row CSV is written in large blocks, not line by line.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
var code = GraphTool.Run(args, stdout, Console.Error);
stdout.Flush();
return code;
