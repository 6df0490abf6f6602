using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Benchmarks.Professionalism;

/// <summary>
/// The professionalism check's speed targets (issue 8): a 280-character post under 5 ms, a 10,000-word transcript
/// under 1 s. Run with <c>./bench.sh --filter '*Professionalism*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ProfessionalismBenchmarks
{
    /// <summary>
    /// Runs in process: BenchmarkDotNet's generated project cannot restore here (the NuGet mirror lacks
    /// Microsoft.AspNetCore.Cryptography.KeyDerivation, which Core's FrameworkReference otherwise supplies).
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }

    private string _post = "";
    private string _transcript = "";

    [GlobalSetup]
    public void Setup()
    {
        _post = Post;
        _transcript = Transcript(10_000, seed: 42);
        ProfessionalismChecker.Check("warm up the word lists"); // the lists load once per process
    }

    /// <summary>A 280-character case post with a name, an age, a place, a date and a claim.</summary>
    public const string Post =
        "Last night Mrs. Kowalczyk (94) came into St. Mary's ED from Scranton with sepsis; lactate 6. My patient's daughter " +
        "called 555-867-5309 twice. Always give 30 mL/kg and start norepinephrine early! What a shift. #FOAMed #MedTwitter " +
        "Thanks to the team in bay 4 🙏 DM me";

    [Benchmark(Description = "Check a 280-character post")]
    public CheckResult CheckPost() => ProfessionalismChecker.Check(_post);

    [Benchmark(Description = "Check a 10,000-word transcript")]
    public CheckResult CheckTranscript() => ProfessionalismChecker.Check(_transcript);

    [Benchmark(Description = "De-identify a 10,000-word transcript")]
    public DeidentifiedText DeidentifyTranscript() => ProfessionalismChecker.Deidentify(_transcript);

    /// <summary>An interview-style transcript of about <paramref name="words"/> words, built deterministically.</summary>
    public static string Transcript(int words, int seed)
    {
        string[] sentences =
        [
            "Interviewer: How did you start using social media for teaching?",
            "Participant 3: I started on Twitter during residency, mostly following #FOAMed accounts and journal clubs.",
            "It widened my network and gave me access to expertise I never had at a small hospital.",
            "We had a patient, Mr. Okafor, a 92-year-old from Tulsa, admitted on March 3rd, and I remember thinking I could never post that.",
            "The institution's guidelines felt restrictive, so I kept my professional and personal accounts separate.",
            "Dr. Hannah Lindqvist in Spokane mentored me through my first tweetorial on sepsis.",
            "You should always give antibiotics within the hour, that was the message, but I linked the guideline.",
            "Honestly some of the comments were rude, people calling the nurses lazy, which I reported.",
            "My e-mail was on the poster, jo.participant@example.org, and people wrote to me for months.",
            "I think permissive guidelines would help trainees realise the benefits and avoid the harms.",
            "Last week on nights we saw three overdoses from the same batch in bed 12 and bay 4.",
            "Peer review of blog posts matters; we used a structured score and discussed it in the group chat.",
        ];
        var random = new Random(seed);
        var builder = new StringBuilder();
        var count = 0;
        while (count < words)
        {
            var sentence = sentences[random.Next(sentences.Length)];
            builder.Append(sentence).Append(random.Next(6) == 0 ? "\n\n" : " ");
            count += sentence.Split(' ').Length;
        }

        return builder.ToString();
    }
}
