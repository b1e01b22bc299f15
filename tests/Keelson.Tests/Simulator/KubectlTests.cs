using System.Text.RegularExpressions;

namespace Keelson.Tests.Simulator;

/// <summary>
/// Real kubectl (the newest and oldest preinstalled, and Debian's 1.20) against a running
/// <c>keelson sim</c>: what it prints must be what it prints against a real cluster.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class KubectlTests(SimulatorProcess sim)
{
    public static TheoryData<string> Versions => [Kubectl.Newest, Kubectl.Oldest, Kubectl.Debian];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetNodes_PrintsTheColumnsOfARealCluster(string version)
    {
        var result = await Run(version, "--context", "alpha", "get", "nodes");

        var lines = Lines(result);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$", lines[0]);
        Assert.Matches(@"^alpha-general-0000\s+Ready\s+<none>\s+\d+[smhd]\S*\s+v1\.30\.4$", lines[1]);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetNodesWide_AddsAddressesAndTheOsImage(string version)
    {
        var result = await Run(version, "--context", "beta", "get", "nodes", "-o", "wide");

        var lines = Lines(result);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$", lines[0]);
        Assert.Matches(@"^beta-general-0001\s+Ready\s+<none>\s+\S+\s+v1\.27\.4\s+10\.1\.0\.11\s+<none>\s+Debian GNU/Linux 12 \(bookworm\)\s+6\.1\.0-21-cloud-amd64\s+containerd://1\.7\.13$", lines[2]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task CreateNamespace_LabelSelectorAllNamespacesAndFieldSelector_ListWhatMatches(string version)
    {
        var ns = Namespace(version, "select");
        Ok(await Run(version, "create", "namespace", ns), $"namespace/{ns} created");
        Ok(await Run(version, "-n", ns, "create", "configmap", "red", "--from-literal=a=1"), "configmap/red created");
        Ok(await Run(version, "-n", ns, "create", "configmap", "blue", "--from-literal=a=1", "--from-literal=b=2"), "configmap/blue created");
        Ok(await Run(version, "-n", ns, "label", "configmap", "red", "color=red"), "configmap/red labeled");

        var byLabel = Lines(await Run(version, "-n", ns, "get", "configmaps", "-l", "color=red"));
        var everywhere = await Run(version, "get", "configmaps", "-A", "--field-selector", $"metadata.namespace={ns}");
        var byName = Lines(await Run(version, "-n", ns, "get", "configmaps", "--field-selector", "metadata.name=blue"));

        Assert.Matches(@"^NAME\s+DATA\s+AGE$", byLabel[0]);
        Assert.Matches(@"^red\s+1\s+\S+$", Assert.Single(byLabel.Skip(1)));
        Assert.Matches(@"^NAMESPACE\s+NAME\s+DATA\s+AGE$", Lines(everywhere)[0]);
        Assert.Equal(2, Lines(everywhere).Length - 1);
        Assert.Matches(@"^blue\s+2\s+\S+$", Assert.Single(byName.Skip(1)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetYaml_ShowsTheObjectAsARealClusterStoresIt(string version)
    {
        var ns = await NamespaceAsync(version, "yaml");
        Ok(await Run(version, "-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=0"), "deployment.apps/web created");

        var yaml = (await Run(version, "-n", ns, "get", "deployment", "web", "-o", "yaml")).Stdout;

        Assert.Contains("  progressDeadlineSeconds: 600\n  replicas: 0\n  revisionHistoryLimit: 10\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n", yaml, StringComparison.Ordinal);
        Assert.Contains("        imagePullPolicy: IfNotPresent\n        name: nginx\n        resources: {}\n        terminationMessagePath: /dev/termination-log\n", yaml, StringComparison.Ordinal);
        Assert.Matches(@"  generation: 1\n", yaml);
        Assert.Matches(@"  uid: [0-9a-f]{8}-[0-9a-f]{4}-", yaml);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ApplyTwiceWithAnEdit_ConfiguresOnlyWhatChanged_AndDiffShowsIt(string version)
    {
        var ns = await NamespaceAsync(version, "apply");
        var manifest = Path.Combine(Path.GetTempPath(), $"{ns}.yaml");
        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 0, mode: "fast"));
        var validate = version == Kubectl.Debian ? new[] { "--validate=false" } : [];

        Ok(await Run(version, ["apply", "-f", manifest, .. validate]), $"configmap/settings created\ndeployment.apps/web created");
        Ok(await Run(version, ["apply", "-f", manifest, .. validate]), $"configmap/settings unchanged\ndeployment.apps/web unchanged");
        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 0, mode: "slow"));
        var diff = await Run(version, "diff", "-f", manifest);
        Ok(await Run(version, ["apply", "-f", manifest, .. validate]), $"configmap/settings configured\ndeployment.apps/web unchanged");

        Assert.Equal(1, diff.ExitCode); // kubectl diff exits 1 when there are differences
        Assert.Contains("-  mode: fast\n+  mode: slow", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"slow\"", (await Run(version, "-n", ns, "get", "configmap", "settings", "-o", "json")).Stdout.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Kubectl.Newest)]
    [InlineData(Kubectl.Oldest)]
    public async Task Apply_OfAnUnknownField_IsRefusedByServerSideValidation(string version)
    {
        var ns = await NamespaceAsync(version, "strict");
        var manifest = Path.Combine(Path.GetTempPath(), $"{ns}.yaml");
        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 0, mode: "fast").Replace("      containers:", "      containerz: []\n      containers:", StringComparison.Ordinal));

        var result = await Run(version, "apply", "-f", manifest);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.template.spec.containerz\"", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Kubectl.Newest)]
    [InlineData(Kubectl.Oldest)]
    public async Task ServerSideApply_AppliesAndReportsConflictsWithOtherManagers(string version)
    {
        var ns = await NamespaceAsync(version, "ssa");
        var manifest = Path.Combine(Path.GetTempPath(), $"{ns}.yaml");
        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 0, mode: "fast"));

        Ok(await Run(version, "apply", "--server-side", "-f", manifest), "configmap/settings serverside-applied\ndeployment.apps/web serverside-applied");
        Ok(await Run(version, "-n", ns, "scale", "deployment", "web", "--replicas=0"), "deployment.apps/web scaled");
        Ok(await Run(version, "-n", ns, "patch", "configmap", "settings", "--type=merge", "-p", "{\"data\":{\"mode\":\"manual\"}}"), "configmap/settings patched");
        var conflict = await Run(version, "apply", "--server-side", "-f", manifest);
        var forced = await Run(version, "apply", "--server-side", "--force-conflicts", "-f", manifest);

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using v1: .data.mode", conflict.Stderr, StringComparison.Ordinal);
        Ok(forced, "configmap/settings serverside-applied\ndeployment.apps/web serverside-applied");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task LabelAnnotateAndScale_ChangeTheObject(string version)
    {
        var ns = await NamespaceAsync(version, "edit");
        Ok(await Run(version, "-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=0"), "deployment.apps/web created");

        Ok(await Run(version, "-n", ns, "label", "deployment", "web", "tier=front"), "deployment.apps/web labeled");
        // kubectl 1.27 prints "annotate" here, against any server (a kubectl bug fixed in 1.28).
        Ok(await Run(version, "-n", ns, "annotate", "deployment", "web", "owner=shop-team"), version == Kubectl.Oldest ? "deployment.apps/web annotate" : "deployment.apps/web annotated");
        Ok(await Run(version, "-n", ns, "scale", "deployment", "web", "--replicas=0"), "deployment.apps/web scaled");
        var shown = await Run(version, "-n", ns, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels.tier} {.metadata.annotations.owner} {.spec.replicas}");

        Assert.Equal("front shop-team 0", shown.Stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Delete_WithAndWithoutWait_RemovesTheObject(string version)
    {
        var ns = await NamespaceAsync(version, "delete");
        Ok(await Run(version, "-n", ns, "create", "configmap", "a"), "configmap/a created");
        Ok(await Run(version, "-n", ns, "create", "configmap", "b"), "configmap/b created");

        Ok(await Run(version, "-n", ns, "delete", "configmap", "a"), "configmap \"a\" deleted");
        Ok(await Run(version, "-n", ns, "delete", "configmap", "b", "--wait=false"), "configmap \"b\" deleted");
        var left = await Run(version, "-n", ns, "get", "configmaps", "a");

        Assert.Equal(1, left.ExitCode);
        Assert.Contains("Error from server (NotFound): configmaps \"a\" not found", left.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetWatch_PrintsAChangeAsItHappens(string version)
    {
        var ns = await NamespaceAsync(version, "watch");
        Ok(await Run(version, "-n", ns, "create", "configmap", "first"), "configmap/first created");
        await using var watch = RunningProcess.Start(Kubectl.PathOf(version), ["-n", ns, "get", "configmaps", "-w"], new Dictionary<string, string> { ["KUBECONFIG"] = sim.Kubeconfig });
        await watch.WaitForLineAsync(l => l.StartsWith("first", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Ok(await Run(version, "-n", ns, "create", "configmap", "second", "--from-literal=x=1"), "configmap/second created");

        var line = await watch.WaitForLineAsync(l => l.StartsWith("second", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Matches(@"^second\s+1\s+\S+$", line);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task CordonAndUncordon_MarkTheNodeUnschedulableAndBack(string version)
    {
        var node = version switch { Kubectl.Newest => "beta-general-0000", Kubectl.Oldest => "beta-general-0001", _ => "alpha-general-0002" };
        var context = node.StartsWith("beta", StringComparison.Ordinal) ? "beta" : "alpha";

        Ok(await Run(version, "--context", context, "cordon", node), $"node/{node} cordoned");
        var cordoned = Lines(await Run(version, "--context", context, "get", "node", node));
        Ok(await Run(version, "--context", context, "uncordon", node), $"node/{node} uncordoned");
        var back = Lines(await Run(version, "--context", context, "get", "node", node));

        Assert.Matches($@"^{node}\s+Ready,SchedulingDisabled\s+", cordoned[1]);
        Assert.Matches($@"^{node}\s+Ready\s+", back[1]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task DescribeNode_ShowsItsConditionsCapacityAndPods(string version)
    {
        var description = await Run(version, "--context", "alpha", "describe", "node", "alpha-general-0000");

        Assert.Equal(0, description.ExitCode);
        Assert.Matches(@"Name:\s+alpha-general-0000", description.Stdout);
        Assert.Matches(@"Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status", description.Stdout);
        Assert.Matches(@"Capacity:\n\s+cpu:\s+8\n", description.Stdout);
        Assert.Contains("Non-terminated Pods:", description.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task AccessWithoutTheClustersToken_IsRefused(string version)
    {
        var anonymous = Path.Combine(Path.GetTempPath(), $"anonymous-{version}.kubeconfig");
        await File.WriteAllTextAsync(anonymous, TokenLine().Replace(await File.ReadAllTextAsync(sim.Kubeconfig), "    token: not-the-token"));

        var result = await Kubectl.RunAsync(version, anonymous, "--context", "alpha", "get", "namespaces");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: You must be logged in to the server (Unauthorized)", result.Stderr, StringComparison.Ordinal);
    }

    private Task<CommandResult> Run(string version, params string[] args) => Kubectl.RunAsync(version, sim.Kubeconfig, args);

    private async Task<string> NamespaceAsync(string version, string purpose)
    {
        var ns = Namespace(version, purpose);
        Ok(await Run(version, "create", "namespace", ns), $"namespace/{ns} created");
        return ns;
    }

    private static string Namespace(string version, string purpose) => $"{purpose}-{version.Replace(".", "", StringComparison.Ordinal)}";

    private static void Ok(CommandResult result, string expected)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Stdout.Trim());
    }

    private static string[] Lines(CommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.TrimEnd('\n').Split('\n');
    }

    private static string Manifest(string ns, int replicas, string mode) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {ns}
        data:
          mode: {mode}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels: {"{"}app: web{"}"}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: web{"}"}
          template:
            metadata:
              labels: {"{"}app: web{"}"}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - containerPort: 80
        """;

    [GeneratedRegex(@"    token: \S+")]
    private static partial Regex TokenLine();
}
