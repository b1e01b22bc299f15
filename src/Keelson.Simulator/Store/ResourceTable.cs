using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Store;

/// <summary>
/// The objects of one resource in one cluster, with the recent history of writes for watches.
/// Writes are serialized by the table's lock and numbered from the cluster's revision counter,
/// so a table's events are strictly ordered by resource version, as in etcd.
/// </summary>
public sealed class ResourceTable
{
    private readonly ClusterStore _store;
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, StoredObject> _items = [];
    private readonly SortedSet<ObjectKey> _order = new(ObjectKeyComparer.Instance);
    private StoreEvent?[] _history;
    private readonly List<Watcher> _watchers = [];
    private readonly List<Action<StoreEvent>> _observers = [];
    // The hundred pods of a ReplicaSet carry the same labels: 100,000 dictionaries of them were 35 MB.
    private readonly ValuePool<IReadOnlyDictionary<string, string>> _labelSets = new(LabelSetComparer.Instance);
    private readonly long _historyBudget;
    private int _historyHead;
    private int _historyCount;
    private long _historyBytes;
    private long _historyFloor;

    internal ResourceTable(ResourceKind kind, ClusterStore store, int historyCapacity, long historyBytes)
    {
        Kind = kind;
        _store = store;
        // The ring grows on demand up to its capacity: most tables see few writes, and a full
        // array of 25,000 slots per table per cluster is memory a fleet of 20 clusters feels.
        _history = new StoreEvent?[Math.Max(1, Math.Min(historyCapacity, 64))];
        _historyCapacity = Math.Max(1, historyCapacity);
        _historyBudget = Math.Max(1, historyBytes);
        _historyFloor = store.Revision;
    }

    private readonly int _historyCapacity;

    /// <summary>The resource stored.</summary>
    public ResourceKind Kind { get; }

    /// <summary>How many objects are stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>The oldest revision a watch may resume from; older ones get 410 Gone.</summary>
    public long HistoryFloor
    {
        get
        {
            lock (_lock)
            {
                return _historyFloor;
            }
        }
    }

