using System.Text.Json.Serialization;

namespace Parity.Claims;

/// <summary>What the data say about one reading of a claim.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadingVerdict>))]
public enum ReadingVerdict
{
    /// <summary>P(true) ≥ <see cref="ClaimRule.Holds"/>.</summary>
    [JsonStringEnumMemberName("holds")]
    Holds,

    /// <summary>P(true) ≤ <see cref="ClaimRule.Fails"/>.</summary>
    [JsonStringEnumMemberName("fails")]
    Fails,

    /// <summary>P(true) in between: the data's uncertainty does not decide this reading.</summary>
    [JsonStringEnumMemberName("uncertain")]
    Uncertain,

    /// <summary>Parity has no data for this reading (on the as-of date).</summary>
    [JsonStringEnumMemberName("no data")]
    NoData,
}
