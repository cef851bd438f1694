namespace Parity.Server.Dashboard;

/// <summary>A query-string parameter the dashboard cannot use: answered with 400 and the parameter's name, never a stack trace.</summary>
internal sealed class BadQueryException(string parameter, string message) : Exception(message)
{
    /// <summary>The parameter at fault.</summary>
    public string Parameter { get; } = parameter;
}
