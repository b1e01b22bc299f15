using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Api;

/// <summary>
/// The opaque <c>continue</c> token of a paged list, shaped as kube-apiserver's: base64 of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name\u0000"}</c>.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long revision, ObjectKey last)
    {
        var start = (last.Namespace.Length == 0 ? last.Name : $"{last.Namespace}/{last.Name}") + "\0";
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = start }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    /// <exception cref="ApiException">400 for a token this server did not issue.</exception>
    public static (long Revision, ObjectKey After) Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var json = JsonNode.Parse(Convert.FromBase64String(padded))!.AsObject();
            var start = json["start"]!.GetValue<string>().TrimEnd('\0');
            var slash = start.IndexOf('/', StringComparison.Ordinal);
            var key = slash < 0 ? new ObjectKey("", start) : new ObjectKey(start[..slash], start[(slash + 1)..]);
            return (json["rv"]!.GetValue<long>(), key);
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"invalid continue token: {e.Message}; start the list again without continue");
        }
    }
}
