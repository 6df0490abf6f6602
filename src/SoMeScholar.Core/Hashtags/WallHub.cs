using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// One change on a wall, serialised once and fanned out: <see cref="ModeratorJson"/> to moderators' consoles (every
/// post, with its status and reason), <see cref="PublicJson"/> to projector pages (null when viewers need not hear
/// about it: a post that was never on the wall and is not on it now).
/// </summary>
public sealed record WallMessage(long Sequence, long WallPostId, string ModeratorJson, string? PublicJson);

/// <summary>A viewer's or moderator's live feed of one wall. Dispose to stop receiving.</summary>
public sealed class WallSubscription : IDisposable
{
    private readonly Action<WallSubscription> _unsubscribe;

    internal WallSubscription(long eventId, bool moderator, Action<WallSubscription> unsubscribe)
    {
        EventId = eventId;
        IsModerator = moderator;
        _unsubscribe = unsubscribe;
        // Bounded: a viewer that cannot keep up is disconnected (its channel completes) and catches up from the
        // store when its browser reconnects with the last id it saw, instead of holding the server's memory.
        Channel = System.Threading.Channels.Channel.CreateBounded<WallMessage>(new BoundedChannelOptions(WallHub.SubscriberBuffer)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long EventId { get; }
    public bool IsModerator { get; }
    internal Channel<WallMessage> Channel { get; }
    public ChannelReader<WallMessage> Reader => Channel.Reader;

    public void Dispose() => _unsubscribe(this);
}

/// <summary>
/// The live side of the walls (a singleton): who is watching which wall, and the order of changes on each wall.
/// Every change to a wall post takes the next <see cref="WallMessage.Sequence"/> of its event under the event's
/// lock, so the sequence is also the server-sent event id a viewer resumes from after a dropped connection.
/// One server process owns a wall's writes (the lock is in memory).
/// </summary>
public sealed class WallHub
{
    public const int SubscriberBuffer = 2_048;

    private readonly ConcurrentDictionary<long, EventState> _events = new();

    /// <summary>Subscribers on a wall now (for the console and the load benchmark).</summary>
    public int SubscriberCount(long eventId) => _events.TryGetValue(eventId, out var state) ? state.Count : 0;

    public WallSubscription Subscribe(long eventId, bool moderator)
    {
        var state = State(eventId);
        var subscription = new WallSubscription(eventId, moderator, Unsubscribe);
        state.Add(subscription);
        return subscription;
    }

    /// <summary>Delivers changes to every subscriber of the wall, in sequence order (callers hold the event's lock).</summary>
    public void Publish(long eventId, IEnumerable<WallMessage> messages)
    {
        var state = State(eventId);
        foreach (var message in messages)
        {
            foreach (var subscriber in state.Snapshot())
            {
                var payload = subscriber.IsModerator || message.PublicJson is not null;
                if (payload && !subscriber.Channel.Writer.TryWrite(message))
                {
                    subscriber.Channel.Writer.TryComplete();
                    Unsubscribe(subscriber);
                }
            }
        }
    }

    /// <summary>The event's write lock: sequence numbers and wall writes happen one batch at a time.</summary>
    public async Task<IDisposable> LockAsync(long eventId, CancellationToken cancellationToken)
    {
        var state = State(eventId);
        await state.Gate.WaitAsync(cancellationToken);
        return new Release(state.Gate);
    }

    /// <summary>The last sequence used on the wall, once known (loaded from the store on first use under the lock).</summary>
    internal long? LastSequence(long eventId) => State(eventId).LastSequence;

    internal void SetLastSequence(long eventId, long sequence) => State(eventId).LastSequence = sequence;

    /// <summary>Forgets what it knew of a wall (after its posts are deleted with the event).</summary>
    internal void Forget(long eventId)
    {
        if (_events.TryGetValue(eventId, out var state))
        {
            state.LastSequence = null;
        }
    }

    private EventState State(long eventId) => _events.GetOrAdd(eventId, _ => new EventState());

    private void Unsubscribe(WallSubscription subscription)
    {
        if (_events.TryGetValue(subscription.EventId, out var state))
        {
            state.Remove(subscription);
        }

        subscription.Channel.Writer.TryComplete();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class EventState
    {
        private readonly Lock _lock = new();
        private WallSubscription[] _subscribers = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);
        public long? LastSequence { get; set; }
        public int Count => _subscribers.Length;

        public WallSubscription[] Snapshot() => Volatile.Read(ref _subscribers);

        public void Add(WallSubscription subscription)
        {
            lock (_lock)
            {
                _subscribers = [.. _subscribers, subscription];
            }
        }

        public void Remove(WallSubscription subscription)
        {
            lock (_lock)
            {
                _subscribers = [.. _subscribers.Where(s => s != subscription)];
            }
        }
    }
}
