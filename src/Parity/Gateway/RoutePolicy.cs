namespace Parity.Gateway;

/// <summary>How a route chooses among its models.</summary>
public enum RoutePolicy
{
    /// <summary>Always the first model.</summary>
    Fixed,

    /// <summary>The lowest blended price first, then the next cheapest on failure.</summary>
    Cheapest,

    /// <summary>Like <see cref="Cheapest"/>, among models that meet every minimum score.</summary>
    CheapestMeeting,

    /// <summary>The models in the order listed, the next one on failure.</summary>
    Fallback,

    /// <summary>One model drawn by weight, the others (heaviest first) on failure.</summary>
    Weighted,

    /// <summary>Per request, a trained router's P(strong model wins) on the prompt against a threshold picks the strong or the weak model; the other on failure.</summary>
    Learned,
}
