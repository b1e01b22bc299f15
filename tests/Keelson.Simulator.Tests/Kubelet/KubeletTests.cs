using System.Text.RegularExpressions;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Kubelet;

public sealed partial class KubeletTests
{
    private const string OneNode = """- {name: pool, count: 1, cpu: "8", memory: 16Gi}""";

    [Fact]
    public async Task Pod_OnANode_RunsAndBecomesReadyWithTheStatusAKubeletReports()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("web-1"));

        var pod = await cluster.WaitForPodAsync("web-1", IsReady, "Ready");

        var status = pod.Status!;
        Assert.Equal("Running", status.Phase);
        Assert.Equal(
            ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
            status.Conditions!.Select(c => c.Type!).ToArray());
        Assert.All(status.Conditions!, c => Assert.Equal("True", c.Status));
        var node = await cluster.Nodes.GetAsync("c1-pool-0000");
        Assert.Equal(node.Status!.Addresses!.Single(a => a.Type == "InternalIP").Address, status.HostIP);
        Assert.Equal(status.HostIP, Assert.Single(status.HostIPs!).IP);
        Assert.StartsWith(node.Spec!.PodCidr![..^4], status.PodIP, StringComparison.Ordinal);
        Assert.Equal(status.PodIP, Assert.Single(status.PodIPs!).IP);
        Assert.NotNull(status.StartTime);
        var container = Assert.Single(status.ContainerStatuses!);
        Assert.Equal(("main", true, true, 0), (container.Name, container.Ready, container.Started, container.RestartCount));
        Assert.NotNull(container.State!.Running?.StartedAt);
        Assert.Equal("docker.io/library/nginx:1.25", container.Image);
        Assert.Matches("^docker.io/library/nginx@sha256:[0-9a-f]{64}$", container.ImageID);
        Assert.Matches("^containerd://[0-9a-f]{64}$", container.ContainerID);

        var events = await Eventually.Until(() => cluster.EventsAsync("web-1"), e => e.Count >= 5, "five events");
        Assert.Equal(["Scheduled", "Pulling", "Pulled", "Created", "Started"], events.Select(e => e.Reason!).ToArray());
        Assert.Equal("Pulling image \"nginx:1.25\"", events[1].Message);
        Assert.Matches(PulledMessage(), events[2].Message);
        Assert.Equal("Created container main", events[3].Message);
        Assert.Equal("Started container main", events[4].Message);
        Assert.All(events.Skip(1), e => Assert.Equal(("kubelet", "c1-pool-0000", "spec.containers{main}"), (e.Source!.Component, e.Source.Host, e.InvolvedObject!.FieldPath)));
    }

    [Fact]
    public async Task SecondPodWithTheSameImage_FindsItAlreadyOnTheNode()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("first"));
        await cluster.WaitForPodAsync("first", IsReady, "Ready");

        await cluster.Pods().CreateAsync(Manifests.Pod("second"));

        var pulled = await cluster.WaitForEventAsync("second", "Pulled");
        Assert.Equal("Container image \"nginx:1.25\" already present on machine", pulled.Message);
        var first = await cluster.Pods().GetAsync("first");
        var second = await cluster.WaitForPodAsync("second", IsReady, "Ready");
        Assert.NotEqual(first.Status!.PodIP, second.Status!.PodIP);
    }

    [Fact]
    public async Task ReadinessProbe_KeepsTheContainerUnreadyForItsInitialDelay()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("probed", configure: p =>
            p.Spec!.Containers![0].ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = 8080 }, InitialDelaySeconds = 2 }));

        var pod = await cluster.WaitForPodAsync("probed", IsReady, "Ready");

        var started = pod.Status!.ContainerStatuses![0].State!.Running!.StartedAt!.Value;
        var ready = pod.Status.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime!.Value;
        Assert.Equal(TimeSpan.FromSeconds(2), ready - started);
    }

    [Fact]
    public async Task CrashingImage_CrashLoopsWithBackOffAndGrowingRestartCount()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("crasher", image: "shop/api:crash"));

        var pod = await cluster.WaitForPodAsync("crasher", p =>
            p.Status?.ContainerStatuses?.FirstOrDefault() is { RestartCount: >= 2, State.Waiting.Reason: "CrashLoopBackOff" }, "CrashLoopBackOff after two restarts");

        var container = pod.Status!.ContainerStatuses![0];
        Assert.Matches($"^back-off [0-9.]+m?s restarting failed container=main pod=crasher_default\\({pod.Metadata.Uid}\\)$", container.State!.Waiting!.Message);
        Assert.Equal((1, "Error"), (container.LastState!.Terminated!.ExitCode, container.LastState.Terminated.Reason));
        Assert.False(container.Ready);
        Assert.Equal("Running", pod.Status.Phase);
        var backOff = await cluster.WaitForEventAsync("crasher", "BackOff");
        Assert.Equal($"Back-off restarting failed container main in pod crasher_default({pod.Metadata.Uid})", backOff.Message);
        Assert.Equal("Warning", backOff.Type);
        await cluster.WaitForPodAsync("crasher", p => p.Status?.ContainerStatuses?[0].RestartCount >= 4, "a fourth restart");
    }

    [Fact]
    public async Task CrashingImageWithAReadinessProbe_IsReportedUnhealthy()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "crashAfter: 2s");
        await cluster.Pods().CreateAsync(Manifests.Pod("sick", image: "shop/api:crash", configure: p =>
            p.Spec!.Containers![0].ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/ready", Port = 8080 }, InitialDelaySeconds = 1 }));

        var unhealthy = await cluster.WaitForEventAsync("sick", "Unhealthy");

        var pod = await cluster.Pods().GetAsync("sick");
        var ip = pod.Status!.PodIP;
        Assert.Equal($"Readiness probe failed: Get \"http://{ip}:8080/ready\": dial tcp {ip}:8080: connect: connection refused", unhealthy.Message);
        Assert.Equal("Warning", unhealthy.Type);
        Assert.False(pod.Status.ContainerStatuses![0].Ready);
    }

    [Fact]
    public async Task UnknownRegistry_GoesFromErrImagePullToImagePullBackOff()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("puller", image: "bad.example/x"));

        var pod = await cluster.WaitForPodAsync("puller", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff");

        Assert.Equal("Back-off pulling image \"bad.example/x\"", pod.Status!.ContainerStatuses![0].State!.Waiting!.Message);
        Assert.Equal("Pending", pod.Status.Phase);
        var events = await cluster.EventsAsync("puller");
        Assert.Contains(events, e => e.Reason == "Failed" && e.Message!.StartsWith(
            "Failed to pull image \"bad.example/x\": failed to pull and unpack image \"bad.example/x:latest\"", StringComparison.Ordinal) &&
            e.Message.EndsWith("lookup bad.example: no such host", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "Failed" && e.Message == "Error: ErrImagePull");
        Assert.Contains(events, e => e.Reason == "BackOff" && e.Message == "Back-off pulling image \"bad.example/x\"");
        Assert.Contains(events, e => e.Reason == "Failed" && e.Message == "Error: ImagePullBackOff");
    }

    [Fact]
    public async Task OomImage_IsOomKilledAndRestarted()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("hungry", image: "shop/api:oom"));

        var pod = await cluster.WaitForPodAsync("hungry", p => p.Status?.ContainerStatuses?[0].RestartCount >= 1 && p.Status.ContainerStatuses[0].LastState?.Terminated is not null, "an OOM kill");

        var last = pod.Status!.ContainerStatuses![0].LastState!.Terminated!;
        Assert.Equal((137, "OOMKilled"), (last.ExitCode, last.Reason));
    }

    [Fact]
    public async Task LeakingContainer_IsOomKilledWhenItsMemoryPassesTheLimit()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, workloads: """
            - {name: leaky, usage: {memory: 100Mi, leakPerHour: 2000Gi, noise: 0}}
            """);
        await cluster.Pods().CreateAsync(Manifests.Pod("leaky-1", image: "shop/leaky:1.0", configure: p =>
        {
            p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "leaky" };
            p.Spec!.Containers![0].Resources!.Limits = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("200Mi") };
        }));

        var pod = await cluster.WaitForPodAsync("leaky-1", p => p.Status?.ContainerStatuses?[0].LastState?.Terminated is not null, "an OOM kill");

        var last = pod.Status!.ContainerStatuses![0].LastState!.Terminated!;
        Assert.Equal((137, "OOMKilled"), (last.ExitCode, last.Reason));
        // 100Mi to grow at 2000Gi an hour: about 0.18 s.
        Assert.InRange(last.FinishedAt!.Value - last.StartedAt!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("Never", "worker:1.0", "Succeeded", 0, "Completed")]
    [InlineData("OnFailure", "worker:1.0", "Succeeded", 0, "Completed")]
    [InlineData("Never", "worker:crash", "Failed", 1, "Error")]
    public async Task RunToCompletionPod_EndsInTheExpectedPhase(string restartPolicy, string image, string phase, int exitCode, string reason)
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("job-1", image: image, configure: p => p.Spec!.RestartPolicy = restartPolicy));

        var pod = await cluster.WaitForPodAsync("job-1", p => p.Status?.Phase is "Succeeded" or "Failed", "a terminal phase");

        Assert.Equal(phase, pod.Status!.Phase);
        var terminated = pod.Status.ContainerStatuses![0].State!.Terminated!;
        Assert.Equal((exitCode, reason), (terminated.ExitCode, terminated.Reason));
        Assert.Equal(0, pod.Status.ContainerStatuses[0].RestartCount);
        var ready = pod.Status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal(phase == "Succeeded" ? "PodCompleted" : "ContainersNotReady", ready.Reason);
    }

    [Fact]
    public async Task InitContainers_RunToCompletionBeforeTheMainContainerStarts()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("with-init", configure: p =>
            p.Spec!.InitContainers = [new Container { Name = "migrate", Image = "shop/migrate:2.1" }]));

        var pod = await cluster.WaitForPodAsync("with-init", IsReady, "Ready");

        var init = Assert.Single(pod.Status!.InitContainerStatuses!);
        Assert.Equal((0, "Completed"), (init.State!.Terminated!.ExitCode, init.State.Terminated.Reason));
        Assert.True(init.State.Terminated.FinishedAt <= pod.Status.ContainerStatuses![0].State!.Running!.StartedAt);
        var events = await Eventually.Until(() => cluster.EventsAsync("with-init"), e => e.Count(x => x.Reason == "Started") == 2, "both starts");
        Assert.Equal(
            ["spec.initContainers{migrate}", "spec.containers{main}"],
            events.Where(e => e.Reason == "Started").Select(e => e.InvolvedObject!.FieldPath!).ToArray());
    }

    [Fact]
    public async Task SlowImage_IsStillCreatingWhileAnOrdinaryPodRuns()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "slowStart: 1h");
        await cluster.Pods().CreateAsync(Manifests.Pod("slow", image: "shop/api:slow"));
        await cluster.Pods().CreateAsync(Manifests.Pod("quick"));

        await cluster.WaitForPodAsync("quick", IsReady, "Ready");

        var slow = await cluster.WaitForPodAsync("slow", p => p.Status?.ContainerStatuses is not null, "a container status");
        Assert.Equal("ContainerCreating", slow.Status!.ContainerStatuses![0].State!.Waiting?.Reason);
        Assert.Equal("Pending", slow.Status.Phase);
    }

    [Fact]
    public async Task DeletedPod_GetsKillingThenATerminalStatusAndIsRemoved()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("doomed"));
        var running = await cluster.WaitForPodAsync("doomed", IsReady, "Ready");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<WatchEvent<Pod>>();
        var watching = Task.Run(async () =>
        {
            var options = new ListOptions { FieldSelector = "metadata.name=doomed", ResourceVersion = running.Metadata.ResourceVersion };
            await foreach (var e in cluster.Pods().WatchAsync(options, stop.Token))
            {
                seen.Add(e);
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await cluster.Pods().DeleteAsync("doomed");
        await watching;

        Assert.NotNull(seen[0].Object!.Metadata.DeletionTimestamp);
        var final = seen.Last(e => e.Type == WatchEventType.Modified).Object!;
        Assert.Equal("Succeeded", final.Status!.Phase);
        Assert.Equal((0, "Completed"), (final.Status.ContainerStatuses![0].State!.Terminated!.ExitCode, final.Status.ContainerStatuses[0].State!.Terminated!.Reason));
        var killing = await cluster.WaitForEventAsync("doomed", "Killing");
        Assert.Equal("Stopping container main", killing.Message);
    }

    [Fact]
    public async Task DeletedPod_WithAShortGracePeriod_IsKilledHard()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "termination: 1h");
        await cluster.Pods().CreateAsync(Manifests.Pod("stubborn", configure: p => p.Spec!.TerminationGracePeriodSeconds = 1));
        var running = await cluster.WaitForPodAsync("stubborn", IsReady, "Ready");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Pod? final = null;
        var watching = Task.Run(async () =>
        {
            await foreach (var e in cluster.Pods().WatchAsync(new ListOptions { FieldSelector = "metadata.name=stubborn", ResourceVersion = running.Metadata.ResourceVersion }, stop.Token))
            {
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }

                final = e.Object;
            }
        });
        await cluster.Pods().DeleteAsync("stubborn");
        await watching;

        Assert.Equal("Failed", final!.Status!.Phase);
        Assert.Equal((137, "Error"), (final.Status.ContainerStatuses![0].State!.Terminated!.ExitCode, final.Status.ContainerStatuses[0].State!.Terminated!.Reason));
    }

    private static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    [GeneratedRegex(@"^Successfully pulled image ""nginx:1\.25"" in [0-9.]+m?s \([0-9.]+m?s including waiting\)\. Image size: [0-9]+ bytes\.$")]
    private static partial Regex PulledMessage();
}
