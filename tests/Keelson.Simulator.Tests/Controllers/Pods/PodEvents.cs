using System.Collections.Concurrent;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Controllers.Pods;

/// <summary>Records the pod events of a namespace over a real watch, in the order the server sent them.</summary>
internal sealed class PodEvents : IAsyncDisposable
{
    private readonly ConcurrentQueue<(WatchEventType Type, Pod Pod)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private PodEvents(ResourceClient<Pod> pods, string resourceVersion) =>
        _watching = Task.Run(async () =>
        {
            await foreach (var e in pods.WatchAsync(new ListOptions { ResourceVersion = resourceVersion }, _stop.Token))
            {
                if (e.Type != WatchEventType.Bookmark)
                {
                    _events.Enqueue((e.Type, e.Object!));
                }
            }
        });

    /// <summary>Starts recording from now.</summary>
    public static async Task<PodEvents> StartAsync(ResourceClient<Pod> pods)
    {
        var list = await pods.ListAsync();
        return new PodEvents(pods, list.Metadata.ResourceVersion!);
    }

    /// <summary>The names of the pods of the events of <paramref name="type"/> so far, in order.</summary>
    public List<string> Names(WatchEventType type) => [.. _events.Where(e => e.Type == type).Select(e => e.Pod.Metadata.Name!)];

    /// <summary>The position of the first event (0 first) whose pod satisfies <paramref name="match"/>, or -1.</summary>
    public int IndexOf(Func<WatchEventType, Pod, bool> match) =>
        _events.Select((e, i) => (e, i)).FirstOrDefault(x => match(x.e.Type, x.e.Pod), (default, -1)).Item2;

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
