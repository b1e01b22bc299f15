namespace Keelson.Simulator.Schema;

/// <summary>One OpenAPI document, serialized once and ready to serve.</summary>
/// <param name="Json">The document as compact UTF-8 JSON.</param>
/// <param name="Hash">
/// Upper-case hex SHA-512 of <see cref="Json"/>, as kube-apiserver computes it: the <c>hash</c> query parameter in the
/// v3 root's links and the ETag. kubectl caches documents by it, so a request carrying the current hash may be
/// answered with <c>Cache-Control: public, immutable</c>.
/// </param>
public sealed record OpenApiDocument(ReadOnlyMemory<byte> Json, string Hash);
