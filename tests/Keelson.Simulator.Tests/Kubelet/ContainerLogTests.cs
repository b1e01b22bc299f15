using System.Globalization;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Kubelet;

public sealed class ContainerLogTests
{
    private const string OneNode = """- {name: pool, count: 1, cpu: "8", memory: 16Gi}""";

    [Fact]
    public async Task Log_OfARunningContainer_HasStartUpLinesThenALinePerInterval()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("web"));
        await cluster.WaitForPodAsync("web", IsRunning, "Running");

        var text = await Eventually.Until(() => cluster.Pods().GetLogsAsync("web"), t => Lines(t).Length >= 6, "six log lines");

        var lines = Lines(text);
        Assert.StartsWith("level=info msg=\"starting nginx\" version=1.25 pod=default/web container=main", lines[0], StringComparison.Ordinal);
        Assert.Equal("level=info msg=\"listening\" addr=0.0.0.0:8080", lines[2]);
        Assert.All(lines[3..], l => Assert.Contains("msg=\"request completed\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Log_WithTailLinesAndTimestamps_ReturnsTheLastLinesStamped()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("web"));
        await cluster.WaitForPodAsync("web", IsRunning, "Running");
        await Eventually.Until(() => cluster.Pods().GetLogsAsync("web"), t => Lines(t).Length >= 5, "five log lines");

        var lines = Lines(await cluster.Pods().GetLogsAsync("web", new LogOptions { TailLines = 2, Timestamps = true }));

        Assert.Equal(2, lines.Length);
        Assert.All(lines, line =>
        {
            var stamp = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            Assert.EndsWith("Z", stamp, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, out _), stamp);
        });
        Assert.Empty(await cluster.Pods().GetLogsAsync("web", new LogOptions { TailLines = 0 }));
    }

    [Fact]
    public async Task Log_SinceSeconds_LeavesOutOlderLines()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "logInterval: 1h");
        await cluster.Pods().CreateAsync(Manifests.Pod("web"));
        await cluster.WaitForPodAsync("web", IsRunning, "Running");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(3, Lines(await cluster.Pods().GetLogsAsync("web")).Length);
        Assert.Empty(await cluster.Pods().GetLogsAsync("web", new LogOptions { SinceSeconds = 1 }));
    }

    [Fact]
    public async Task Log_OfAPodWithSeveralContainers_NeedsAContainerName()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("pair", configure: p =>
        {
            p.Spec!.Containers!.Add(new Container { Name = "sidecar", Image = "envoy:1.29" });
            p.Spec.InitContainers = [new Container { Name = "setup", Image = "busybox:1.36" }];
        }));
        await cluster.WaitForPodAsync("pair", IsRunning, "Running");

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Pods().GetLogsAsync("pair"));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("a container name must be specified for pod pair, choose one of: [main sidecar] or one of the init containers: [setup]", error.Status.Message);
        var wrong = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Pods().GetLogsAsync("pair", new LogOptions { Container = "nope" }));
        Assert.Equal("container nope is not valid for pod pair", wrong.Status.Message);
        Assert.StartsWith("level=info msg=\"starting envoy\"", await cluster.Pods().GetLogsAsync("pair", new LogOptions { Container = "sidecar" }), StringComparison.Ordinal);
        Assert.EndsWith("level=info msg=\"work complete\" items=", (await cluster.Pods().GetLogsAsync("pair", new LogOptions { Container = "setup" })).TrimEnd()[..^3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousLog_IsRefusedBeforeARestart_AndShowsTheCrashAfterOne()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("stable"));
        await cluster.Pods().CreateAsync(Manifests.Pod("crasher", image: "shop/api:crash"));
        await cluster.WaitForPodAsync("stable", IsRunning, "Running");

        var none = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Pods().GetLogsAsync("stable", new LogOptions { Previous = true }));
        Assert.Equal((400, "previous terminated container \"main\" in pod \"stable\" not found"), (none.StatusCode, none.Status.Message));

        await cluster.WaitForPodAsync("crasher", p => p.Status?.ContainerStatuses?[0].RestartCount >= 1, "a restart");
        var previous = Lines(await cluster.Pods().GetLogsAsync("crasher", new LogOptions { Previous = true }));
        Assert.Contains("panic: cannot reach database: dial tcp 10.96.0.42:5432: connect: connection refused", previous);
        Assert.Equal("goroutine 1 [running]:", previous[^5]);
        Assert.StartsWith("level=error", previous.Single(l => l.Contains("cannot reach database", StringComparison.Ordinal) && l.StartsWith("level", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_OfAContainerStillPulling_SaysItIsWaitingToStart()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode);
        await cluster.Pods().CreateAsync(Manifests.Pod("puller", image: "bad.example/x"));
        await cluster.WaitForPodAsync("puller", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff", "a failed pull");

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Pods().GetLogsAsync("puller"));

        Assert.Equal("container \"main\" in pod \"puller\" is waiting to start: trying and failing to pull image", error.Status.Message);
    }

    [Fact]
    public async Task FollowedLog_StreamsNewLinesAndEndsWhenTheContainerExits()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "jobRunTime: 2s, logInterval: 200ms");
        await cluster.Pods().CreateAsync(Manifests.Pod("job", image: "batch/report:3", configure: p => p.Spec!.RestartPolicy = "Never"));
        await cluster.WaitForPodAsync("job", IsRunning, "Running");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        await foreach (var line in cluster.Pods().FollowLogsAsync("job", cancellationToken: timeout.Token))
        {
            lines.Add(line);
        }

        Assert.False(timeout.IsCancellationRequested);
        Assert.StartsWith("level=info msg=\"starting report\"", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("level=info msg=\"processed batch\" batch=5 ", StringComparison.Ordinal));
        Assert.StartsWith("level=info msg=\"work complete\"", lines[^1], StringComparison.Ordinal);
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    private static bool IsRunning(Pod pod) => pod.Status?.Phase == "Running";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
