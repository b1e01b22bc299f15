using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Keelson.Simulator.Controllers.History;

/// <summary>
/// The hashes kube-controller-manager names ControllerRevisions and labels pods with: 32-bit FNV
/// hashes written as decimal and mapped onto apimachinery's "safe" alphabet (no vowels, no
/// look-alike digits), so names never spell words.
/// </summary>
public static class RevisionHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>
    /// <c>history.HashControllerRevision</c> (StatefulSets): FNV-1 over the revision's data, then
    /// the collision count as decimal text when there is one.
    /// </summary>
    public static string OfRevisionData(ReadOnlySpan<byte> data, int? collisionCount)
    {
        var hash = FnvOffset;
        hash = Fnv1(hash, data);
        if (collisionCount is { } probe)
        {
            hash = Fnv1(hash, Encoding.ASCII.GetBytes(probe.ToString(CultureInfo.InvariantCulture)));
        }

        return SafeEncode(hash);
    }

    /// <summary>
    /// <c>controller.ComputeHash</c> (DaemonSets, like Deployments): FNV-1a over the pod template,
    /// then the collision count as four little-endian bytes when there is one. kube hashes the Go
    /// struct; the simulator hashes the template's canonical JSON, which changes exactly when it does.
    /// </summary>
    public static string OfTemplate(ReadOnlySpan<byte> canonicalTemplate, int? collisionCount)
    {
        var hash = Fnv1a(FnvOffset, canonicalTemplate);
        if (collisionCount is { } probe)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, probe);
            hash = Fnv1a(hash, bytes);
        }

        return SafeEncode(hash);
    }

    /// <summary>apimachinery's <c>rand.SafeEncodeString</c> of the hash's decimal text.</summary>
    public static string SafeEncode(uint hash)
    {
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Create(digits.Length, digits, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = SafeAlphabet[text[i] % SafeAlphabet.Length];
            }
        });
    }

    private static uint Fnv1(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash *= FnvPrime;
            hash ^= b;
        }

        return hash;
    }

    private static uint Fnv1a(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }
}
