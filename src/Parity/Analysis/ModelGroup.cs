namespace Parity.Analysis;

/// <summary>A named group of models compared against another: by origin, by openness, by architecture.</summary>
/// <param name="Name">How reports name the group, e.g. "US" or "open weights".</param>
/// <param name="Contains">Membership test.</param>
public sealed record ModelGroup(string Name, Func<RatedModel, bool> Contains)
{
    /// <summary>Models from US organizations.</summary>
    public static ModelGroup UnitedStates { get; } = new("US", m => m.Country == "US");

    /// <summary>Models from Chinese organizations.</summary>
    public static ModelGroup China { get; } = new("China", m => m.Country == "CN");

    /// <summary>Models whose weights are published.</summary>
    public static ModelGroup OpenWeights { get; } = new("open weights", m => m.OpenWeights == true);

    /// <summary>Models whose weights are not published.</summary>
    public static ModelGroup ClosedWeights { get; } = new("closed weights", m => m.OpenWeights == false);

    /// <summary>Models from one country (ISO alpha-2).</summary>
    public static ModelGroup Country(string code) => code.ToUpperInvariant() switch
    {
        "US" => UnitedStates,
        "CN" => China,
        var other => new ModelGroup(other, m => m.Country == other),
    };
}
