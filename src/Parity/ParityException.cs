namespace Parity;

/// <summary>
/// An error a user can act on: bad input, a missing file, an unknown model. The message names
/// the file, line and field where there is one, and is printed as it is, without a stack trace.
/// </summary>
public sealed class ParityException : Exception
{
    public ParityException(string message) : base(message) { }

    public ParityException(string message, Exception inner) : base(message, inner) { }

    public ParityException() { }
}
