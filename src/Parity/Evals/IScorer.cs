namespace Parity.Evals;

/// <summary>Reads the answer out of a completion and checks it against the item's reference.</summary>
public interface IScorer
{
    /// <summary>Short name stored with results, e.g. <c>zeroeval-json</c>.</summary>
    string Name { get; }

    /// <summary>Scores one completion.</summary>
    ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken);
}
