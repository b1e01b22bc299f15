using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// Reads the PEM material a kubeconfig points at. Every failure becomes a <see cref="KubeConfigException"/>
/// that starts with <c>where</c> (the entry and field) and says why and what to do.
/// </summary>
internal static class Pem
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>Decodes a <c>*-data</c> field: base64 of a PEM file.</summary>
    public static string DecodeBase64(string data, string where)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        catch (FormatException e)
        {
            throw new KubeConfigException(
                $"{where} is not valid base64; it must be the base64 of the PEM file, e.g. the output of base64 -w0 FILE",
                e);
        }
    }

    /// <summary>Reads a file a kubeconfig names.</summary>
    public static string ReadFile(string path, string where)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new KubeConfigException(
                $"{where} {path} cannot be read: {why} (fix the path; a relative path is relative to the kubeconfig file that sets it)",
                e);
        }
    }

    /// <summary>Reads every certificate of a PEM bundle (a CA file may hold several).</summary>
    public static X509Certificate2Collection ReadCertificates(string pem, string where)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{where} holds a certificate that cannot be parsed: {e.Message}", e);
        }

        if (certificates.Count == 0)
        {
            throw new KubeConfigException(
                $"{where} holds no PEM certificate (expected a -----BEGIN CERTIFICATE----- block)");
        }

        return certificates;
    }

    /// <summary>
    /// Pairs a client certificate with its private key: RSA or EC, in PKCS#1 (<c>RSA PRIVATE KEY</c>),
    /// SEC1 (<c>EC PRIVATE KEY</c>) or PKCS#8 (<c>PRIVATE KEY</c>) form, unencrypted.
    /// </summary>
    /// <param name="certificatePem">The certificate (the first one of the PEM is the client's).</param>
    /// <param name="keyPem">The private key.</param>
    /// <param name="where">The user entry, e.g. <c>user "alice" in FILE line 7</c>.</param>
    /// <param name="certificateField">The certificate's field, e.g. <c>client-certificate /path/alice.crt</c>.</param>
    /// <param name="keyField">The key's field, e.g. <c>client-key-data</c>.</param>
    public static X509Certificate2 ReadClientCertificate(string certificatePem, string keyPem, string where, string certificateField, string keyField)
    {
        using var certificate = ReadCertificates(certificatePem, $"{where}: {certificateField}")[0];
        if (keyPem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
            || keyPem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new KubeConfigException(
                $"{where}: {keyField} is encrypted; kubeconfig keys must be unencrypted (decrypt it with openssl pkey -in KEY -out KEY.plain)");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new KubeConfigException(
                $"{where}: {keyField} holds no PEM private key (expected -----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
        }

        var paired = certificate.GetKeyAlgorithm() switch
        {
            RsaOid => Pair(certificate, RSA.Create(), "RSA", keyPem, where, certificateField, keyField),
            EcOid => Pair(certificate, ECDsa.Create(), "EC", keyPem, where, certificateField, keyField),
            var oid => throw new KubeConfigException(
                $"{where}: {certificateField} has a public key of algorithm {oid}; Keelson supports RSA and EC client certificates"),
        };

        // A key imported from PEM is ephemeral, which Windows' TLS stack cannot use; a PKCS#12
        // round trip gives a certificate every platform can present.
        using (paired)
        {
            return X509CertificateLoader.LoadPkcs12(paired.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static X509Certificate2 Pair<TKey>(
        X509Certificate2 certificate, TKey key, string algorithm, string keyPem, string where, string certificateField, string keyField)
        where TKey : AsymmetricAlgorithm
    {
        using (key)
        {
            try
            {
                key.ImportFromPem(keyPem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new KubeConfigException(
                    $"{where}: {keyField} holds no {algorithm} private key that can be read, but {certificateField} has an {algorithm} public key; the key and certificate must be a pair",
                    e);
            }

            try
            {
                return key switch
                {
                    RSA rsa => certificate.CopyWithPrivateKey(rsa),
                    ECDsa ec => certificate.CopyWithPrivateKey(ec),
                    _ => throw new InvalidOperationException($"unexpected key type {typeof(TKey)}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new KubeConfigException(
                    $"{where}: {keyField} does not match {certificateField}; the key and certificate must be a pair (take both from the same credentials)",
                    e);
            }
        }
    }
}
