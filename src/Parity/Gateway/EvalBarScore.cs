using System.Globalization;

namespace Parity.Gateway;

/// <summary>
/// One model's accuracy on one suite, from a run in Parity's eval store: what a <c>cheapest-meeting</c>
/// minimum on that suite is checked against when the config gives the model no score of its own.
/// </summary>
/// <param name="Suite">The suite (e.g. <c>gsm8k</c>).</param>
/// <param name="Accuracy">Mean score over the items answered (the point estimate the bar compares).</param>
/// <param name="Low">Lower end of the 95% Wilson interval.</param>
/// <param name="High">Upper end of the 95% Wilson interval.</param>
/// <param name="Items">Items with at least one answer (n).</param>
/// <param name="FailedCalls">Calls that failed for good and so are not in <paramref name="Items"/>.</param>
/// <param name="Run">The run's name.</param>
/// <param name="Date">The day the run started (UTC), <c>yyyy-MM-dd</c>.</param>
/// <param name="EvalModel">The model as the run recorded it (<c>provider:model</c>).</param>
internal sealed record EvalBarScore(string Suite, double Accuracy, double Low, double High, int Items, int FailedCalls, string Run, string Date, string EvalModel)
{
    /// <summary>The score with its interval and size, e.g. <c>gsm8k 0.926 [0.911, 0.939], n=1319</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Suite} {Accuracy:0.000} [{Low:0.000}, {High:0.000}], n={Items}");

    /// <summary>Where it comes from, e.g. <c>eval run my-gsm8k-run, 2026-11-20, deepseek:deepseek-chat</c>.</summary>
    public string Source() =>
        $"eval run {Run}, {Date}, {EvalModel}" + (FailedCalls == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {FailedCalls} failed calls not counted"));
}
