namespace Justera.Documents.Protocols;

/// <summary>Why an uploaded protocol file cannot be sent to the justerare.</summary>
public enum ProtocolProblem
{
    /// <summary>The file has no bytes at all.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="ProtocolInspector.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The file is not a PDF, for example a Word document.</summary>
    NotPdf,

    /// <summary>The file claims to be a PDF but cannot be read as one, for example because the upload was cut short.</summary>
    Corrupt,

    /// <summary>The file is password-protected or encrypted.</summary>
    Encrypted,

    /// <summary>The file contains JavaScript, launch actions or embedded files.</summary>
    ActiveContent,

    /// <summary>The file is certified so that no changes are allowed, so the justering pages cannot be appended.</summary>
    CertifiedNoChanges,
}
