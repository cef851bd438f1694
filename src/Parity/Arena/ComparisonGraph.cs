namespace Parity.Arena;

/// <summary>
/// Checks that the Bradley–Terry maximum exists (Zermelo/Ford condition): the models must form
/// one connected comparison graph, and no group of models may have only won (or only lost)
/// against every model outside it. Otherwise the likelihood keeps growing as their ratings go
/// to ±∞, and printing numbers would be a lie.
/// </summary>
internal static class ComparisonGraph
{
    public static void EnsureMaximumExists(VoteTable table)
    {
        var m = table.Models.Count;
        if (m < 2)
        {
            throw new ParityException($"a rating needs at least two models; the votes left after filtering have {m}.");
        }

        // scored[i] lists the models j that i took at least half a point from.
        var scored = new List<int>[m];
        var undirected = new List<int>[m];
        for (var i = 0; i < m; i++)
        {
            scored[i] = [];
            undirected[i] = [];
        }

        for (var p = 0; p < table.PairCount; p++)
        {
            var i = table.PairI[p];
            var j = table.PairJ[p];
            undirected[i].Add(j);
            undirected[j].Add(i);
            if (table.WinsI[p] + table.Ties[p] > 0)
            {
                scored[i].Add(j);
            }

            if (table.WinsJ[p] + table.Ties[p] > 0)
            {
                scored[j].Add(i);
            }
        }

        var components = Components(undirected, m);
        if (components.Count > 1)
        {
            var described = components.OrderByDescending(c => c.Count).Select(c => "{" + Names(table, c) + "}");
            throw new ParityException(
                $"the comparison graph is disconnected ({components.Count} groups of models never met each other), so their ratings cannot be compared: {string.Join("; ", described)}. Filter to one group or add battles between them.");
        }

        // Strong connectivity of "took points from": every model must reach every other and be reached.
        var forward = Reach(scored, 0, m);
        var reverse = new List<int>[m];
        for (var i = 0; i < m; i++)
        {
            reverse[i] = [];
        }

        for (var i = 0; i < m; i++)
        {
            foreach (var j in scored[i])
            {
                reverse[j].Add(i);
            }
        }

        var backward = Reach(reverse, 0, m);
        if (forward.All(x => x) && backward.All(x => x))
        {
            return;
        }

        // Name the culprits: models that never lost (took points from everyone they met and gave none) or never won.
        var onlyWins = new List<int>();
        var onlyLosses = new List<int>();
        for (var i = 0; i < m; i++)
        {
            if (reverse[i].Count == 0)
            {
                onlyWins.Add(i);
            }

            if (scored[i].Count == 0)
            {
                onlyLosses.Add(i);
            }
        }

        var parts = new List<string>();
        if (onlyWins.Count > 0)
        {
            parts.Add($"only wins: {Names(table, onlyWins)}");
        }

        if (onlyLosses.Count > 0)
        {
            parts.Add($"only losses: {Names(table, onlyLosses)}");
        }

        if (parts.Count == 0)
        {
            // A group rather than single models: those that cannot be reached from model 0, or cannot reach it.
            var group = Enumerable.Range(0, m).Where(i => !forward[i]).ToList();
            var side = "never took a point from";
            if (group.Count == 0)
            {
                group = Enumerable.Range(0, m).Where(i => !backward[i]).ToList();
                side = "never lost a point to";
            }

            parts.Add($"the group {{{Names(table, group)}}} {side} the other models");
        }

        throw new ParityException(
            $"the Bradley–Terry maximum does not exist ({string.Join("; ", parts)}): their ratings would be infinite. Add battles or raise --min-votes to drop them.");
    }

    private static List<List<int>> Components(List<int>[] adjacency, int m)
    {
        var seen = new bool[m];
        var components = new List<List<int>>();
        for (var start = 0; start < m; start++)
        {
            if (seen[start])
            {
                continue;
            }

            var component = new List<int>();
            var stack = new Stack<int>([start]);
            seen[start] = true;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                component.Add(i);
                foreach (var j in adjacency[i].Where(j => !seen[j]))
                {
                    seen[j] = true;
                    stack.Push(j);
                }
            }

            components.Add(component);
        }

        return components;
    }

    private static bool[] Reach(List<int>[] adjacency, int start, int m)
    {
        var seen = new bool[m];
        var stack = new Stack<int>([start]);
        seen[start] = true;
        while (stack.Count > 0)
        {
            foreach (var j in adjacency[stack.Pop()].Where(j => !seen[j]))
            {
                seen[j] = true;
                stack.Push(j);
            }
        }

        return seen;
    }

    private static string Names(VoteTable table, IEnumerable<int> indexes)
    {
        var names = indexes.Select(i => table.Models[i]).Order(StringComparer.Ordinal).ToList();
        return names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $" and {names.Count - 12} more";
    }
}
