using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SoMeScholar.Core.Network;

/// <summary>Live state of a queued or running analysis job.</summary>
public sealed record JobState(long AnalysisId, string Stage, double Fraction, bool CancelRequested);

/// <summary>
/// The queue of analysis jobs the web app runs in the background (one at a time, so a long exact betweenness does not
/// starve the server of cores): enqueue, live progress, cancellation. A singleton; the web app's hosted service reads
/// it and runs each job with <see cref="NetworkAnalyses.ExecuteAsync"/>.
/// </summary>
public sealed class NetworkJobs
{
    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, Job> _jobs = new();

    private sealed class Job(long id)
    {
        public long Id { get; } = id;
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile string Stage = "queued";
        private long _fractionBits;

        public double Fraction
        {
            get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _fractionBits));
            set => Interlocked.Exchange(ref _fractionBits, BitConverter.DoubleToInt64Bits(value));
        }
    }

    public void Enqueue(long analysisId)
    {
        if (_jobs.TryAdd(analysisId, new Job(analysisId)))
        {
            _channel.Writer.TryWrite(analysisId);
        }
    }

    public IAsyncEnumerable<long> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Live progress of a job this process knows, or null.</summary>
    public JobState? State(long analysisId) =>
        _jobs.TryGetValue(analysisId, out var job) ? new JobState(job.Id, job.Stage, job.Fraction, job.Cancellation.IsCancellationRequested) : null;

    /// <summary>Requests cancellation; true when the job was known here.</summary>
    public bool Cancel(long analysisId)
    {
        if (!_jobs.TryGetValue(analysisId, out var job))
        {
            return false;
        }

        job.Cancellation.Cancel();
        return true;
    }

    /// <summary>The token of a job (cancelled by <see cref="Cancel"/>) and a progress sink that records its state.</summary>
    public (CancellationToken Token, IProgress<AnalysisProgress> Progress) Start(long analysisId)
    {
        var job = _jobs.GetOrAdd(analysisId, id => new Job(id));
        job.Stage = "starting";
        return (job.Cancellation.Token, new SyncProgress<AnalysisProgress>(p =>
        {
            job.Stage = p.Stage;
            job.Fraction = p.Fraction;
        }));
    }

    public void Finish(long analysisId)
    {
        if (_jobs.TryRemove(analysisId, out var job))
        {
            job.Cancellation.Dispose();
        }
    }
}
