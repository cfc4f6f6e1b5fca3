using Justera.Core.JusteringRounds;
using Justera.Documents.Protocols;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.Pages;

/// <summary>Reads an uploaded protocol from a form, refusing a missing, empty or oversized file before reading it.</summary>
public static class PdfUpload
{
    /// <summary>The file's name and bytes; empty bytes, and an error on <paramref name="field"/>, when it cannot be used.</summary>
    public static async Task<(string FileName, ReadOnlyMemory<byte> Pdf)> ReadAsync(
        IFormCollection form, string field, string missingMessage, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(field);
        var name = file?.FileName ?? "protokoll.pdf";
        if (file is null)
            errors.Add(new(field, missingMessage));
        else if (file.Length == 0)
            errors.Add(new(field, ProtocolInspector.MessageFor(ProtocolProblem.Empty)));
        else if (file.Length > ProtocolInspector.MaxBytes)
            errors.Add(new(field, ProtocolInspector.MessageFor(ProtocolProblem.TooLarge)));
        else
        {
            var bytes = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return (name, bytes);
        }
        return (name, ReadOnlyMemory<byte>.Empty);
    }
}
