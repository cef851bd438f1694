namespace Parity.Arena;

/// <summary>How ratings are computed from votes.</summary>
public enum RatingMethod
{
    /// <summary>Bradley–Terry maximum likelihood (LMArena's method since December 2023).</summary>
    BradleyTerry,

    /// <summary>Online Elo in timestamp order (file order when there is none): LMArena's 2023 method.</summary>
    Elo,
}
