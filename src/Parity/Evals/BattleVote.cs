using System.Text.Json.Serialization;

namespace Parity.Evals;

/// <summary>
/// One judged battle, written as one line of JSON in the arena vote format
/// (<c>model_a</c>, <c>model_b</c>, <c>winner</c>, <c>tstamp</c>) that <c>parity arena rate</c> reads,
/// with the judge's two verdicts and the answers for audit.
/// </summary>
public sealed record BattleVote
{
    [JsonPropertyName("question_id")]
    public required string QuestionId { get; init; }

    [JsonPropertyName("model_a")]
    public required string ModelA { get; init; }

    [JsonPropertyName("model_b")]
    public required string ModelB { get; init; }

    /// <summary><c>model_a</c>, <c>model_b</c> or <c>tie</c>.</summary>
    [JsonPropertyName("winner")]
    public required string Winner { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("tstamp")]
    public required double Tstamp { get; init; }

    [JsonPropertyName("judge")]
    public required string Judge { get; init; }

    /// <summary>The judge's verdict with A's answer shown first: first, second or tie.</summary>
    [JsonPropertyName("verdict_a_first")]
    public required string VerdictAFirst { get; init; }

    /// <summary>The judge's verdict with B's answer shown first.</summary>
    [JsonPropertyName("verdict_b_first")]
    public required string VerdictBFirst { get; init; }

    /// <summary>True: the judge saw "assistant A" and "assistant B", never the model names (as in LMArena's anonymous battles).</summary>
    [JsonPropertyName("anony")]
    public bool Anony { get; init; } = true;

    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("answer_a")]
    public required string AnswerA { get; init; }

    [JsonPropertyName("answer_b")]
    public required string AnswerB { get; init; }

    /// <summary>Known cost of the four calls (two answers, two judgments), US dollars; null when any is unknown.</summary>
    [JsonPropertyName("cost_usd")]
    public decimal? CostUsd { get; init; }
}
