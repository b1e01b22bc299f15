using System.Buffers.Text;
using System.Text.Json;

namespace Keelson.Core.Fleet;

/// <summary>
/// The opaque <c>continue</c> token of fleet lists: the list's name, and the cluster and sort key of
/// the last item returned. The next page starts after that item, so items added or removed meanwhile
/// neither repeat nor shift the pages (the lists are live, not a snapshot).
/// </summary>
internal static class ContinueToken
{
    public static string Encode(string list, string cluster, string key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { list, cluster, key }));

    /// <exception cref="FleetQueryException">The token was not issued for this list.</exception>
    public static (string Cluster, string Key) Decode(string list, string token)
    {
        string[]? parts = null;
        try
        {
            parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Reported below with the rest.
        }

        return parts is [var name, var cluster, var key] && name == list
            ? (cluster, key)
            : throw new FleetQueryException("continue", $"the continue token is not one this server issued for {list}; start again without continue");
    }
}
