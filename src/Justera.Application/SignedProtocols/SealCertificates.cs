using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Justera.Core.Swedish;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Justera.Application.SignedProtocols;

/// <summary>Where the administration's seal certificate comes from; bound from the "Sealing" configuration section.</summary>
public sealed class SealingOptions
{
    /// <summary>A PKCS#12 (.pfx) file holding the seal certificate and its private key.</summary>
    public string? PfxPath { get; set; }

    /// <summary>The PFX file's password.</summary>
    public string? PfxPassword { get; set; }

    /// <summary>Without a PFX, make a self-signed development certificate; always allowed in the Development environment.</summary>
    public bool DevelopmentCertificate { get; set; }
}

/// <summary>The seal certificate cannot be used; the message says why in Swedish, and the round page shows it.</summary>
public sealed class SealCertificateException : Exception
{
    public SealCertificateException()
    {
    }

    public SealCertificateException(string message)
        : base(message)
    {
    }

    public SealCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The administration's seal certificate: the configured PFX, or locally a self-signed development certificate made
/// on first use and kept under the data folder (git-ignored, never committed; in memory without a data folder).
/// Every use checks that the certificate is valid now and has its private key, so nothing is sealed with one that is not.
/// </summary>
public sealed class SealCertificates(IOptions<SealingOptions> sealing, IOptions<JusteraOptions> justera, IHostEnvironment environment, TimeProvider time)
    : IDisposable
{
    /// <summary>The subject of the development certificate; no administration's name, so nobody mistakes it for a real seal.</summary>
    public const string DevelopmentSubject = "CN=Justera utvecklingscertifikat";

    private const string DevelopmentFileName = "sigill-utveckling.pfx";
    private readonly SealingOptions _options = sealing.Value;
    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;

    /// <summary>The certificate to seal with now; throws <see cref="SealCertificateException"/> when it is missing, not valid now or has no private key.</summary>
    public X509Certificate2 Current()
    {
        var certificate = Load();
        var now = time.GetUtcNow();
        if (!certificate.HasPrivateKey)
            throw new SealCertificateException("Förseglingscertifikatet saknar sin privata nyckel och kan inte användas för att försegla. Installera certifikatet som en PFX-fil med nyckeln.");
        if (now > certificate.NotAfter)
            throw new SealCertificateException($"Förseglingscertifikatet gick ut {SwedishFormat.Time(certificate.NotAfter)}. Ett nytt certifikat behöver installeras innan protokollet kan förseglas.");
        if (now < certificate.NotBefore)
            throw new SealCertificateException($"Förseglingscertifikatet gäller först från {SwedishFormat.Time(certificate.NotBefore)}. Kontrollera certifikatet och datorns klocka.");
        return certificate;
    }

    /// <summary>The certificate whatever its validity, for telling our seals from others' on the verification page; null when there is none.</summary>
    public X509Certificate2? Peek()
    {
        try
        {
            return Load();
        }
        catch (SealCertificateException)
        {
            return null;
        }
    }

    private bool DevelopmentAllowed => _options.DevelopmentCertificate || environment.IsDevelopment();

    private X509Certificate2 Load()
    {
        lock (_gate)
        {
            // A development certificate that has run out is simply made again; a configured one is the operator's to renew.
            if (_certificate is { } cached && !(IsDevelopment(cached) && time.GetUtcNow() > cached.NotAfter))
                return cached;
            _certificate?.Dispose();
            _certificate = null;
            _certificate = string.IsNullOrWhiteSpace(_options.PfxPath)
                ? DevelopmentAllowed
                    ? LoadOrCreateDevelopment()
                    : throw new SealCertificateException("Inget förseglingscertifikat är inställt. Den som ansvarar för Justera behöver ange certifikatet (Sealing:PfxPath och Sealing:PfxPassword).")
                : LoadPfx(_options.PfxPath, _options.PfxPassword);
            return _certificate;
        }
    }

    private static X509Certificate2 LoadPfx(string path, string? password)
    {
        if (!File.Exists(path))
            throw new SealCertificateException($"Förseglingscertifikatet finns inte: filen {Path.GetFileName(path)} saknas. Kontrollera inställningen Sealing:PfxPath.");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new SealCertificateException("Förseglingscertifikatet kunde inte läsas. Kontrollera PFX-filen och dess lösenord (Sealing:PfxPassword).", e);
        }
    }

    private X509Certificate2 LoadOrCreateDevelopment()
    {
        var folder = string.IsNullOrWhiteSpace(justera.Value.DataFolder) ? null : Path.Combine(justera.Value.DataFolder, "certificates");
        var path = folder is null ? null : Path.Combine(folder, DevelopmentFileName);
        if (path is not null && File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (time.GetUtcNow() <= existing.NotAfter && existing.HasPrivateKey)
                return existing;
            existing.Dispose();
            File.Delete(path);
        }

        var created = CreateDevelopment(time.GetUtcNow());
        if (path is null)
            return created;
        Directory.CreateDirectory(folder!);
        var temporary = Path.Combine(folder!, $"{DevelopmentFileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options))
            file.Write(created.Export(X509ContentType.Pkcs12));
        try
        {
            File.Move(temporary, path);
        }
        catch (IOException)
        {
            // Another instance made one at the same moment: use theirs, so every instance seals with the same certificate.
            File.Delete(temporary);
            created.Dispose();
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }
        return created;
    }

    /// <summary>A self-signed RSA-3072 certificate for a seal, valid for two years from <paramref name="now"/>.</summary>
    public static X509Certificate2 CreateDevelopment(DateTimeOffset now, string subject = DevelopmentSubject, TimeSpan? validity = null)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var notBefore = now.AddMinutes(-5);
        return request.CreateSelfSigned(notBefore, notBefore + (validity ?? TimeSpan.FromDays(730)));
    }

    private static bool IsDevelopment(X509Certificate2 certificate) =>
        certificate.Subject == DevelopmentSubject && certificate.Issuer == DevelopmentSubject;

    public void Dispose()
    {
        lock (_gate)
        {
            _certificate?.Dispose();
            _certificate = null;
        }
    }
}
