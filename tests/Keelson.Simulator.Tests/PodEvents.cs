using System.Collections.Concurrent;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests;

/// <summary>
/// Records the pods of a namespace as a user's watch sees them — the list, then every event in the order the
/// server sent it — so a test can check what held at every step (an ordering, an availability floor)
/// instead of hoping to sample the right moment.
/// </summary>
internal sealed class PodEvents : IAsyncDisposable
{
    private readonly IReadOnlyList<Pod> _initial;
    private readonly ConcurrentQueue<(WatchEventType Type, Pod Pod)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private PodEvents(ResourceClient<Pod> pods, KubernetesList<Pod> list)
    {
        _initial = list.Items;
        _watching = Task.Run(async () =>
        {
            await foreach (var e in pods.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }, _stop.Token))
            {
                if (e.Type != WatchEventType.Bookmark)
                {
                    _events.Enqueue((e.Type, e.Object!));
                }
            }
        });
    }

    /// <summary>Starts recording from now.</summary>
    public static async Task<PodEvents> StartAsync(ResourceClient<Pod> pods) => new(pods, await pods.ListAsync());

    /// <summary>The names of the pods of the events of <paramref name="type"/> so far, in order.</summary>
    public List<string> Names(WatchEventType type) => [.. _events.Where(e => e.Type == type).Select(e => e.Pod.Metadata.Name!)];

    /// <summary>The position of the first event (0 first) whose pod satisfies <paramref name="match"/>, or -1.</summary>
    public int IndexOf(Func<WatchEventType, Pod, bool> match) =>
        _events.Select((e, i) => (e, i)).FirstOrDefault(x => match(x.e.Type, x.e.Pod), (default, -1)).Item2;

    /// <summary>The namespace's pods by name as the watch described them: at the start, then after each event.</summary>
    public IEnumerable<IReadOnlyDictionary<string, Pod>> States()
    {
        var pods = _initial.ToDictionary(p => p.Metadata.Name!, StringComparer.Ordinal);
        yield return pods;
        foreach (var (type, pod) in _events)
        {
            pods = new Dictionary<string, Pod>(pods, StringComparer.Ordinal);
            if (type == WatchEventType.Deleted)
            {
                pods.Remove(pod.Metadata.Name!);
            }
            else
            {
                pods[pod.Metadata.Name!] = pod;
            }

            yield return pods;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }
}
