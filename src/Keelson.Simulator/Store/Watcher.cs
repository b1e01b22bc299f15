using System.Threading.Channels;

namespace Keelson.Simulator.Store;

/// <summary>
/// A subscription to one table's writes. Events arrive in revision order through
/// <see cref="Events"/>. A watcher that falls more than its capacity behind is closed, as
/// kube-apiserver closes unresponsive watchers; the client resumes from its last version.
/// </summary>
public sealed class Watcher : IDisposable
{
    private readonly Channel<StoreEvent> _channel;
    private readonly ResourceTable _table;

    internal Watcher(ResourceTable table, int capacity, long startRevision)
    {
        _table = table;
        _channel = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        StartRevision = startRevision;
    }

    /// <summary>The events, in order. Completes when the watcher is closed.</summary>
    public ChannelReader<StoreEvent> Events => _channel.Reader;

    /// <summary>The revision the watch started after.</summary>
    public long StartRevision { get; }

    /// <summary>Why the watcher was closed by the store, if it was.</summary>
    public string? ClosedReason { get; private set; }

    /// <summary>
    /// A revision the client may resume from without missing an event of this table: the
    /// latest one when everything committed so far has been read, else null.
    /// </summary>
    public long? BookmarkRevision() => _table.BookmarkRevision(this);

    /// <summary>Stops the subscription.</summary>
    public void Dispose() => _table.Unsubscribe(this);

    internal bool HasPending => _channel.Reader.Count > 0;

    internal void Offer(StoreEvent e)
    {
        if (!_channel.Writer.TryWrite(e))
        {
            Close("the watcher fell too far behind; resume from the last resource version seen");
        }
    }

    internal void Close(string? reason)
    {
        ClosedReason ??= reason;
        _channel.Writer.TryComplete();
    }
}
