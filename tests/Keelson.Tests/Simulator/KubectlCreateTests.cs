using System.Text.Json.Nodes;

namespace Keelson.Tests.Simulator;

/// <summary>
/// kubectl 1.33's <c>kubectl create</c> generators against a running <c>keelson sim</c>: they send protobuf bodies
/// (<c>application/vnd.kubernetes.protobuf</c>), and what they create must read back as on a real cluster.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class KubectlCreateTests(SimulatorProcess sim)
{
    [Fact]
    public async Task CreateNamespace_IsActiveWithTheKubernetesFinalizer()
    {
        Ok(await Run("create", "namespace", "pb-namespace"), "namespace/pb-namespace created");

        var ns = await GetJsonAsync("get", "namespace", "pb-namespace");

        Assert.Equal("pb-namespace", (string?)ns["metadata"]!["name"]);
        Assert.Equal("""["kubernetes"]""", ns["spec"]!["finalizers"]!.ToJsonString());
        Assert.Equal("Active", (string?)ns["status"]!["phase"]);
    }

    [Fact]
    public async Task CreateConfigMapFromLiteral_KeepsEveryKey()
    {
        var ns = await NamespaceAsync("pb-configmap");

        Ok(await Run("-n", ns, "create", "configmap", "settings", "--from-literal=mode=fast", "--from-literal=level=3"), "configmap/settings created");

        var configMap = await GetJsonAsync("-n", ns, "get", "configmap", "settings");
        Assert.Equal("""{"level":"3","mode":"fast"}""", configMap["data"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateSecretGeneric_StoresTheValuesInBase64()
    {
        var ns = await NamespaceAsync("pb-secret");

        Ok(await Run("-n", ns, "create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cr3t"), "secret/creds created");

        var secret = await GetJsonAsync("-n", ns, "get", "secret", "creds");
        Assert.Equal("""{"password":"czNjcjN0","user":"YWRtaW4="}""", secret["data"]!.ToJsonString());
        Assert.Equal("Opaque", (string?)secret["type"]);
    }

    [Fact]
    public async Task CreateDeployment_WithImageReplicasAndPort_KeepsThemAndAnExplicitZero()
    {
        var ns = await NamespaceAsync("pb-deployment");

        // --replicas=0 travels as a set pointer: were it lost, defaulting would make it 1.
        Ok(await Run("-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=0", "--port=80"), "deployment.apps/web created");

        var deployment = await GetJsonAsync("-n", ns, "get", "deployment", "web");
        var spec = deployment["spec"]!;
        var container = spec["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(0, (int?)spec["replicas"]);
        Assert.Equal("""{"app":"web"}""", spec["selector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal("""{"app":"web"}""", spec["template"]!["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("nginx", (string?)container["name"]);
        Assert.Equal("nginx:1.25", (string?)container["image"]);
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"}]""", container["ports"]!.ToJsonString());
        Assert.Equal("RollingUpdate", (string?)spec["strategy"]!["type"]);
    }

    [Fact]
    public async Task CreateServiceClusterIp_WithTcpPorts_GetsAnAddressAndThePorts()
    {
        var ns = await NamespaceAsync("pb-service");

        Ok(await Run("-n", ns, "create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443:8443"), "service/web created");

        var spec = (await GetJsonAsync("-n", ns, "get", "service", "web"))["spec"]!;
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", (string?)spec["clusterIP"]);
        Assert.Equal("""{"app":"web"}""", spec["selector"]!.ToJsonString());
        Assert.Equal(
            """[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080},{"name":"443-8443","port":443,"protocol":"TCP","targetPort":8443}]""",
            spec["ports"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateJob_WithACommand_RunsItOnceWithoutRestarts()
    {
        var ns = await NamespaceAsync("pb-job");

        Ok(await Run("-n", ns, "create", "job", "once", "--image=busybox:1.36", "--", "echo", "hello"), "job.batch/once created");

        var podSpec = (await GetJsonAsync("-n", ns, "get", "job", "once"))["spec"]!["template"]!["spec"]!;
        var container = podSpec["containers"]![0]!;
        Assert.Equal("once", (string?)container["name"]);
        Assert.Equal("busybox:1.36", (string?)container["image"]);
        Assert.Equal("""["echo","hello"]""", container["command"]!.ToJsonString());
        Assert.Equal("Never", (string?)podSpec["restartPolicy"]);
    }

    [Fact]
    public async Task CreateServiceAccount_ReadsBack()
    {
        var ns = await NamespaceAsync("pb-serviceaccount");

        Ok(await Run("-n", ns, "create", "serviceaccount", "builder"), "serviceaccount/builder created");

        var account = await GetJsonAsync("-n", ns, "get", "serviceaccount", "builder");
        Assert.Equal("builder", (string?)account["metadata"]!["name"]);
        Assert.Equal(ns, (string?)account["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task CreatePodDisruptionBudget_KeepsAnIntegerAndAPercentage()
    {
        var ns = await NamespaceAsync("pb-pdb");

        Ok(await Run("-n", ns, "create", "poddisruptionbudget", "web", "--selector=app=web", "--min-available=1"), "poddisruptionbudget.policy/web created");
        Ok(await Run("-n", ns, "create", "poddisruptionbudget", "front", "--selector=app=web,tier=front", "--max-unavailable=50%"), "poddisruptionbudget.policy/front created");

        var byCount = (await GetJsonAsync("-n", ns, "get", "poddisruptionbudget", "web"))["spec"]!;
        var byPercentage = (await GetJsonAsync("-n", ns, "get", "poddisruptionbudget", "front"))["spec"]!;
        Assert.Equal("""{"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}""", byCount.ToJsonString());
        Assert.Equal("""{"maxUnavailable":"50%","selector":{"matchLabels":{"app":"web","tier":"front"}}}""", byPercentage.ToJsonString());
    }

    private Task<CommandResult> Run(params string[] args) => Kubectl.RunAsync(Kubectl.Newest, sim.Kubeconfig, args);

    private async Task<JsonNode> GetJsonAsync(params string[] args)
    {
        var result = await Run([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!;
    }

    private async Task<string> NamespaceAsync(string name)
    {
        Ok(await Run("create", "namespace", name), $"namespace/{name} created");
        return name;
    }

    private static void Ok(CommandResult result, string expected)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Stdout.Trim());
    }
}
