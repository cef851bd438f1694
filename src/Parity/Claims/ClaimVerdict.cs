using System.Text.Json.Serialization;

namespace Parity.Claims;

/// <summary>What the data say about a claim, combined from its readings by <see cref="ClaimRule"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClaimVerdict>))]
public enum ClaimVerdict
{
    /// <summary>Every reading with data holds.</summary>
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,

    /// <summary>More readings hold than fail, and at least one does not hold.</summary>
    [JsonStringEnumMemberName("mostly true")]
    MostlyTrue,

    /// <summary>As many readings hold as fail.</summary>
    [JsonStringEnumMemberName("mixed")]
    Mixed,

    /// <summary>More readings fail than hold, and at least one does not fail.</summary>
    [JsonStringEnumMemberName("mostly false")]
    MostlyFalse,

    /// <summary>Every reading with data fails.</summary>
    [JsonStringEnumMemberName("refuted")]
    Refuted,

    /// <summary>False (or mostly false) on the as-of date, but true (or mostly true) earlier in the data's history.</summary>
    [JsonStringEnumMemberName("outdated")]
    Outdated,

    /// <summary>No reading has data, or none is decided at the 90 % level.</summary>
    [JsonStringEnumMemberName("undecided")]
    Undecided,
}
