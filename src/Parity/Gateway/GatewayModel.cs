namespace Parity.Gateway;

/// <summary>A model the gateway serves: its provider, prices and facts about it.</summary>
public sealed class GatewayModel
{
    public required string Name { get; init; }

    public required GatewayProvider Provider { get; init; }

    /// <summary>The name sent upstream in the request's <c>model</c> field.</summary>
    public required string UpstreamModel { get; init; }

    public string? Vendor { get; init; }

    public string? Origin { get; init; }

    public bool? OpenWeights { get; init; }

    /// <summary>Null when no price is known: such a model is costed at zero and cannot be ranked by price.</summary>
    public ModelPrice? Price { get; init; }

    public IReadOnlyDictionary<string, double> Quality { get; init; } = new Dictionary<string, double>();

    /// <summary>The cost of a request, zero when no price is known.</summary>
    public double Cost(long input, long output, long cached) => Price?.Cost(input, output, cached) ?? 0;
}
