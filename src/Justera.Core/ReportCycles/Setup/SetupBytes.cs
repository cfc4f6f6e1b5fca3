namespace Justera.Core.ReportCycles.Setup;

/// <summary>Reads an upload into memory without trusting its size.</summary>
internal static class SetupBytes
{
    /// <summary>The stream's bytes, or null when it holds more than <paramref name="maxBytes"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                    return null;
                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
                break;
            length += read;
        }
        if (length > maxBytes)
            return null;
        Array.Resize(ref buffer, length);
        return buffer;
    }
}
