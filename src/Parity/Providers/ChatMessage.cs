namespace Parity.Providers;

/// <summary>One message of a chat completions conversation.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage User(string content) => new("user", content);

    public static ChatMessage System(string content) => new("system", content);
}
