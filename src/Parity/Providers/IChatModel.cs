namespace Parity.Providers;

/// <summary>A model that answers chat completions requests: a live endpoint or a replay of recorded outputs.</summary>
public interface IChatModel
{
    /// <summary>The address the user gave, <c>provider:model</c>.</summary>
    ModelAddress Address { get; }

    /// <summary>Answers one request. Throws <see cref="ProviderCallException"/> when the call fails for good.</summary>
    Task<ChatResult> CompleteAsync(ChatRequest request, CancellationToken cancellationToken);
}
