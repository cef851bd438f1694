namespace Parity.Routing;

/// <summary>The kinds of learned router.</summary>
internal enum RouterKind
{
    /// <summary>RouteLLM-style matrix factorisation: a bilinear score between a projected prompt vector and a learned vector per model, trained on pairwise wins and losses of every model pair in the data.</summary>
    Mf,

    /// <summary>Logistic regression on the prompt features, trained on the strong–weak pair only (the baseline).</summary>
    LogReg,

    /// <summary>Nearest neighbours over the prompt features (<see cref="KnnRouter"/>); evaluated only, never written to a router file.</summary>
    Knn,
}
