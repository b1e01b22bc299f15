using System.Diagnostics;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Bench;

/// <summary>
/// Decoding a list of 10,000 realistic pods (about 4 KB each) into Keelson's typed
/// <c>KubernetesList&lt;Pod&gt;</c>, as the client does with every list page, against parsing the
/// same bytes into a <see cref="JsonDocument"/> — the least any JSON consumer must do.
/// </summary>
internal sealed class DecodeBenchmark : IBenchmark
{
    /// <summary>Each side runs for at least this long; the best pass counts.</summary>
    private static readonly TimeSpan MinimumRun = TimeSpan.FromSeconds(3);

    public string Name => "decode";

    public string Description => "client: decode 10,000 realistic pods (~4 KB each) into typed Pods vs a JsonDocument parse";

    public Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = context.Scaled(10_000);
        var bytes = RealisticPods.List(0, count, "123456");
        Console.WriteLine($"  {count:N0} pods, {bytes.Length / 1e6:0.0} MB of JSON ({bytes.Length / count:N0} B each)");

        var check = KubernetesJson.Deserialize<KubernetesList<Pod>>(bytes);
        if (check.Items.Count != count || check.Items[^1].Status?.ContainerStatuses?.Count != 2)
        {
            throw new InvalidOperationException($"the pod list decoded to {check.Items.Count} pods; expected {count} with two containers each");
        }

        // Alternate the two so that a noisy neighbour on the machine slows both alike.
        var typed = TimeSpan.MaxValue;
        var document = TimeSpan.MaxValue;
        var typedAllocated = 0L;
        var typedRun = TimeSpan.Zero;
        var documentRun = TimeSpan.Zero;
        while (typedRun < MinimumRun || documentRun < MinimumRun)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var list = KubernetesJson.Deserialize<KubernetesList<Pod>>(bytes);
            var took = clock.Elapsed;
            typedAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            GC.KeepAlive(list);
            typed = took < typed ? took : typed;
            typedRun += took;

            clock.Restart();
            using (var parsed = JsonDocument.Parse(bytes))
            {
                GC.KeepAlive(parsed);
            }

            took = clock.Elapsed;
            document = took < document ? took : document;
            documentRun += took;
        }

        var mb = bytes.Length / 1e6;
        return Task.FromResult<IReadOnlyList<Measurement>>(
        [
            new($"decode {count:N0} pods into typed Pods: objects/s (reference: JsonDocument.Parse of the same bytes)", count / typed.TotalSeconds, "obj/s", Reference: count / document.TotalSeconds),
            new("decode throughput (reference: JsonDocument.Parse)", mb / typed.TotalSeconds, "MB/s", Reference: mb / document.TotalSeconds),
            new($"decode time for the list, best pass", typed.TotalMilliseconds, "ms", Reference: document.TotalMilliseconds),
            new("allocated per pod by the typed decode (reference: the pod's JSON)", (double)typedAllocated / count, "B", Reference: (double)bytes.Length / count),
        ]);
    }
}
