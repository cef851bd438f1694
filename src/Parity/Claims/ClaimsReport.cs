using System.Text.Json.Serialization;

namespace Parity.Claims;

/// <summary>
/// Everything <c>parity claims check</c> prints and the dashboard serves: one object, serialized the same way by the
/// CLI (<c>--format json</c>) and the web server.
/// </summary>
/// <param name="File">The claims file.</param>
/// <param name="AsOf">The date the claims were checked on (data in force on it).</param>
/// <param name="Rule">How readings combine into a verdict.</param>
/// <param name="Method">How each reading's P(true) is computed.</param>
/// <param name="Sources">The data the check read, with dates.</param>
/// <param name="Claims">Every claim.</param>
/// <param name="Trackers">The tracker headlines.</param>
public sealed record ClaimsReport(
    string File,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string AsOf,
    string Rule,
    string Method,
    IReadOnlyList<string> Sources,
    IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<TrackerResult> Trackers);
