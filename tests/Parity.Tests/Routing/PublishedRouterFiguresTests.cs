using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class PublishedRouterFiguresTests
{
    [Fact]
    public void The_shipped_RouteLLM_tables_hold_every_router_and_metric_with_its_source()
    {
        var gsm8k = PublishedRouterFigures.ForBenchmark("gsm8k");
        var mmlu = PublishedRouterFigures.ForBenchmark("MMLU");

        // 9 rows (random + 4 routers × 2 training sets) × 3 metrics per benchmark.
        gsm8k.Count.ShouldBe(27);
        mmlu.Count.ShouldBe(27);
        gsm8k.ShouldAllBe(f => f.Source.Contains("Table 3") && f.Url == "https://arxiv.org/html/2406.18665v4");
        mmlu.ShouldAllBe(f => f.Source.Contains("Table 2"));
        var best = gsm8k.Where(f => f.Metric == "APGR" && f.Router != "random").MaxBy(f => f.Value)!;
        best.Router.ShouldBe("causal_llm");
        best.Value.ShouldBe(0.622);
        gsm8k.Single(f => f.Router == "causal_llm" && f.Metric == "CPT(50%)" && f.Training.Contains("judge")).Value.ShouldBe(0.3364);
        PublishedRouterFigures.ForBenchmark("humaneval").ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_value_names_the_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"published-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "router,benchmark,metric,value,as_published,training,strong,weak,source,url\nmf,gsm8k,APGR,0.5,0.5,arena,a,b,paper,u\nmf,gsm8k,CPT(50%),38.82,38.82%,arena,a,b,paper,u\n");
        var ex = Should.Throw<ParityException>(() => PublishedRouterFigures.Load(path));
        File.Delete(path);

        ex.Message.ShouldBe($"{path}, line 3: field 'value' = '38.82' is not a fraction (APGR, or CPT as 0–1).");
    }
}
