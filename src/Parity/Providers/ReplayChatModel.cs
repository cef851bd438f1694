namespace Parity.Providers;

/// <summary>
/// <c>replay:&lt;model&gt;</c>: answers a benchmark item with the output the model gave when it was
/// recorded, looked up by suite, item and model (not by prompt text). No network, no cost; the
/// recordings carry no token counts, so usage is unknown.
/// </summary>
internal sealed class ReplayChatModel : IChatModel
{
    public const string ProviderName = "replay";

    private readonly ReplayRecordings _recordings;

    public ReplayChatModel(ModelAddress address, ReplayRecordings recordings)
    {
        Address = address;
        _recordings = recordings;
    }

    public ModelAddress Address { get; }

    public Task<ChatResult> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (request.Item is not { } item)
        {
            throw new ProviderCallException($"{Address}: the replay provider answers benchmark items only (the request names no suite item)", null, retriable: false);
        }

        var output = _recordings.Find(item.Suite, Address.Model, item.ItemId)
            ?? throw new ProviderCallException($"{Address}: no recorded output for {item.Suite} item {item.ItemId}", null, retriable: false);
        return Task.FromResult(new ChatResult(output, TokenUsage.Unknown, "stop", TimeSpan.Zero, 1, Address.Model));
    }
}
