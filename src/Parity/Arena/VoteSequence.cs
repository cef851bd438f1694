namespace Parity.Arena;

/// <summary>
/// The kept battles in file order, for the methods that need single battles rather than counts:
/// online Elo (order matters) and style control (features per battle).
/// </summary>
internal sealed class VoteSequence
{
    public List<int> ModelA { get; } = [];
    public List<int> ModelB { get; } = [];
    public List<byte> Outcome { get; } = [];
    public List<double> Tstamp { get; } = [];

    /// <summary>Four raw style features per battle, or empty when style is not kept.</summary>
    public List<double> Style { get; } = [];

    public int Count => ModelA.Count;
}
