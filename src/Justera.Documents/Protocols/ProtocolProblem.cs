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

    /// <summary>The file contains JavaScript (script actions, scripted renditions, rich media commands).</summary>
    Script,

    /// <summary>The file contains a launch action, which starts a program.</summary>
    LaunchAction,

    /// <summary>The file carries embedded files.</summary>
    EmbeddedFile,

    /// <summary>The file contains a submit-form action, which sends data to an address outside the document.</summary>
    SubmitsData,

    /// <summary>The file contains an import-data action, which reads data from another file.</summary>
    ImportsData,

    /// <summary>The file contains an action that opens another file (GoToR, GoToE, or an article thread in another file).</summary>
    OpensOtherFile,

    /// <summary>The file contains an action that runs by itself (on opening, or as an additional action) and reaches outside the document, such as a web address.</summary>
    AutomaticExternalAction,

    /// <summary>The file is certified (it has a DocMDP certification signature), whatever changes the certification allows.</summary>
    Certified,

    /// <summary>The file's compressed parts decode to more than <see cref="Limits.PdfLimits"/> allows.</summary>
    DecodesTooLarge,

    /// <summary>The file holds more objects than <see cref="Limits.PdfLimits"/> allows.</summary>
    TooManyObjects,

    /// <summary>The file's arrays or dictionaries nest deeper than <see cref="Limits.PdfLimits"/> allows.</summary>
    NestedTooDeeply,

    /// <summary>The file's pages hold more content than <see cref="Limits.PdfLimits"/> allows (a shared content stream counts once per page).</summary>
    PageContentTooLarge,

    /// <summary>Checking the file took longer than <see cref="Limits.PdfLimits"/> allows.</summary>
    TookTooLong,
}
