using System.Text;

namespace Justera.Documents.Reports;

/// <summary>Text made fit for XML 1.0, which Office files are written in.</summary>
internal static class XmlText
{
    /// <summary>
    /// Drops the characters XML 1.0 cannot carry (control characters other than tab, lone surrogates): text typed into a
    /// form or pasted from elsewhere can hold them, and one would make the whole file unreadable.
    /// </summary>
    public static string Safe(string text)
    {
        if (!NeedsCleaning(text))
            return text;
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (c == '\t' || (!char.IsControl(c) && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF'))
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c != '\t') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                return true;
        }

        return false;
    }
}
