using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

public sealed class LearnedRouteTests(LearnedGateway gateway) : IClassFixture<LearnedGateway>
{
    private async Task<HttpResponseMessage> ChatAsync(string route, JsonArray messages, bool stream = false)
    {
        var body = new JsonObject { ["model"] = route, ["messages"] = messages, ["stream"] = stream }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        return await gateway.Client.SendAsync(request);
    }

    private static JsonArray User(string text) => [new JsonObject { ["role"] = "user", ["content"] = text }];

    private static double Header(HttpResponseMessage response, string name) =>
        double.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_learned_route_sends_the_easy_prompt_to_the_weak_model_and_the_hard_one_to_the_strong_and_the_ledger_records_both_decisions()
    {
        var route = gateway.Setup.Routes["smart"].Learned!;
        var easyScore = gateway.Router.StrongWinProbability(gateway.EasyPrompt);
        var hardScore = gateway.Router.StrongWinProbability(gateway.HardPrompt);

        // The strongShare was turned into a threshold from the router file's calibration, and the two prompts lie on either side of it.
        route.Threshold.ShouldBe(route.Router.Calibration!.ThresholdFor(LearnedGateway.StrongShare), 1e-12);
        easyScore.ShouldBeLessThan(route.Threshold);
        hardScore.ShouldBeGreaterThanOrEqualTo(route.Threshold);

        using var easy = await ChatAsync("smart", User(gateway.EasyPrompt));
        using var hard = await ChatAsync("smart", User(gateway.HardPrompt));

        easy.StatusCode.ShouldBe(HttpStatusCode.OK);
        hard.StatusCode.ShouldBe(HttpStatusCode.OK);
        easy.Headers.GetValues("x-parity-model").Single().ShouldBe(LearnedGateway.Weak);
        hard.Headers.GetValues("x-parity-model").Single().ShouldBe(LearnedGateway.Strong);
        (await easy.Content.ReadFromJsonAsync<JsonObject>())!["model"]!.GetValue<string>().ShouldBe(LearnedGateway.Weak);
        (await hard.Content.ReadFromJsonAsync<JsonObject>())!["model"]!.GetValue<string>().ShouldBe(LearnedGateway.Strong);
        Header(easy, "x-parity-route-score").ShouldBe(easyScore);
        Header(hard, "x-parity-route-score").ShouldBe(hardScore);
        Header(easy, "x-parity-route-threshold").ShouldBe(route.Threshold);
        Header(hard, "x-parity-route-threshold").ShouldBe(route.Threshold);
        easy.Headers.GetValues("x-parity-route-choice").Single().ShouldBe(LearnedGateway.Weak);

        var ledger = gateway.Ledger();
        var easyRow = ledger.Single(r => r.Request_Id == easy.Headers.GetValues("x-request-id").Single());
        var hardRow = ledger.Single(r => r.Request_Id == hard.Headers.GetValues("x-request-id").Single());
        (easyRow.Route, easyRow.Model, easyRow.Route_Choice, easyRow.Attempts).ShouldBe(("smart", LearnedGateway.Weak, LearnedGateway.Weak, 1L));
        (hardRow.Route, hardRow.Model, hardRow.Route_Choice, hardRow.Attempts).ShouldBe(("smart", LearnedGateway.Strong, LearnedGateway.Strong, 1L));
        easyRow.Route_Score.ShouldBe(easyScore);
        hardRow.Route_Score.ShouldBe(hardScore);
        easyRow.Route_Threshold.ShouldBe(route.Threshold);
        hardRow.Route_Threshold.ShouldBe(route.Threshold);
        easyRow.Origin.ShouldBe("FR");
        hardRow.Origin.ShouldBe("US");
    }