    /// <summary>The object's current state, or null.</summary>
    public StoredObject? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> objects (0 = all) in key order, in <paramref name="namespace"/>
    /// (or everywhere when null), after <paramref name="after"/>, that pass <paramref name="filter"/>.
    /// </summary>
    public ListPage List(string? @namespace, Func<StoredObject, bool>? filter, int limit = 0, ObjectKey? after = null)
    {
        var items = new List<StoredObject>(limit is > 0 and < 4096 ? limit : 64);
        // Names never contain U+FFFF, so (ns, "\uffff") bounds a namespace from above.
        var lower = after ?? new ObjectKey(@namespace ?? "", "");
        var upper = string.IsNullOrEmpty(@namespace) ? new ObjectKey("\uffff", "") : new ObjectKey(@namespace, "\uffff");
        lock (_lock)
        {
            var revision = _store.Revision;
            IEnumerable<ObjectKey> keys = ObjectKeyComparer.Instance.Compare(lower, upper) >= 0 ? [] : _order.GetViewBetween(lower, upper);
            if (after is { } start)
            {
                keys = keys.Where(k => !k.Equals(start));
            }

            foreach (var key in keys)
            {
                var obj = _items[key];
                if (filter is not null && !filter(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count == limit)
                {
                    return new ListPage(items, revision, HasMore: true);
                }

                items.Add(obj);
            }

            return new ListPage(items, revision, HasMore: false);
        }
    }

    /// <summary>
    /// Atomically reads the object and writes what <paramref name="decide"/> returns. Anything
    /// <paramref name="decide"/> throws aborts the write with nothing changed.
    /// </summary>
    /// <returns>The committed event, or null when nothing changed.</returns>
    public StoreEvent? Write(ObjectKey key, Func<StoredObject?, Mutation> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        lock (_lock)
        {
            var current = _items.GetValueOrDefault(key);
            var mutation = decide(current);
            if (mutation.Remove)
            {
                if (current is null)
                {
                    return null;
                }

                var revision = _store.NextRevision();
                var last = JsonNode.Parse(current.Json)!.AsObject();
                Metadata(last)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
                var removed = Store(key, current.Uid, revision, last, current);
                _items.Remove(key);
                _order.Remove(key);
                return Commit(new StoreEvent(StoreEventType.Deleted, removed, current));
            }

            if (mutation.Object is not { } obj)
            {
                return null;
            }

            var rv = _store.NextRevision();
            var meta = Metadata(obj);
            meta["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            var uid = meta["uid"]?.GetValue<string>() ?? current?.Uid ?? "";
            var stored = Store(key, uid, rv, obj, current);
            _items[key] = stored;
            if (current is null)
            {
                _order.Add(key);
            }

            return Commit(new StoreEvent(current is null ? StoreEventType.Added : StoreEventType.Modified, stored, current));
        }
    }

    /// <summary>
    /// Subscribes to writes after <paramref name="fromRevision"/>: the recorded history first,
    /// then live events. With null, the current objects arrive first as ADDED events.
    /// </summary>
    /// <exception cref="ResourceExpiredException"><paramref name="fromRevision"/> is older than the history kept.</exception>
    public Watcher Subscribe(long? fromRevision, int capacity)
    {
        lock (_lock)
        {
            Watcher watcher;
            if (fromRevision is not { } from)
            {
                watcher = new Watcher(this, capacity + _items.Count, _store.Revision);
                foreach (var key in _order)
                {
                    watcher.Offer(new StoreEvent(StoreEventType.Added, _items[key], null));
                }
            }
            else
            {
                if (from < _historyFloor)
                {
                    throw new ResourceExpiredException(from, _historyFloor);
                }

                var replay = History().Where(e => e.ResourceVersion > from).ToList();
                watcher = new Watcher(this, capacity + replay.Count, from);
                foreach (var e in replay)
                {
                    watcher.Offer(e);
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>
    /// Calls <paramref name="observer"/> with every object stored now (as ADDED), then with every
    /// committed write before any watcher sees it, under the table's lock: for an in-memory index
    /// that must never trail the store. The observer must be quick and must not call the store.
    /// </summary>
    internal void Observe(Action<StoreEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            foreach (var key in _order)
            {
                observer(new StoreEvent(StoreEventType.Added, _items[key], null));
            }

            _observers.Add(observer);
        }
    }

    internal void Unsubscribe(Watcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }

        watcher.Close(null);
    }

    internal long? BookmarkRevision(Watcher watcher)
    {
        lock (_lock)
        {
            // Under the lock no write is half-delivered, so an empty queue means the watcher has
            // seen every event of this table up to the cluster's current revision.
            return watcher.HasPending ? null : _store.Revision;
        }
    }

    private StoreEvent Commit(StoreEvent e)
    {
        if (_historyCount == _history.Length && _history.Length < _historyCapacity)
        {
            GrowHistory();
        }

        // Bounded by count and by bytes: a table of large objects (Endpoints of a big Service,
        // pods with long specs) keeps fewer writes, as a watch cache sized by memory would.
        var bytes = Size(e);
        while (_historyCount > 0 && (_historyCount == _history.Length || _historyBytes + bytes > _historyBudget))
        {
            var oldest = _history[_historyHead]!;
            _history[_historyHead] = null;
            _historyBytes -= Size(oldest);
            _historyFloor = oldest.ResourceVersion;
            _historyHead = (_historyHead + 1) % _history.Length;
            _historyCount--;
        }

        // The state before a write is usually an older write's object, often one the history no
        // longer holds (pods and nodes written rarely, each lease's oldest renewal): kept whole it
        // would hold that JSON as well (44 MB at 100,000 pods). A replay only selects by it.
        _history[(_historyHead + _historyCount) % _history.Length] = e.Previous is null ? e : e with { Previous = e.Previous.ForSelectors() };
        _historyCount++;
        _historyBytes += bytes;
        foreach (var observer in _observers)
        {
            observer(e);
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(e);
        }

        return e;
    }

    /// <summary>What a history entry keeps alive: its object's JSON (the previous state is usually an earlier entry's object).</summary>
    private static long Size(StoreEvent e) => e.Object.Json.Length + 200;

    private void GrowHistory()
    {
        var grown = new StoreEvent?[Math.Min(_historyCapacity, _history.Length * 2)];
        for (var i = 0; i < _historyCount; i++)
        {
            grown[i] = _history[(_historyHead + i) % _history.Length];
        }

        _history = grown;
        _historyHead = 0;
    }

    private IEnumerable<StoreEvent> History()
    {
        for (var i = 0; i < _historyCount; i++)
        {
            yield return _history[(_historyHead + i) % _history.Length]!;
        }
    }

    /// <summary>
    /// The stored form of <paramref name="obj"/>. The uid, labels and field values equal to those of
    /// <paramref name="previous"/> (most writes change none) reuse its instances, so the
    /// versions kept in the watch history share them instead of holding a copy each; new labels
    /// equal to another object's (a ReplicaSet's pods) share that object's set.
    /// </summary>
    private StoredObject Store(ObjectKey key, string uid, long revision, JsonObject obj, StoredObject? previous)
    {
        var meta = Metadata(obj);
        IReadOnlyDictionary<string, string>? labels = null;
        if (meta["labels"] is JsonObject labelObject && labelObject.Count > 0)
        {
            if (SameLabels(previous?.Labels, labelObject))
            {
                labels = previous!.Labels;
            }
            else
            {
                var fresh = new Dictionary<string, string>(labelObject.Count, StringComparer.Ordinal);
                foreach (var (name, value) in labelObject)
                {
                    fresh[_store.Strings.Intern(name)!] = _store.Strings.Intern(value?.GetValue<string>() ?? "")!;
                }

                labels = _labelSets.Share(fresh);
            }
        }

        var fields = new string?[Kind.SelectableFields.Count];
        var sameFields = previous is not null && previous.Fields.Length == fields.Length;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = Kind.SelectableFields[i];
            var value = JsonPaths.Scalar(obj, field) ?? ResourceKind.FieldDefault(field);
            var same = previous is not null && previous.Fields.Length == fields.Length && string.Equals(value, previous.Fields[i], StringComparison.Ordinal);
            // Values that repeat are shared; one object's own (an event's involved uid, a pod's IP)
            // would only grow the pool, which never forgets, by every object ever written, so it is
            // shared with the previous version only.
            fields[i] = same ? previous!.Fields[i] : ResourceKind.IsUniqueField(field) ? value : _store.Strings.Intern(value);
            sameFields = sameFields && same;
        }

        // Each version's uid the previous one's instance: the controllers keep the uid of the version they saw.
        uid = previous is not null && string.Equals(previous.Uid, uid, StringComparison.Ordinal) ? previous.Uid : uid;
        return new StoredObject(key, uid, revision, JsonPaths.Serialize(obj), labels, sameFields ? previous!.Fields : fields, meta["deletionTimestamp"] is not null);
    }

    /// <summary>Whether <paramref name="labels"/> (stored) and <paramref name="labelObject"/> (written) hold the same labels.</summary>
    private static bool SameLabels(IReadOnlyDictionary<string, string>? labels, JsonObject labelObject)
    {
        if (labels is null || labels.Count != labelObject.Count)
        {
            return false;
        }

        foreach (var (name, value) in labelObject)
        {
            if (!labels.TryGetValue(name, out var stored) || !string.Equals(stored, value?.GetValue<string>() ?? "", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? throw new InvalidOperationException("an object without metadata reached the store");
}
