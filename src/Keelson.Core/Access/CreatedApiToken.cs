namespace Keelson.Core.Access;

/// <summary>A token just created, with the plaintext that is shown this once and never again.</summary>
/// <param name="Token">The stored token.</param>
/// <param name="Plaintext">The secret to give the CLI or automation: <c>kls_</c> and 43 base64url characters.</param>
public sealed record CreatedApiToken(ApiToken Token, string Plaintext);
