using System.Security.Cryptography.X509Certificates;
using Justera.Application;
using Justera.Application.SignedProtocols;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>Where the seal certificate comes from, and every way it can be unusable: each says why in Swedish.</summary>
public sealed class SealCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 8, 30, 0, TimeSpan.Zero);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "justera-tests", $"certificates-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider clock = new(Now);

    public SealCertificatesTests() => Directory.CreateDirectory(folder);

    [Fact]
    public void GivenDevelopmentAndADataFolder_WhenFirstUsed_ThenASelfSignedRsa3072CertificateIsMadeAndKeptForTheNextInstance()
    {
        using var first = Certificates(dataFolder: folder);

        var certificate = first.Current();

        Assert.Equal("CN=Justera utvecklingscertifikat", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(3072, certificate.GetRSAPublicKey()!.KeySize);
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 729, 731);
        Assert.True(File.Exists(Path.Combine(folder, "certificates", "sigill-utveckling.pfx")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "certificates", "sigill-utveckling.pfx")));
        using var second = Certificates(dataFolder: folder);
        Assert.Equal(certificate.Thumbprint, second.Current().Thumbprint);
    }

    [Fact]
    public void GivenDevelopmentWithoutADataFolder_WhenUsed_ThenTheCertificateIsKeptInMemoryOnly()
    {
        using var certificates = Certificates();

        Assert.True(certificates.Current().HasPrivateKey);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void GivenProductionWithoutAPfx_WhenUsed_ThenRefusedWithASwedishMessage()
    {
        using var certificates = Certificates(environment: Environments.Production);

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.StartsWith("Inget förseglingscertifikat är inställt.", refused.Message, StringComparison.Ordinal);
        Assert.Null(certificates.Peek());
    }

    [Fact]
    public void GivenProductionWithTheDevelopmentCertificateSwitchedOn_WhenUsed_ThenOneIsMade()
    {
        using var certificates = Certificates(environment: Environments.Production, development: true);

        Assert.Equal("CN=Justera utvecklingscertifikat", certificates.Current().Subject);
    }

    [Fact]
    public void GivenAPfxPathThatDoesNotExist_WhenUsed_ThenRefusedNamingTheFile()
    {
        using var certificates = Certificates(pfx: Path.Combine(folder, "saknas.pfx"));

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.Equal("Förseglingscertifikatet finns inte: filen saknas.pfx saknas. Kontrollera inställningen Sealing:PfxPath.", refused.Message);
    }

    [Fact]
    public void GivenTheWrongPassword_WhenUsed_ThenRefused()
    {
        using var certificates = Certificates(pfx: Pfx(SealCertificates.CreateDevelopment(Now.AddDays(-1)), "rätt"), password: "fel");

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.StartsWith("Förseglingscertifikatet kunde inte läsas.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnExpiredCertificate_WhenUsed_ThenRefusedSayingWhenItExpired()
    {
        using var certificates = Certificates(pfx: Pfx(SealCertificates.CreateDevelopment(Now.AddYears(-2), "CN=Exempelby", TimeSpan.FromDays(365)), "x"), password: "x");

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.StartsWith("Förseglingscertifikatet gick ut 2025-12-0", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(certificates.Peek());
    }

    [Fact]
    public void GivenACertificateNotYetValid_WhenUsed_ThenRefused()
    {
        using var certificates = Certificates(pfx: Pfx(SealCertificates.CreateDevelopment(Now.AddDays(3)), "x"), password: "x");

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.StartsWith("Förseglingscertifikatet gäller först från 2026-12-1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACertificateWithoutItsPrivateKey_WhenUsed_ThenRefused()
    {
        using var withKey = SealCertificates.CreateDevelopment(Now.AddDays(-1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        var path = Path.Combine(folder, "utan-nyckel.pfx");
        File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, "x"));
        using var certificates = Certificates(pfx: path, password: "x");

        var refused = Assert.Throws<SealCertificateException>(() => certificates.Current());

        Assert.StartsWith("Förseglingscertifikatet saknar sin privata nyckel", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAValidPfx_WhenUsed_ThenItIsTheCertificate()
    {
        var made = SealCertificates.CreateDevelopment(Now.AddDays(-1), "CN=Exempelby stadsdelsförvaltning");
        var thumbprint = made.Thumbprint;
        using var certificates = Certificates(pfx: Pfx(made, "x"), password: "x");

        Assert.Equal(thumbprint, certificates.Current().Thumbprint);
        Assert.Equal("CN=Exempelby stadsdelsförvaltning", certificates.Current().Subject);
    }

    private string Pfx(X509Certificate2 certificate, string password)
    {
        using (certificate)
        {
            var path = Path.Combine(folder, $"{Guid.NewGuid():N}.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
            return path;
        }
    }

    private SealCertificates Certificates(string? pfx = null, string? password = null, string? dataFolder = null, string environment = "Development", bool development = false) =>
        new(
            Options.Create(new SealingOptions { PfxPath = pfx, PfxPassword = password, DevelopmentCertificate = development }),
            Options.Create(new JusteraOptions { DataFolder = dataFolder }),
            new Environment(environment),
            clock);

    public void Dispose() => TempFolders.DeleteQuietly(folder);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Justera.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
