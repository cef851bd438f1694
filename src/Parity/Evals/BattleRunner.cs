using System.Text.Json;
using Parity.Providers;

namespace Parity.Evals;

/// <summary>
/// Puts two models on the same prompts and has a judge model compare their answers in both orders,
/// appending one arena-format vote per prompt to a JSON Lines file. Prompts already in the file are
/// skipped, so an interrupted battle resumes.
/// </summary>
public sealed class BattleRunner
{
    private readonly ProviderRegistry _registry;
    private readonly CallPricer? _pricer;
    private readonly TimeProvider _time;

    public BattleRunner(ProviderRegistry registry, CallPricer? pricer = null, TimeProvider? time = null)
    {
        _registry = registry;
        _pricer = pricer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How a battle run ended.</summary>
    public sealed record Outcome(int Judged, int Skipped, int Failed, int WinsA, int WinsB, int Ties, int ConsistentOrders, IReadOnlyList<string> Errors);

    public async Task<Outcome> RunAsync(
        IReadOnlyList<BattlePrompt> prompts, string a, string b, string judge, string outPath, int concurrency, int? maxTokens, CancellationToken cancellationToken)
    {
        var modelA = _registry.Create(a);
        var modelB = _registry.Create(b);
        var judgeModel = _registry.Create(judge);
        if (modelA.Address == modelB.Address)
        {
            throw new ParityException("--a and --b are the same model.");
        }

        var done = ExistingIds(outPath, modelA.Address.ToString(), modelB.Address.ToString());
        var todo = prompts.Where(p => !done.Contains(p.Id)).ToList();
        var gate = new Lock();
        int judged = 0, failed = 0, winsA = 0, winsB = 0, ties = 0, consistent = 0;
        var errors = new List<string>();
        await using var writer = new StreamWriter(outPath, append: true);
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken }, async (prompt, token) =>
        {
            try
            {
                var answerRequest = new ChatRequest { Messages = [ChatMessage.User(prompt.Prompt)], Temperature = 0, MaxTokens = maxTokens };
                var at = _time.GetUtcNow();
                var answers = await Task.WhenAll(modelA.CompleteAsync(answerRequest, token), modelB.CompleteAsync(answerRequest, token));
                var (ansA, ansB) = (answers[0], answers[1]);
                var judgments = await Task.WhenAll(
                    judgeModel.CompleteAsync(new ChatRequest { Messages = PairwiseJudge.Messages(prompt.Prompt, ansA.Content, ansB.Content), Temperature = 0 }, token),
                    judgeModel.CompleteAsync(new ChatRequest { Messages = PairwiseJudge.Messages(prompt.Prompt, ansB.Content, ansA.Content), Temperature = 0 }, token));
                var aFirst = PairwiseJudge.Read(judgments[0].Content);
                var bFirst = PairwiseJudge.Read(judgments[1].Content);
                var winner = PairwiseJudge.Combine(aFirst, bFirst);
                if (winner is null)
                {
                    lock (gate)
                    {
                        failed++;
                        errors.Add($"prompt {prompt.Id}: the judge gave no [[A]]/[[B]]/[[C]] verdict");
                    }

                    return;
                }

                var costs = new[]
                {
                    Price(modelA, at, ansA.Usage), Price(modelB, at, ansB.Usage),
                    Price(judgeModel, at, judgments[0].Usage), Price(judgeModel, at, judgments[1].Usage),
                };
                var vote = new BattleVote
                {
                    QuestionId = prompt.Id,
                    ModelA = modelA.Address.ToString(),
                    ModelB = modelB.Address.ToString(),
                    Winner = winner,
                    Tstamp = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
                    Judge = judgeModel.Address.ToString(),
                    VerdictAFirst = aFirst.ToString().ToLowerInvariant(),
                    VerdictBFirst = bFirst.ToString().ToLowerInvariant(),
                    Prompt = prompt.Prompt,
                    AnswerA = ansA.Content,
                    AnswerB = ansB.Content,
                    CostUsd = costs.Any(c => c is null) ? null : costs.Sum(c => c!.Value),
                };
                var line = JsonSerializer.Serialize(vote);
                lock (gate)
                {
                    writer.WriteLine(line);
                    writer.Flush();
                    judged++;
                    switch (winner)
                    {
                        case "model_a": winsA++; break;
                        case "model_b": winsB++; break;
                        default: ties++; break;
                    }

                    var sameOutcome = (aFirst, bFirst) is (JudgeVerdict.First, JudgeVerdict.Second) or (JudgeVerdict.Second, JudgeVerdict.First) or (JudgeVerdict.Tie, JudgeVerdict.Tie);
                    if (sameOutcome)
                    {
                        consistent++;
                    }
                }
            }
            catch (ProviderCallException ex)
            {
                lock (gate)
                {
                    failed++;
                    errors.Add($"prompt {prompt.Id}: {ex.Message}");
                }
            }
        });

        return new Outcome(judged, prompts.Count - todo.Count, failed, winsA, winsB, ties, consistent, errors);
    }

    private decimal? Price(IChatModel model, DateTimeOffset at, TokenUsage usage) =>
        _pricer?.Invoke(model.Address.Provider, model.Address.Model, at, usage);

    private static HashSet<string> ExistingIds(string path, string a, string b)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return ids;
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.TryGetProperty("question_id", out var id) && root.GetProperty("model_a").GetString() == a && root.GetProperty("model_b").GetString() == b)
                {
                    ids.Add(id.GetString()!);
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ParityException($"{path}, line {line}: not a battle vote ({ex.Message}); choose another --out file.", ex);
            }
        }

        return ids;
    }
}
