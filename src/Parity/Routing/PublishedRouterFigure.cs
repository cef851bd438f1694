namespace Parity.Routing;

/// <summary>One figure a paper published for a router (a row of <c>data/routing/routellm_published.csv</c>).</summary>
/// <param name="Router">The paper's router: random, bert, causal_llm, mf, sw_ranking.</param>
/// <param name="Benchmark">gsm8k or mmlu.</param>
/// <param name="Metric">APGR, CPT(50%) or CPT(80%).</param>
/// <param name="Value">The figure as a fraction (APGR as published; CPT 33.64% as 0.3364).</param>
/// <param name="AsPublished">The figure as the paper prints it.</param>
/// <param name="Training">What the router was trained on.</param>
/// <param name="Strong">The strong model of the evaluation.</param>
/// <param name="Weak">The weak model of the evaluation.</param>
/// <param name="Source">Paper, version and table.</param>
/// <param name="Url">Where the table is.</param>
internal sealed record PublishedRouterFigure(string Router, string Benchmark, string Metric, double Value, string AsPublished, string Training, string Strong, string Weak, string Source, string Url);
