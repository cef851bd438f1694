using Parity.Evals;

namespace Parity.Tests.Evals;

/// <summary>HumanEval/MBPP scoring runs real python3 processes.</summary>
public sealed class CodeExecutionScorerTests
{
    [Fact]
    public async Task HumanEval_canonical_solutions_pass_and_a_wrong_one_fails()
    {
        var suite = SuiteLoader.Load("humaneval");
        var item = suite.Items.Single(i => i.Id == "HumanEval/0");
        var body = "    for i, a in enumerate(numbers):\n        for j, b in enumerate(numbers):\n            if i != j and abs(a - b) < threshold:\n                return True\n    return False\n";

        (await suite.Scorer.ScoreAsync(item, body, CancellationToken.None)).Score.ShouldBe(1);
        var whole = "```python\nfrom typing import List\n\ndef has_close_elements(numbers: List[float], threshold: float) -> bool:\n" + body + "```";
        (await suite.Scorer.ScoreAsync(item, whole, CancellationToken.None)).Score.ShouldBe(1);
        (await suite.Scorer.ScoreAsync(item, "    return False\n", CancellationToken.None)).Score.ShouldBe(0);
    }

    [Fact]
    public async Task Mbpp_code_is_checked_against_the_asserts()
    {
        var suite = SuiteLoader.Load("mbpp");
        var item = suite.Items.Single(i => i.Id == "mbpp/2");
        var good = "```python\ndef similar_elements(a, b):\n    return tuple(set(a) & set(b))\n```";
        (await suite.Scorer.ScoreAsync(item, good, CancellationToken.None)).Score.ShouldBe(1);
        (await suite.Scorer.ScoreAsync(item, "def similar_elements(a, b):\n    return ()\n", CancellationToken.None)).Score.ShouldBe(0);
    }

    [Fact]
    public async Task Code_that_never_ends_is_killed_at_the_timeout()
    {
        var scorer = new CodeExecutionScorer(new PythonSandbox(TimeSpan.FromSeconds(1)));
        var item = new EvalItem("t", "p", "assert f() == 1");
        var score = await scorer.ScoreAsync(item, "def f():\n    while True:\n        pass\n", CancellationToken.None);
        score.Score.ShouldBe(0);
        score.Extracted!.ShouldContain("timed out");
    }

    [Fact]
    public async Task Code_cannot_take_unbounded_memory()
    {
        var scorer = new CodeExecutionScorer(new PythonSandbox(TimeSpan.FromSeconds(10)));
        var item = new EvalItem("t", "p", "assert f() == 'refused'");
        var code = "def f():\n    try:\n        block = bytearray(4 << 30)\n        return 'allocated'\n    except MemoryError:\n        return 'refused'\n";
        (await scorer.ScoreAsync(item, code, CancellationToken.None)).Score.ShouldBe(1);
    }

    [Fact]
    public async Task Code_cannot_open_network_connections()
    {
        // A listener that would accept the connection if the sandbox let it out.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var scorer = new CodeExecutionScorer(new PythonSandbox(TimeSpan.FromSeconds(5)));
        var item = new EvalItem("t", "p", "assert f() == 'offline'");
        var code = "import socket\ndef f():\n    try:\n        socket.create_connection(('127.0.0.1', " + port + "), timeout=1)\n        return 'online'\n    except OSError:\n        return 'offline'\n";
        (await scorer.ScoreAsync(item, code, CancellationToken.None)).Score.ShouldBe(1);
    }
}
