namespace Parity.Gateway;

/// <summary>Builds the routes of <c>gateway.yaml</c>: the policy, the candidates and, for <c>cheapest-meeting</c>, which of them meet the bar.</summary>
internal static class GatewayRouteConfig
{
    /// <summary>Builds and checks one entry of <c>routes:</c>; errors name the field (<paramref name="where"/>).</summary>
    internal static GatewayRoute Build(GatewayConfig.RouteSection r, string name, Dictionary<string, GatewayModel> models, string where, GatewayEvalScores evalScores, string path)
    {
        var policyText = GatewayConfigLoader.Required(r.Policy, where + ".policy");
        RoutePolicy policy = policyText.ToLowerInvariant() switch
        {
            "fixed" => RoutePolicy.Fixed,
            "cheapest" => RoutePolicy.Cheapest,
            "cheapest-meeting" => RoutePolicy.CheapestMeeting,
            "fallback" => RoutePolicy.Fallback,
            "weighted" => RoutePolicy.Weighted,
            "learned" => RoutePolicy.Learned,
            _ => throw new ParityException($"{where}.policy: '{policyText}' is not a policy (fixed, cheapest, cheapest-meeting, fallback, weighted, learned)."),
        };

        if (policy == RoutePolicy.Learned)
        {
            var learned = LearnedRouteLoader.Load(r, name, models, where, path, r.Fallback ?? true);
            return new GatewayRoute(name, policy, [learned.Weak, learned.Strong], [], r.Fallback ?? true) { Learned = learned };
        }

        if (r.Models.Count == 0)
        {
            throw new ParityException($"{where}.models: route '{name}' lists no models.");
        }

        var candidates = new List<GatewayModel>();
        List<string> excluded = [];
        List<string> scores = [];
        Dictionary<string, string>? met = null;
        foreach (var modelName in r.Models)
        {
            if (!models.TryGetValue(modelName, out var model))
            {
                throw new ParityException($"{where}.models: no model is named '{modelName}'.");
            }

            candidates.Add(model);
        }

        var weights = new List<double>();
        if (policy == RoutePolicy.Weighted)
        {
            if (r.Weights.Count != candidates.Count)
            {
                throw new ParityException($"{where}.weights: give one weight per model ({candidates.Count}), got {r.Weights.Count}.");
            }

            if (r.Weights.Any(w => w < 0 || double.IsNaN(w)) || r.Weights.Sum() <= 0)
            {
                throw new ParityException($"{where}.weights: weights must be non-negative and not all zero.");
            }

            weights.AddRange(r.Weights);
        }

        if (policy is RoutePolicy.Cheapest or RoutePolicy.CheapestMeeting)
        {
            var unpriced = candidates.FirstOrDefault(m => m.Price is null);
            if (unpriced is not null)
            {
                throw new ParityException($"{where}.models: model '{unpriced.Name}' has no price (give prices: input/output in its entry, or a catalogId the catalog knows), so route '{name}' cannot rank it.");
            }

            if (policy == RoutePolicy.CheapestMeeting)
            {
                (candidates, excluded, met) = MeetingBar(r, name, candidates, where, evalScores);
            }

            candidates = [.. candidates.OrderBy(m => m.Price!.Blended).ThenBy(m => m.Name, StringComparer.Ordinal)];
            if (met is not null)
            {
                scores = [.. candidates.Select(m => $"{m.Name}: {met[m.Name]}")];
            }
        }

        var fallback = r.Fallback ?? policy != RoutePolicy.Fixed;
        return new GatewayRoute(name, policy, candidates, weights, fallback) { Excluded = excluded, Scores = scores };
    }

    private const string ArenaScore = "arena";

