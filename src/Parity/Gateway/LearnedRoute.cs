using System.Globalization;
using Parity.Routing;

namespace Parity.Gateway;

/// <summary>
/// What a <c>learned</c> route decides with: a trained router (<c>parity route train</c>), the route's strong
/// and weak models and the threshold. Per request the router scores the prompt once, P(strong model wins),
/// and a score at or above the threshold goes to the strong model (RouteLLM's rule), anything below to the weak one.
/// </summary>
internal sealed class LearnedRoute
{
    private readonly GatewayModel[] strongFirst;
    private readonly GatewayModel[] weakFirst;

    public LearnedRoute(LearnedRouter router, string routerPath, GatewayModel strong, GatewayModel weak, double threshold, string thresholdSource, bool fallback)
    {
        Router = router;
        RouterPath = routerPath;
        Strong = strong;
        Weak = weak;
        Threshold = threshold;
        ThresholdSource = thresholdSource;
        ThresholdText = threshold.ToString("R", CultureInfo.InvariantCulture);
        strongFirst = fallback ? [strong, weak] : [strong];
        weakFirst = fallback ? [weak, strong] : [weak];
    }

    public LearnedRouter Router { get; }

    /// <summary>The router file, as resolved against the config file's folder.</summary>
    public string RouterPath { get; }

    public GatewayModel Strong { get; }

    public GatewayModel Weak { get; }

    /// <summary>P(strong wins) at or above which a request goes to the strong model.</summary>
    public double Threshold { get; }

    /// <summary>Where the threshold came from, e.g. <c>threshold 0.5 (config)</c> or <c>strongShare 0.3 → threshold 0.61 (…)</c>.</summary>
    public string ThresholdSource { get; }

    /// <summary><see cref="Threshold"/> as the <c>x-parity-route-threshold</c> header writes it (round-trip form).</summary>
    public string ThresholdText { get; }

    /// <summary>P(strong model wins) on the prompt text.</summary>
    public double Score(string prompt) => Router.StrongWinProbability(prompt);

    /// <summary>The model the router picks for a score.</summary>
    public GatewayModel Choose(double score) => score >= Threshold ? Strong : Weak;

    /// <summary>The models to try for a score: the chosen one, then (with fallback) the other.</summary>
    public IReadOnlyList<GatewayModel> Plan(double score) => score >= Threshold ? strongFirst : weakFirst;
}
