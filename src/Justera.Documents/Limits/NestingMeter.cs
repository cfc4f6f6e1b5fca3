namespace Justera.Documents.Limits;

/// <summary>Measures how deeply arrays and dictionaries nest in PDF syntax fed to it in chunks (decoded content streams arrive that way).</summary>
/// <remarks>Strings and comments are skipped, so a bracket in text never counts. Too many closings are forgiven: readers skip them too.</remarks>
internal sealed class NestingMeter(PdfBudget budget)
{
    private State state;
    private int depth;
    private int stringDepth;
    private bool pendingAngle;
    private bool pendingClose;

    private enum State
    {
        Syntax,
        Comment,
        LiteralString,
        LiteralEscape,
        HexString,
    }

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            switch (state)
            {
                case State.Comment:
                    if (b is (byte)'\r' or (byte)'\n')
                        state = State.Syntax;
                    continue;
                case State.LiteralEscape:
                    state = State.LiteralString;
                    continue;
                case State.LiteralString:
                    if (b == '\\')
                        state = State.LiteralEscape;
                    else if (b == '(')
                        stringDepth++;
                    else if (b == ')' && --stringDepth == 0)
                        state = State.Syntax;
                    continue;
                case State.HexString:
                    if (b == '>')
                        state = State.Syntax;
                    continue;
            }

            if (pendingAngle)
            {
                pendingAngle = false;
                if (b == '<')
                {
                    Open();
                    continue;
                }

                // A single "<" opened a hex string, and this byte is its first.
                state = b == '>' ? State.Syntax : State.HexString;
                continue;
            }

            if (pendingClose)
            {
                pendingClose = false;
                if (b == '>')
                {
                    Close();
                    continue;
                }
            }

            switch (b)
            {
                case (byte)'%':
                    state = State.Comment;
                    break;
                case (byte)'(':
                    state = State.LiteralString;
                    stringDepth = 1;
                    break;
                case (byte)'<':
                    pendingAngle = true;
                    break;
                case (byte)'>':
                    pendingClose = true;
                    break;
                case (byte)'[':
                    Open();
                    break;
                case (byte)']':
                    Close();
                    break;
            }
        }
    }

    private void Open() => budget.CheckDepth(++depth);

    private void Close() => depth = Math.Max(0, depth - 1);
}