    /// <summary>
    /// The candidates of a <c>cheapest-meeting</c> route that meet every minimum. A score comes from the model's
    /// <c>quality</c> in the config; an <c>arena</c> score the config does not give comes from the newest shipped
    /// LMArena snapshot of the route's board, through the model's catalog id; any other score the config does not
    /// give is the model's accuracy on the eval suite of that name, from the route's <c>evalRun</c> or the newest
    /// run in the eval store that scored the model. A model without a score does not meet the bar.
    /// </summary>
    private static (List<GatewayModel> Meeting, List<string> Excluded, Dictionary<string, string> Met) MeetingBar(GatewayConfig.RouteSection r, string name, List<GatewayModel> candidates, string where, GatewayEvalScores evalScores)
    {
        var minimum = new Dictionary<string, double>(r.Minimum, StringComparer.OrdinalIgnoreCase);
        var barField = where + ".minimum";
        if (r.MinArena is { } minArena)
        {
            if (minimum.ContainsKey(ArenaScore))
            {
                throw new ParityException($"{where}.minArena: route '{name}' also has minimum.arena; give one of them.");
            }

            minimum[ArenaScore] = minArena;
            barField = r.Minimum.Count == 0 ? where + ".minArena" : barField;
        }

        if (minimum.Count == 0)
        {
            throw new ParityException($"{barField}: a cheapest-meeting route needs at least one minimum score, e.g. 'minArena: 1400' or 'minimum: {{ arena: 1400 }}'.");
        }

        ArenaBoardRatings? board = null;
        if (r.ArenaBoard is not null || minimum.ContainsKey(ArenaScore))
        {
            var boardName = r.ArenaBoard ?? Arena.LeaderboardHistory.TextBoard;
            if (boardName is not (Arena.LeaderboardHistory.TextBoard or Arena.LeaderboardHistory.StyleControlBoard))
            {
                throw new ParityException($"{where}.arenaBoard: '{boardName}' is not a board (text, text-style-control).");
            }

            if (minimum.ContainsKey(ArenaScore) && candidates.Any(m => !m.Quality.ContainsKey(ArenaScore)))
            {
                board = GatewayArenaRatings.For(boardName);
            }
        }

        Evals.EvalRunInfo? evalRun = null;
        if (!string.IsNullOrWhiteSpace(r.EvalRun))
        {
            evalRun = evalScores.FindRun(r.EvalRun)
                ?? throw new ParityException($"{where}.evalRun: no eval run is named '{r.EvalRun}' ({evalScores.Describe(names: true)}).");
            if (!minimum.ContainsKey(evalRun.Suite))
            {
                throw new ParityException($"{where}.evalRun: run '{evalRun.Name}' is a run of suite '{evalRun.Suite}', but route '{name}' has no minimum.{evalRun.Suite}.");
            }
        }

        // Benchmark minimums: a name some model has no config score for is read from the eval store, as an
        // accuracy (0 to 1); a name neither the config nor the store knows is a mistake, not a bar nobody meets.
        var fromEvals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, min) in minimum)
        {
            if (key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = $"{where}.minimum.{key}";
            var needsData = candidates.Any(m => !m.Quality.ContainsKey(key));
            var inStore = needsData && (string.Equals(evalRun?.Suite, key, StringComparison.OrdinalIgnoreCase) || evalScores.HasSuite(key));
            if (inStore || Evals.SuiteLoader.BuiltInNames.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                if (double.IsNaN(min) || min is < 0 or > 1)
                {
                    throw new ParityException($"{field}: {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not an accuracy; {key} scores are fractions from 0 to 1 (write 0.9 for 90%).");
                }

                if (candidates.FirstOrDefault(m => m.Quality.TryGetValue(key, out var q) && (double.IsNaN(q) || q is < 0 or > 1)) is { } model)
                {
                    throw new ParityException($"{field}: model '{model.Name}' has quality.{key} {model.Quality[key].ToString(System.Globalization.CultureInfo.InvariantCulture)}, but {key} scores are fractions from 0 to 1 (write 0.9 for 90%).");
                }
            }

            if (needsData && !inStore && candidates.All(m => !m.Quality.ContainsKey(key)))
            {
                throw new ParityException($"{field}: no model of route '{name}' has quality.{key}, and no eval run of suite '{key}' is in the store ({evalScores.Describe(names: false)}); run 'parity eval run --suite {key}' into that store (or set evals.sqlite), or give the models quality.{key}.");
            }

            if (inStore)
            {
                fromEvals.Add(key);
            }
        }

        var meeting = new List<GatewayModel>();
        var excluded = new List<string>();
        var scores = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in candidates)
        {
            var reasons = new List<string>();
            var met = new List<string>();
            foreach (var (key, min) in minimum)
            {
                string source;
                double score;
                string? text = null;
                if (model.Quality.TryGetValue(key, out var configured))
                {
                    (score, source) = (configured, "config");
                }
                else if (key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase) && board is not null)
                {
                    if (model.CatalogId is null)
                    {
                        reasons.Add($"no {key} score (not in its quality, and it has no catalogId to look up in {board.Describe()})");
                        continue;
                    }

                    if (!board.ByCatalogId.TryGetValue(model.CatalogId, out var rated))
                    {
                        reasons.Add($"no {key} score (not in its quality, and catalog model '{model.CatalogId}' has no rating on the {board.Describe()})");
                        continue;
                    }

                    (score, source) = (rated.Rating, $"{board.Describe()}, {rated.ModelKey}");
                }
                else if (fromEvals.Contains(key))
                {
                    var run = string.Equals(evalRun?.Suite, key, StringComparison.OrdinalIgnoreCase) ? evalRun : null;
                    var (found, missing) = evalScores.Find(key, model, run);
                    if (found is null)
                    {
                        reasons.Add(missing!);
                        continue;
                    }

                    (score, source, text) = (found.Accuracy, found.Source(), found.Describe());
                }
                else
                {
                    reasons.Add($"no {key} score in its quality, and no eval run of suite '{key}' is in '{evalScores.Location}'");
                    continue;
                }

                var format = key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase) ? "0.0" : "0.###";
                text ??= $"{key} {score.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
                if (score >= min)
                {
                    met.Add($"{text} ({source})");
                }
                else
                {
                    reasons.Add($"{text} < {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({source})");
                }
            }

            if (reasons.Count == 0)
            {
                meeting.Add(model);
                scores[model.Name] = string.Join("; ", met);
            }
            else
            {
                excluded.Add($"{model.Name}: {string.Join("; ", reasons)}");
            }
        }

        if (meeting.Count == 0)
        {
            var bar = string.Join(", ", minimum.Select(kv => $"{kv.Key} >= {kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            throw new ParityException($"{barField}: no model of route '{name}' has a known score meeting {bar}: {string.Join("; ", excluded.Select(e => e.Replace("; ", ", ", StringComparison.Ordinal)))}.");
        }

        return (meeting, excluded, scores);
    }
}
