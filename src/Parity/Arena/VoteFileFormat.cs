namespace Parity.Arena;

/// <summary>The layout of a vote file.</summary>
public enum VoteFileFormat
{
    /// <summary>Decide from the extension and the first bytes.</summary>
    Auto,

    /// <summary>One JSON array of battle objects (FastChat's <c>clean_battle_*.json</c>).</summary>
    Json,

    /// <summary>One battle object per line.</summary>
    JsonLines,

    /// <summary>A header with <c>model_a,model_b,winner</c> (extra columns allowed).</summary>
    Csv,
}
