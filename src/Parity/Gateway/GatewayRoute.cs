namespace Parity.Gateway;

/// <summary>A named policy over models. <see cref="Plan"/> gives the order in which to try them for one request.</summary>
public sealed class GatewayRoute
{
    public GatewayRoute(string name, RoutePolicy policy, IReadOnlyList<GatewayModel> candidates, IReadOnlyList<double> weights, bool fallback)
    {
        Name = name;
        Policy = policy;
        Candidates = candidates;
        Weights = weights;
        FallbackEnabled = fallback;
        totalWeight = weights.Sum();
    }

    private readonly double totalWeight;

    public string Name { get; }

    public RoutePolicy Policy { get; }

    /// <summary>The models in the order they are tried (already filtered and sorted for cheapest and cheapest-meeting).</summary>
    public IReadOnlyList<GatewayModel> Candidates { get; }

    /// <summary>One weight per candidate (weighted routes only).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Whether a failed attempt moves on to the next candidate.</summary>
    public bool FallbackEnabled { get; }

    /// <summary>For <c>cheapest-meeting</c>: the listed models left out and why (below the bar, or no score), e.g. <c>kimi-k2: arena 1380.0 &lt; 1400 (LMArena text board, 2025-12-11, kimi-k2-0905-preview)</c>.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>For <c>cheapest-meeting</c>: the score each remaining candidate met the bar with and where it came from.</summary>
    public IReadOnlyList<string> Scores { get; init; } = [];

    /// <summary>For <c>learned</c>: the router, the strong and weak models and the threshold (the handler scores each request with it instead of calling <see cref="Plan"/>).</summary>
    internal LearnedRoute? Learned { get; init; }

    /// <summary>A route for a client that names a model directly: that model only.</summary>
    public static GatewayRoute ForModel(GatewayModel model) => new(model.Name, RoutePolicy.Fixed, [model], [], fallback: false);

    /// <summary>The models to try for one request, in order.</summary>
    /// <param name="draw">A number in [0, 1) for the weighted draw.</param>
    public IReadOnlyList<GatewayModel> Plan(double draw)
    {
        if (Policy != RoutePolicy.Weighted)
        {
            return FallbackEnabled ? Candidates : [Candidates[0]];
        }

        var target = draw * totalWeight;
        var chosen = Candidates.Count - 1;
        var sum = 0d;
        for (var i = 0; i < Candidates.Count; i++)
        {
            sum += Weights[i];
            if (target < sum)
            {
                chosen = i;
                break;
            }
        }

        if (!FallbackEnabled)
        {
            return [Candidates[chosen]];
        }

        var rest = Enumerable.Range(0, Candidates.Count).Where(i => i != chosen).OrderByDescending(i => Weights[i]).Select(i => Candidates[i]);
        return [Candidates[chosen], .. rest];
    }
}
