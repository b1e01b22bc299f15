using Keelson.Core.Flows.Engine;

namespace Keelson.Core.Tests.Flows;

/// <summary>Who gets a worker: priorities first, flows in turn, and the global, per-flow and per-cluster limits.</summary>
public sealed class FlowSchedulerTests
{
    [Fact]
    public void Grants_FlowsTakeTurnsSoABigFlowDoesNotStarveASmallOne()
    {
        var scheduler = new FlowScheduler(globalLimit: 1, clusterLimit: 10);
        var requests = Enumerable.Range(0, 4).Select(i => (Name: $"big-{i}", Request: new SlotRequest(0, "big", 100, null)))
            .Append(("small-0", new SlotRequest(0, "small", 100, null))).ToList();

        var order = GrantOrder(scheduler, requests);

        Assert.Equal(["big-0", "small-0", "big-1", "big-2", "big-3"], order);
    }

    [Fact]
    public void Grants_HigherPriorityFirst()
    {
        var scheduler = new FlowScheduler(globalLimit: 1, clusterLimit: 10);
        List<(string, SlotRequest)> requests =
        [
            ("routine-0", new SlotRequest(0, "routine", 100, null)),
            ("routine-1", new SlotRequest(0, "routine", 100, null)),
            ("urgent-0", new SlotRequest(10, "urgent", 100, null)),
        ];

        var order = GrantOrder(scheduler, requests);

        Assert.Equal(["routine-0", "urgent-0", "routine-1"], order);
    }

    [Fact]
    public void Grants_AFullClusterHoldsBackOnlyItsOwnTasks()
    {
        var scheduler = new FlowScheduler(globalLimit: 10, clusterLimit: 1);
        var a0 = new SlotRequest(0, "flow", 100, "a");
        var a1 = new SlotRequest(0, "flow", 100, "a");
        var b0 = new SlotRequest(0, "flow", 100, "b");

        scheduler.Enqueue(a0);
        scheduler.Enqueue(a1);
        scheduler.Enqueue(b0);

        Assert.Equal((true, false, true), (a0.IsGranted, a1.IsGranted, b0.IsGranted));
        scheduler.Release(a0);
        Assert.True(a1.IsGranted);
    }

    [Fact]
    public void Grants_NoMoreThanTheFlowsLimit()
    {
        var scheduler = new FlowScheduler(globalLimit: 10, clusterLimit: 10);
        var requests = Enumerable.Range(0, 3).Select(_ => new SlotRequest(0, "flow", 2, null)).ToList();

        requests.ForEach(scheduler.Enqueue);
        var running = scheduler.Running;
        scheduler.Release(requests[0]);

        Assert.Equal(2, running);
        Assert.True(requests[2].IsGranted);
    }

    [Fact]
    public void Withdraw_AQueuedRequestIsNeverGranted()
    {
        var scheduler = new FlowScheduler(globalLimit: 1, clusterLimit: 10);
        var first = new SlotRequest(0, "flow", 100, null);
        var second = new SlotRequest(0, "flow", 100, null);
        scheduler.Enqueue(first);
        scheduler.Enqueue(second);

        Assert.True(scheduler.Withdraw(second));
        scheduler.Release(first);

        Assert.False(second.IsGranted);
        Assert.True(second.Granted.IsCanceled);
        Assert.Equal(0, scheduler.Running);
    }

    /// <summary>Queues every request, then releases each granted one in turn, returning the order of the grants.</summary>
    private static List<string> GrantOrder(FlowScheduler scheduler, List<(string Name, SlotRequest Request)> requests)
    {
        foreach (var (_, request) in requests)
        {
            scheduler.Enqueue(request);
        }

        var order = new List<string>();
        while (requests.FirstOrDefault(r => r.Request.IsGranted && !order.Contains(r.Name)) is { Name: not null } next)
        {
            order.Add(next.Name);
            scheduler.Release(next.Request);
        }

        return order;
    }
}
