using System.Globalization;
using Parity.Routing;

namespace Parity.Gateway;

/// <summary>
/// Checks a <c>learned</c> route of <c>gateway.yaml</c> and loads its router file once, at startup. Every
/// error is one line naming the config file and the route's field, and for a bad router file also that
/// file and its field.
/// </summary>
internal static class LearnedRouteLoader
{
    /// <param name="r">The route as written.</param>
    /// <param name="name">The route's name.</param>
    /// <param name="models">The gateway's models.</param>
    /// <param name="where">The config file and the route's field, e.g. <c>gateway.yaml: routes[2]</c>.</param>
    /// <param name="configPath">The config file (the router path is relative to its folder).</param>
    /// <param name="fallback">Whether a failed attempt moves on to the other model.</param>
    public static LearnedRoute Load(GatewayConfig.RouteSection r, string name, IReadOnlyDictionary<string, GatewayModel> models, string where, string configPath, bool fallback)
    {
        var strong = Model(r.Strong, "strong", name, models, where);
        var weak = Model(r.Weak, "weak", name, models, where);
        if (strong == weak)
        {
            throw new ParityException($"{where}.weak: route '{name}' names '{weak.Name}' as both its strong and its weak model.");
        }

        if (r.Models.Count > 0 && (r.Models.Count != 2 || !r.Models.Contains(strong.Name) || !r.Models.Contains(weak.Name)))
        {
            throw new ParityException($"{where}.models: a learned route routes between its strong and weak model; list exactly those two ([{strong.Name}, {weak.Name}]) or leave models out.");
        }

        if (r.Weights.Count > 0 || r.Minimum.Count > 0 || r.MinArena is not null)
        {
            throw new ParityException($"{where}: weights, minimum and minArena do not apply to a learned route (it has strong, weak, router and threshold or strongShare).");
        }

        if (string.IsNullOrWhiteSpace(r.Router))
        {
            throw new ParityException($"{where}.router: missing; a learned route needs the router file 'parity route train' wrote (relative to the config file).");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".";
        var routerPath = Path.GetFullPath(Path.Combine(folder, r.Router));
        if (!File.Exists(routerPath))
        {
            throw new ParityException($"{where}.router: the router file '{routerPath}' does not exist (it is relative to the config file).");
        }

        LearnedRouter router;
        try
        {
            router = RouterFile.Load(routerPath);
        }
        catch (ParityException ex)
        {
            throw new ParityException($"{where}.router: {ex.Message}", ex);
        }

        foreach (var (field, routerModel, model) in new[] { ("strong", router.Strong, strong), ("weak", router.Weak, weak) })
        {
            if (!Matches(model, routerModel))
            {
                throw new ParityException(
                    $"{where}.router: {routerPath}: field '{field}' is '{routerModel}', which is not the route's {field} model '{model.Name}' " +
                    $"(the router was trained for '{router.Strong}' vs '{router.Weak}'; a model matches by its name, upstreamModel, evalModel or catalogId). " +
                    $"Train a router on outcomes of route '{name}''s models.");
            }
        }

        var (threshold, source) = Threshold(r, where, routerPath, router);
        return new LearnedRoute(router, routerPath, strong, weak, threshold, source, fallback);
    }

    private static (double Threshold, string Source) Threshold(GatewayConfig.RouteSection r, string where, string routerPath, LearnedRouter router)
    {
        static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        switch (r.Threshold, r.StrongShare)
        {
            case (not null, not null):
                throw new ParityException($"{where}.strongShare: give threshold or strongShare, not both.");
            case (null, null):
                throw new ParityException($"{where}.threshold: a learned route needs a threshold (send to the strong model when P(strong wins) >= it, 0 to 1) or a strongShare (the share of calls for the strong model, e.g. 0.3).");
            case ({ } t, null):
                if (!double.IsFinite(t) || t is < 0 or > 1)
                {
                    throw new ParityException($"{where}.threshold: {t.ToString(CultureInfo.InvariantCulture)} is not a probability; give a number from 0 to 1.");
                }

                var expected = router.Calibration is { } c ? $"; about {c.StrongShareAt(t):P0} of calls to the strong model on prompts like the router's training data" : "";
                return (t, $"threshold {F(t)} (config){expected}");
            default:
                var share = r.StrongShare!.Value;
                if (!double.IsFinite(share) || share is <= 0 or >= 1)
                {
                    throw new ParityException($"{where}.strongShare: {share.ToString(CultureInfo.InvariantCulture)} is not a share of calls above 0 and below 1 (for all or none, use a fixed route).");
                }

                if (router.Calibration is not { } calibration)
                {
                    throw new ParityException($"{where}.strongShare: {routerPath}: the router file has no field 'calibration' to turn a share into a threshold; train it again with 'parity route train' (which stores one unless --calibration-folds 0), or give a threshold.");
                }

                var threshold = calibration.ThresholdFor(share);
                return (threshold, $"strongShare {F(share)} -> threshold {F(threshold)} (from the router file's calibration: {calibration.Method}, {calibration.Items:N0} prompts)");
        }
    }

    private static GatewayModel Model(string? modelName, string field, string route, IReadOnlyDictionary<string, GatewayModel> models, string where)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            throw new ParityException($"{where}.{field}: missing; a learned route needs its {field} model (one of the gateway's models).");
        }

        return models.TryGetValue(modelName, out var model)
            ? model
            : throw new ParityException($"{where}.{field}: no model is named '{modelName}' (route '{route}').");
    }

    /// <summary>Whether a router's model name (a column of its training data) is this gateway model.</summary>
    internal static bool Matches(GatewayModel model, string routerModel)
    {
        bool Same(string? name) => name is not null && string.Equals(name, routerModel, StringComparison.OrdinalIgnoreCase);
        var evalModel = model.EvalModel is { } e ? e[(e.IndexOf(':') + 1)..] : null; // provider:model
        if (Same(model.Name) || Same(model.UpstreamModel) || Same(model.EvalModel) || Same(evalModel) || Same(model.CatalogId))
        {
            return true;
        }

        return model.CatalogId is { } id && GatewayCatalog.Find(routerModel)?.Id == id;
    }
}