    [Fact]
    public async Task The_router_scores_the_last_user_message_of_a_conversation_also_for_a_stream()
    {
        var hardScore = gateway.Router.StrongWinProbability(gateway.HardPrompt);
        JsonArray conversation =
        [
            new JsonObject { ["role"] = "system", ["content"] = "You are a careful assistant. " + gateway.EasyPrompt },
            new JsonObject { ["role"] = "user", ["content"] = gateway.EasyPrompt },
            new JsonObject { ["role"] = "assistant", ["content"] = "The answer is 4." },
            new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = gateway.HardPrompt }) },
        ];

        using var response = await ChatAsync("smart", conversation, stream: true);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-model").Single().ShouldBe(LearnedGateway.Strong);
        Header(response, "x-parity-route-score").ShouldBe(hardScore);
        (await response.Content.ReadAsStringAsync()).TrimEnd().ShouldEndWith("data: [DONE]");
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Streamed, row.Route_Score, row.Route_Choice).ShouldBe((1L, (double?)hardScore, LearnedGateway.Strong));
    }

    [Fact]
    public async Task When_the_chosen_model_fails_before_the_first_byte_the_other_one_answers_and_the_ledger_says_so()
    {
        using var response = await ChatAsync("smart-down", User(gateway.HardPrompt));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-route-choice").Single().ShouldBe("gpt4-down");
        response.Headers.GetValues("x-parity-model").Single().ShouldBe(LearnedGateway.Weak);
        response.Headers.GetValues("x-parity-attempts").Single().ShouldBe("2");
        Header(response, "x-parity-route-threshold").ShouldBe(0);
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Route_Choice, row.Model, row.Attempts, row.Status, row.Route_Threshold).ShouldBe(("gpt4-down", LearnedGateway.Weak, 2L, 200L, (double?)0));
    }

    [Fact]
    public async Task Other_routes_leave_the_route_columns_and_headers_empty()
    {
        using var response = await ChatAsync(LearnedGateway.Weak, User(gateway.HardPrompt));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("x-parity-route-score").ShouldBeFalse();
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Route_Score, row.Route_Threshold, row.Route_Choice).ShouldBe((null, null, null));
    }

    [Fact]
    public async Task Usage_by_decision_counts_each_choice_of_a_learned_route_and_the_fallbacks_that_served_instead()
    {
        var from = DateTimeOffset.UtcNow; // the requests below arrive after this; the other tests' before it
        (await ChatAsync("smart", User(gateway.EasyPrompt))).Dispose();
        (await ChatAsync("smart", User(gateway.EasyPrompt))).Dispose();
        (await ChatAsync("smart", User(gateway.HardPrompt))).Dispose();
        (await ChatAsync("smart-down", User(gateway.EasyPrompt))).Dispose();
        (await ChatAsync(LearnedGateway.Weak, User(gateway.EasyPrompt))).Dispose();

        using var store = Parity.Storage.ParityStore.OpenSqlite(gateway.LedgerPath);
        var rows = Parity.Gateway.UsageReport.Build(store, Parity.Gateway.UsageGrouping.Decision, from, null).Rows.ToDictionary(r => r.Group, r => r.Requests);
        rows.ShouldBe(new Dictionary<string, long>
        {
            [$"smart: chose {LearnedGateway.Weak}"] = 2,
            [$"smart: chose {LearnedGateway.Strong}"] = 1,
            [$"smart-down: chose gpt4-down, served by {LearnedGateway.Weak}"] = 1,
            [$"{LearnedGateway.Weak} (not learned)"] = 1,
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task The_models_list_shows_a_learned_routes_models_threshold_and_router()
    {
        var list = (await gateway.Client.GetFromJsonAsync<JsonObject>("/v1/models"))!;
        var route = list["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "smart")!["parity"]!["route"]!;
        route["policy"]!.GetValue<string>().ShouldBe("learned");
        var learned = route["learned"]!;
        (learned["strong"]!.GetValue<string>(), learned["weak"]!.GetValue<string>(), learned["router"]!.GetValue<string>(), learned["kind"]!.GetValue<string>())
            .ShouldBe((LearnedGateway.Strong, LearnedGateway.Weak, "gsm8k-logreg.json", "logreg"));
        learned["threshold"]!.GetValue<double>().ShouldBe(gateway.Setup.Routes["smart"].Learned!.Threshold);
        learned["thresholdSource"]!.GetValue<string>().ShouldStartWith("strongShare 0.3 -> threshold ");
    }
}
