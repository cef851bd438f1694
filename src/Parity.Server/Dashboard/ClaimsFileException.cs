namespace Parity.Server.Dashboard;

/// <summary>A claims file that does not load or check: answered with 400 and the loader's message (file, line, claim, field).</summary>
internal sealed class ClaimsFileException(string message) : Exception(message);
