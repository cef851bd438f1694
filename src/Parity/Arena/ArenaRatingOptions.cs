namespace Parity.Arena;

/// <summary>What <see cref="ArenaRater"/> computes. The defaults are LMArena's.</summary>
public sealed record ArenaRatingOptions
{
    public RatingMethod Method { get; init; } = RatingMethod.BradleyTerry;

    public IntervalMethod Interval { get; init; } = IntervalMethod.Bootstrap;

    /// <summary>Bootstrap rounds (LMArena: 100). 0 means no intervals.</summary>
    public int BootstrapRounds { get; init; } = 100;

    /// <summary>Seed of the bootstrap; the same seed gives the same output.</summary>
    public ulong Seed { get; init; }

    /// <summary>Shift every rating (and every bootstrap replicate) so this model has this score; null keeps the mean at 1000.</summary>
    public string? AnchorModel { get; init; }

    public double AnchorScore { get; init; }

    /// <summary>Bradley–Terry with LMArena's 2024 style covariates from <c>conv_metadata</c>.</summary>
    public bool StyleControl { get; init; }

    /// <summary>Online Elo step size (LMArena: 4).</summary>
    public double EloK { get; init; } = 4;

    /// <summary>Also compute predicted and observed win rates for every pair.</summary>
    public bool Matrix { get; init; }

    /// <summary>Worker threads for the bootstrap (default: all cores).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
