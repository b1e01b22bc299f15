namespace Keelson.Core.Flows.Engine;

/// <summary>
/// The worker pool's admission: grants workers to ready tasks within three limits (tasks running on
/// this replica, per flow, per cluster). Higher priorities go first; within a priority the flows take
/// turns, so one flow with thousands of ready tasks cannot starve another; within a flow, first come
/// first served. A task that a flow or cluster limit holds back does not block the tasks behind it.
/// </summary>
internal sealed class FlowScheduler(int globalLimit, int clusterLimit)
{
    private readonly Lock _lock = new();

    // Priorities, highest first; each with its flows in turn order and each flow's queue.
    private readonly SortedDictionary<int, LinkedList<FlowQueue>> _levels = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly Dictionary<(int, string), FlowQueue> _queues = [];
    private readonly Dictionary<string, int> _runningByFlow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _runningByCluster = new(StringComparer.Ordinal);
    private int _running;

    /// <summary>Tasks holding a worker now.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Queues a request; it is granted (perhaps at once) when the limits allow.</summary>
    public void Enqueue(SlotRequest request)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue((request.Priority, request.Flow), out var queue))
            {
                queue = new FlowQueue(request.Priority, request.Flow);
                _queues[(request.Priority, request.Flow)] = queue;
                if (!_levels.TryGetValue(request.Priority, out var ring))
                {
                    ring = new LinkedList<FlowQueue>();
                    _levels[request.Priority] = ring;
                }

                // A flow that has not had a turn goes before those that have.
                queue.Node = ring.AddFirst(queue);
            }

            queue.Requests.AddLast(request);
            Dispatch();
        }
    }

    /// <summary>Withdraws a request not yet granted; a granted one must be <see cref="Release"/>d instead.</summary>
    /// <returns>True when it was withdrawn; false when it had been granted already.</returns>
    public bool Withdraw(SlotRequest request)
    {
        lock (_lock)
        {
            if (request.IsGranted)
            {
                return false;
            }

            if (_queues.TryGetValue((request.Priority, request.Flow), out var queue))
            {
                queue.Requests.Remove(request);
                RemoveIfEmpty(queue);
            }

            request.Withdraw();
            return true;
        }
    }

    /// <summary>Gives a granted worker back and grants it to the next request.</summary>
    public void Release(SlotRequest request)
    {
        lock (_lock)
        {
            _running--;
            Decrement(_runningByFlow, request.Flow);
            if (request.Cluster is { } cluster)
            {
                Decrement(_runningByCluster, cluster);
            }

            Dispatch();
        }
    }

    private void Dispatch()
    {
        foreach (var (priority, ring) in _levels.ToList())
        {
            // Visit the flows in turn, granting one request per flow per round, until a full round grants nothing.
            var grantedInRound = true;
            while (grantedInRound && _running < globalLimit && ring.Count > 0)
            {
                grantedInRound = false;
                var count = ring.Count;
                for (var i = 0; i < count && _running < globalLimit && ring.First is { } first; i++)
                {
                    var queue = first.Value;
                    ring.RemoveFirst();
                    var granted = TryGrantOne(queue);
                    grantedInRound |= granted;
                    if (queue.Requests.Count > 0)
                    {
                        queue.Node = ring.AddLast(queue);
                    }
                    else
                    {
                        _queues.Remove((queue.Priority, queue.Flow));
                    }
                }
            }

            if (ring.Count == 0)
            {
                _levels.Remove(priority);
            }

            if (_running >= globalLimit)
            {
                return;
            }
        }
    }

    private bool TryGrantOne(FlowQueue queue)
    {
        var first = queue.Requests.First;
        if (first is null || _runningByFlow.GetValueOrDefault(queue.Flow) >= first.Value.FlowLimit)
        {
            return false;
        }

        for (var node = first; node is not null; node = node.Next)
        {
            var request = node.Value;
            if (request.Cluster is { } cluster && _runningByCluster.GetValueOrDefault(cluster) >= clusterLimit)
            {
                continue;
            }

            queue.Requests.Remove(node);
            if (!request.TryGrant())
            {
                continue; // withdrawn meanwhile
            }

            _running++;
            _runningByFlow[queue.Flow] = _runningByFlow.GetValueOrDefault(queue.Flow) + 1;
            if (request.Cluster is { } c)
            {
                _runningByCluster[c] = _runningByCluster.GetValueOrDefault(c) + 1;
            }

            return true;
        }

        return false;
    }

    private void RemoveIfEmpty(FlowQueue queue)
    {
        if (queue.Requests.Count > 0 || queue.Node is null)
        {
            return;
        }

        var ring = queue.Node.List!;
        ring.Remove(queue.Node);
        _queues.Remove((queue.Priority, queue.Flow));
        if (ring.Count == 0)
        {
            _levels.Remove(queue.Priority);
        }
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var n) && n > 1)
        {
            counts[key] = n - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }

    private sealed class FlowQueue(int priority, string flow)
    {
        public int Priority { get; } = priority;

        public string Flow { get; } = flow;

        public LinkedList<SlotRequest> Requests { get; } = new();

        public LinkedListNode<FlowQueue>? Node { get; set; }
    }
}
