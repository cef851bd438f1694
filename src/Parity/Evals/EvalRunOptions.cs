namespace Parity.Evals;

/// <summary>What to run: a suite (already narrowed to the chosen items), the models, and the limits.</summary>
public sealed record EvalRunOptions
{
    /// <summary>The run's name in the store; running again with the same name resumes it.</summary>
    public required string RunName { get; init; }

    public required EvalSuite Suite { get; init; }

    /// <summary>The items to run, usually from <see cref="ItemSelection.Select"/>.</summary>
    public required IReadOnlyList<EvalItem> Items { get; init; }

    /// <summary><c>provider:model</c> addresses.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Calls in flight at once, over all models (each provider also has its own limit).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Stop starting calls once the run has spent this many US dollars (known costs).</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Answers per item and model (more than 1 for pass@k).</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Sampling temperature sent with each request.</summary>
    public double? Temperature { get; init; } = 0;

    /// <summary>Use streaming (server-sent events).</summary>
    public bool Stream { get; init; }

    /// <summary>The settings as given on the command line, stored with a new run.</summary>
    public string SettingsJson { get; init; } = "{}";
}
