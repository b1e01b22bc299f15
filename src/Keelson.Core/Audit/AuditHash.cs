using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Keelson.Core.Audit;

/// <summary>
/// The hash that chains audit records. Its input is the UTF-8 text
/// <c>keelson-audit-v1</c> followed, each on its own line, by: sequence, time (Unix milliseconds),
/// actor, source IP, action, target, outcome (<c>success|denied|failed</c>), details and the previous
/// hash. Every text field is written as <c>&lt;UTF-8 byte length&gt;:&lt;text&gt;</c> and a missing one as
/// <c>-</c>, so no two different records serialize alike. Anyone can re-check the chain from a
/// database dump with this description.
/// </summary>
internal static class AuditHash
{
    /// <summary>The previous hash of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(long sequence, long timeMilliseconds, string actor, string? sourceIp, string action, string target, string outcome, string? details, string previousHash)
    {
        var text = new StringBuilder("keelson-audit-v1\n");
        text.Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(timeMilliseconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var field in new[] { actor, sourceIp, action, target, outcome, details, previousHash })
        {
            if (field is null)
            {
                text.Append('-');
            }
            else
            {
                text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
