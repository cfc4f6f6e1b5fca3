namespace Justera.Documents.Protocols;

/// <summary>What inspecting an uploaded protocol found: the facts of a PDF that can be sent to the justerare, or why it is refused.</summary>
public abstract record ProtocolInspection
{
    // Only the two nested records below derive from this, so a switch over them is complete.
    private ProtocolInspection()
    {
    }

    /// <summary>The protocol can be sent to the justerare; these are the facts a justering round keeps about it.</summary>
    /// <param name="PageCount">The number of pages.</param>
    /// <param name="Sha256">The SHA-256 of the file's exact bytes, as lowercase hex.</param>
    /// <param name="LengthInBytes">The file's length.</param>
    /// <param name="PdfVersion">The PDF version the file declares, such as "1.7" (a catalog /Version above the header's wins).</param>
    /// <param name="HasSignatures">Whether a signature field of the file is already signed.</param>
    /// <param name="SuggestedFirstAttachmentNumber">One more than the highest "Bilaga N" in the text, else 1.</param>
    public sealed record Accepted(
        int PageCount,
        string Sha256,
        long LengthInBytes,
        string PdfVersion,
        bool HasSignatures,
        int SuggestedFirstAttachmentNumber) : ProtocolInspection;

    /// <summary>The file cannot be used; the message tells the secretary why, in Swedish.</summary>
    /// <param name="Problem">What is wrong with the file.</param>
    public sealed record Refused(ProtocolProblem Problem) : ProtocolInspection
    {
        /// <summary>Gets the Swedish message to show the secretary.</summary>
        public string Message => ProtocolInspector.MessageFor(Problem);
    }
}
