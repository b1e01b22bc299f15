using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keelson.Core.Protection;

/// <summary>
/// The certificate that encrypts the Data Protection key ring, kept outside the database
/// (a file readable by its owner only), so that a database backup alone cannot decrypt the
/// cluster credentials stored in it. Several replicas share the file.
/// </summary>
public static class KeyEncryptionCertificate
{
    /// <summary>Loads the certificate (PKCS#12, no password) from <paramref name="path"/>, creating it on first use.</summary>
    /// <exception cref="CryptographicException">The file exists but is not a certificate with its private key.</exception>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
            return existing.HasPrivateKey
                ? existing
                : throw new CryptographicException($"{path} holds no private key; it cannot decrypt Keelson's key ring (restore the original file)");
        }

        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=keelson-key-ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        var bytes = created.Export(X509ContentType.Pkcs12);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(bytes);
        }

        return X509CertificateLoader.LoadPkcs12(bytes, null, X509KeyStorageFlags.Exportable);
    }
}
