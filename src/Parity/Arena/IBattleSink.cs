namespace Parity.Arena;

/// <summary>Receives the battles a reader streams out of a file, one at a time.</summary>
internal interface IBattleSink
{
    void Add(ref BattleRow row);
}
