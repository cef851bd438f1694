namespace Parity.Gateway;

/// <summary>Whether a request may go ahead under its key's budget and limits.</summary>
public enum AdmissionResult
{
    Admitted,
    OverBudget,
    OverRequestsPerMinute,
    OverTokensPerMinute,
}
