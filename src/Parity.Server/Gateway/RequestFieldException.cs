namespace Parity.Server.Gateway;

/// <summary>
/// A request field the gateway refuses, found while the body is scanned: answered with a 400 in the
/// OpenAI shape, naming the field in <c>param</c> (e.g. <c>max_tokens</c>) and the kind of problem in
/// <c>code</c> (<c>invalid_type</c>, <c>integer_below_min_value</c>, …).
/// </summary>
internal sealed class RequestFieldException(string param, string code, string message) : Exception(message)
{
    /// <summary>The JSON field, as OpenAI's <c>error.param</c>.</summary>
    public string Param { get; } = param;

    /// <summary>The kind of problem, as OpenAI's <c>error.code</c>.</summary>
    public string Code { get; } = code;
}
