using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Kubernetes.Informers;

/// <summary>
/// Keeps a local, indexed cache of one resource current by listing it and then watching from
/// the list's version. Resumes a broken watch from the last version seen, relists on
/// <c>410 Gone</c>, backs off on errors. Objects are stored as <typeparamref name="TItem"/>:
/// the full object, or a lean projection keeping only the fields a caller needs.
/// </summary>
/// <typeparam name="TSource">The object model decoded from the API.</typeparam>
/// <typeparam name="TItem">What the cache keeps of each object.</typeparam>
public sealed class Informer<TSource, TItem> : IAsyncDisposable
    where TSource : KubernetesObject
    where TItem : class
{
    private readonly ResourceClient<TSource> _source;
    private readonly Func<TSource, TItem> _project;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, TItem> _items = [];
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringPool _namespaces = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private InformerHealth _health = new(false, false, null, null, null);

    /// <summary>Creates an informer; call <see cref="Start"/> after adding indexes and handlers.</summary>
    /// <param name="source">The resource to list and watch (namespaced or across all namespaces).</param>
    /// <param name="project">Turns a decoded object into what the cache keeps.</param>
    /// <param name="options">Selectors, page size, timeouts.</param>
    /// <param name="timeProvider">Clock for backoff delays and health times.</param>
    public Informer(ResourceClient<TSource> source, Func<TSource, TItem> project, InformerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _project = project ?? throw new ArgumentNullException(nameof(project));
        _options = options ?? new InformerOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>An object was added (also for each object of the first list).</summary>
    public event Action<TItem>? Added;

    /// <summary>An object changed: old and new (on a relist, every surviving object).</summary>
    public event Action<TItem, TItem>? Updated;

    /// <summary>An object was removed; its last known state.</summary>
    public event Action<TItem>? Deleted;

    /// <summary>Whether the first full list has been loaded.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>How current the cache is, for health reports.</summary>
    public InformerHealth Health => Volatile.Read(ref _health);

    /// <summary>How many objects are cached.</summary>
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

    /// <summary>Adds an index: <paramref name="indexer"/> gives the values an item is found under (e.g. its node name).</summary>
    /// <exception cref="InvalidOperationException">The informer is already started.</exception>
    public void AddIndex(string name, Func<TItem, IEnumerable<string>> indexer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexer);
        if (_loop is not null)
        {
            throw new InvalidOperationException($"add index \"{name}\" before starting the informer");
        }

        _indexes.Add(name, new Index(indexer));
    }

    /// <summary>Starts listing and watching in the background.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the informer is already started");
        }

        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Completes when the first full list is in the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>The cached item, or null.</summary>
    public TItem? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of every cached item.</summary>
    public IReadOnlyList<TItem> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>The items an index files under <paramref name="value"/>.</summary>
    /// <exception cref="KeyNotFoundException">No index of that name.</exception>
    public IReadOnlyList<TItem> ByIndex(string indexName, string value)
    {
        var index = _indexes.TryGetValue(indexName, out var i) ? i : throw new KeyNotFoundException($"the informer has no index \"{indexName}\"");
        lock (_lock)
        {
            if (!index.Keys.TryGetValue(value, out var keys))
            {
                return [];
            }

            var result = new List<TItem>(keys.Count);
            foreach (var key in keys)
            {
                result.Add(_items[key]);
            }

            return result;
        }
    }

    /// <summary>The values an index currently has items under.</summary>
    public IReadOnlyList<string> IndexValues(string indexName)
    {
        var index = _indexes.TryGetValue(indexName, out var i) ? i : throw new KeyNotFoundException($"the informer has no index \"{indexName}\"");
        lock (_lock)
        {
            return [.. index.Keys.Keys];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        string? version = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                version ??= await RelistAsync(stop);
                version = await WatchAsync(version, stop);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesApiException e) when (e.IsGone && version is not null)
            {
                // The version we resume from is older than the server keeps: list again now.
                version = null;
                Failed(e.Message, watching: false);
            }
            catch (Exception e) when (e is KubernetesApiException or KubernetesTransportException or System.Text.Json.JsonException or HttpRequestException or IOException)
            {
                failures++;
                Failed(e.Message, watching: false);
                await Task.Delay(Backoff(failures), _time, stop);
            }
        }
    }

    private async Task<string?> RelistAsync(CancellationToken stop)
    {
        var fresh = new Dictionary<ObjectKey, TItem>();
        string? version = null;
        await foreach (var page in _source.ListPagesAsync(Selectors(), _options.PageSize, stop))
        {
            version ??= page.Metadata.ResourceVersion;
            foreach (var obj in page.Items)
            {
                fresh[KeyOf(obj)] = _project(obj);
            }
        }

        List<(TItem? Old, TItem New)> changed = [];
        List<TItem> removed = [];
        lock (_lock)
        {
            foreach (var (key, item) in fresh)
            {
                changed.Add((_items.GetValueOrDefault(key), item));
            }

            foreach (var (key, item) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    removed.Add(item);
                }
            }

            _items.Clear();
            foreach (var index in _indexes.Values)
            {
                index.Keys.Clear();
            }

            foreach (var (key, item) in fresh)
            {
                _items[key] = item;
                foreach (var index in _indexes.Values)
                {
                    index.Add(key, item);
                }
            }
        }

        _synced.TrySetResult();
        Healthy(watching: false);
        foreach (var (old, item) in changed)
        {
            if (old is null)
            {
                Added?.Invoke(item);
            }
            else
            {
                Updated?.Invoke(old, item);
            }
        }

        foreach (var item in removed)
        {
            Deleted?.Invoke(item);
        }

        return version;
    }

    /// <summary>Watches from <paramref name="version"/> until the server ends the stream; returns the last version seen.</summary>
    private async Task<string?> WatchAsync(string? version, CancellationToken stop)
    {
        var timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble());
        var options = Selectors() with { ResourceVersion = version, TimeoutSeconds = (int)timeout.TotalSeconds, AllowWatchBookmarks = true };
        Healthy(watching: true);
        await foreach (var e in _source.WatchAsync(options, stop))
        {
            version = e.ResourceVersion ?? version;
            if (e.Type == WatchEventType.Bookmark || e.Object is null)
            {
                continue;
            }

            Apply(e.Type, e.Object);
            Healthy(watching: true);
        }

        return version;
    }

    private void Apply(WatchEventType type, TSource obj)
    {
        var key = KeyOf(obj);
        TItem? old;
        TItem? item = null;
        lock (_lock)
        {
            if (_items.Remove(key, out old))
            {
                foreach (var index in _indexes.Values)
                {
                    index.Remove(key, old);
                }
            }

            if (type != WatchEventType.Deleted)
            {
                item = _project(obj);
                _items[key] = item;
                foreach (var index in _indexes.Values)
                {
                    index.Add(key, item);
                }
            }
        }

        if (item is null)
        {
            if (old is not null)
            {
                Deleted?.Invoke(old);
            }
        }
        else if (old is null)
        {
            Added?.Invoke(item);
        }
        else
        {
            Updated?.Invoke(old, item);
        }
    }

    private ObjectKey KeyOf(TSource obj) =>
        new(_namespaces.Intern(obj.Metadata.Namespace) ?? "", obj.Metadata.Name ?? "");

    private ListOptions Selectors() => new() { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector };

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.InitialBackoff * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay > _options.MaxBackoff ? _options.MaxBackoff : delay;
    }

    private void Healthy(bool watching) =>
        Volatile.Write(ref _health, new InformerHealth(HasSynced, watching, _time.GetUtcNow(), null, null));

    private void Failed(string error, bool watching)
    {
        var previous = Health;
        Volatile.Write(ref _health, previous with
        {
            Watching = watching,
            Error = error,
            FailingSince = previous.FailingSince ?? _time.GetUtcNow(),
        });
    }

    /// <summary>One index: value → keys of the items filed under it.</summary>
    private sealed class Index(Func<TItem, IEnumerable<string>> indexer)
    {
        public Dictionary<string, HashSet<ObjectKey>> Keys { get; } = new(StringComparer.Ordinal);

        public void Add(ObjectKey key, TItem item)
        {
            foreach (var value in indexer(item))
            {
                if (!Keys.TryGetValue(value, out var set))
                {
                    Keys[value] = set = [];
                }

                set.Add(key);
            }
        }

        public void Remove(ObjectKey key, TItem item)
        {
            foreach (var value in indexer(item))
            {
                if (Keys.TryGetValue(value, out var set) && set.Remove(key) && set.Count == 0)
                {
                    Keys.Remove(value);
                }
            }
        }
    }
}
