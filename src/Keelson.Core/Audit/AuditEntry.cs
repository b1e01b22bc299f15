using System.Text.Json.Nodes;

namespace Keelson.Core.Audit;

/// <summary>What to record about one call; <see cref="AuditLog"/> adds the time, sequence and hashes.</summary>
/// <param name="Actor">Who, and from where.</param>
/// <param name="Action">What, as <c>noun.verb</c>: <c>cluster.add</c>, <c>user.disable</c>, <c>login</c>.</param>
/// <param name="Target">What it was done to, as <c>kind/name</c>: <c>cluster/prod-a</c>, <c>user/alice</c>; empty when nothing.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Details">
/// Anything else worth keeping (parameters, the reason of a denial). Must hold no secrets: values under
/// keys that name one (password, secret, token, credential, kubeconfig, ...) are replaced by
/// <c>[redacted]</c> as a safety net.
/// </param>
public sealed record AuditEntry(AuditActor Actor, string Action, string Target, AuditOutcome Outcome, JsonObject? Details = null);
