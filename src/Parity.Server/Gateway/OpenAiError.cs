using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>Writes errors in the OpenAI shape: <c>{"error": {"message", "type", "code", "param"}}</c>.</summary>
internal static class OpenAiError
{
    /// <summary>Writes the error as the response; <paramref name="param"/> names the request field at fault, if one is.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string type, string code, string message, string? param = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Body(type, code, message, param), context.RequestAborted);
    }

    /// <summary>Plain JSON escaping (an API body, never embedded in HTML): quotes and brackets stay readable.</summary>
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Body(string type, string code, string message, string? param = null) =>
        JsonSerializer.Serialize(new { error = new { message, type, code, param } }, Options);
}
