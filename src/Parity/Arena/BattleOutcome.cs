namespace Parity.Arena;

/// <summary>The result of one battle, as LMArena's logs label it in the <c>winner</c> field.</summary>
public enum BattleOutcome : byte
{
    /// <summary><c>model_b</c>: the second model won.</summary>
    ModelB = 0,

    /// <summary><c>tie</c>: both answers judged equally good.</summary>
    Tie = 1,

    /// <summary><c>model_a</c>: the first model won.</summary>
    ModelA = 2,

    /// <summary><c>tie (bothbad)</c>: both answers judged equally bad; counts as a tie.</summary>
    TieBothBad = 3,
}
