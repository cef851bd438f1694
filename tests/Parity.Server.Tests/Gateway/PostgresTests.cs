using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Parity.Gateway;
using Parity.Server.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>Two gateway nodes on one PostgreSQL: one ledger, shared budgets and limits.</summary>
public sealed class PostgresTests
{
    [Fact]
    public void The_store_migrates_a_postgres_database_once_even_when_two_open_it_at_once()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        var opened = Enumerable.Range(0, 3).AsParallel().Select(_ => ParityStore.OpenPostgres(db.ConnectionString)).ToList();
        try
        {
            opened[0].Dialect.ShouldBe(SqlDialect.Postgres);
            opened[0].AppliedVersions().ShouldContain(400);
            opened[0].AppliedVersions().ShouldContain(402);
            opened[0].AppliedVersions().Count.ShouldBe(opened[0].AppliedVersions().Distinct().Count());
        }
        finally
        {
            opened.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void A_bad_connection_string_is_a_clear_error()
    {
        var ex = Should.Throw<ParityException>(() => ParityStore.OpenPostgres("Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2"));
        ex.Message.ShouldContain("127.0.0.1:1/z");
    }

    [Theory]
    [InlineData("leased")]
    [InlineData("exact")]
    public async Task Two_nodes_on_one_postgres_do_not_overspend_a_budget_and_share_one_ledger(string limits)
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        await using var nodes = await Nodes.StartAsync(db.ConnectionString, limits);
        // Reservation for max_tokens 1100 ≈ $0.00047 ≥ the real cost of $0.0004396, so the spend can never pass the budget.
        const double budget = 0.005;
        var key = await nodes.CreateKeyAsync("shared-budget", budget: budget);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var response = await nodes.ChatAsync(i % 2, key, maxTokens: 1100);
            return response.StatusCode;
        }));

        var ok = statuses.Count(s => s == HttpStatusCode.OK);
        statuses.Count(s => s == HttpStatusCode.PaymentRequired).ShouldBe(60 - ok);
        ok.ShouldBeGreaterThanOrEqualTo(8); // 0.005 / 0.00047 ≈ 10.6 reservations fit; a few more while others settle
        (await db.WaitForLedgerRowsAsync(60)).ShouldBe(60);
        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        var ledgerSpend = store.Connection.ExecuteScalar<double>("SELECT COALESCE(SUM(cost_usd), 0) FROM gateway_ledger WHERE status = 200");
        ledgerSpend.ShouldBeLessThanOrEqualTo(budget);
        ledgerSpend.ShouldBe(ok * 0.0004396, 1e-9);
        var (spent, reserved) = store.Connection.QuerySingle<(double, double)>("SELECT spent_usd, reserved_usd FROM gateway_key_spend");
        spent.ShouldBe(ledgerSpend, 1e-9);
        reserved.ShouldBe(0, 1e-12);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(60);

    }

    [Fact]
    public async Task Two_gateway_processes_on_one_postgres_do_not_overspend_a_budget()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        await using var alpha = await FakeUpstream.StartAsync();
        await using var beta = await FakeUpstream.StartAsync();
        var folder = Directory.CreateTempSubdirectory("parity-pg-proc-").FullName;
        try
        {
            var config = Path.Combine(folder, "gateway.yaml");
            await File.WriteAllTextAsync(config, TestGateway.Yaml(alpha.BaseUrl, beta.BaseUrl, "postgresEnv: GATEWAY_TEST_PG"));
            var environment = new Dictionary<string, string>
            {
                ["GATEWAY_TEST_PG"] = db.ConnectionString,
                ["ALPHA_KEY"] = TestGateway.AlphaKey,
                ["TEST_ADMIN_KEY"] = TestGateway.AdminKey,
            };
            var starting = new[] { ChildGateway.StartAsync(config, environment), ChildGateway.StartAsync(config, environment) };
            using var first = await starting[0];
            using var second = await starting[1];
            var nodes = new[] { first, second };

            using var create = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name = "two-processes", budgetUsd = 0.005, period = "day" }) };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminKey);
            using var created = await first.Client.SendAsync(create);
            var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();

            var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
            {
                var body = """{"model":"cn-open","max_tokens":1100,"messages":[{"role":"user","content":"Say hello."}]}""";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await nodes[i % 2].Client.SendAsync(request);
                return response.StatusCode;
            }));

            var ok = statuses.Count(s => s == HttpStatusCode.OK);
            statuses.Count(s => s == HttpStatusCode.PaymentRequired).ShouldBe(60 - ok);
            ok.ShouldBeGreaterThanOrEqualTo(8);
            (await db.WaitForLedgerRowsAsync(60)).ShouldBe(60);
            using var store = ParityStore.OpenPostgres(db.ConnectionString);
            var spent = store.Connection.ExecuteScalar<double>("SELECT COALESCE(SUM(cost_usd), 0) FROM gateway_ledger");
            spent.ShouldBeLessThanOrEqualTo(0.005);
            spent.ShouldBe(ok * 0.0004396, 1e-9);
            store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(60);
            store.Connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT node) FROM gateway_ledger").ShouldBe(2); // both processes served and recorded
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Two_nodes_share_a_keys_requests_per_minute()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        if (DateTimeOffset.UtcNow.Second >= 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTimeOffset.UtcNow.Second));
        }

        await using var nodes = await Nodes.StartAsync(db.ConnectionString);
        var key = await nodes.CreateKeyAsync("shared-rpm", rpm: 5);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await nodes.ChatAsync(i % 2, key);
            statuses.Add(response.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(5);
    }

    [Fact]
    public async Task Usage_reads_the_postgres_ledger()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        await using (var nodes = await Nodes.StartAsync(db.ConnectionString))
        {
            var key = await nodes.CreateKeyAsync("usage");
            for (var i = 0; i < 4; i++)
            {
                using var response = await nodes.ChatAsync(i % 2, key, model: i < 3 ? "cn-open" : "us-flagship");
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        var summary = UsageReport.Build(store, UsageGrouping.Origin, null, null, ("us-flagship", new ModelPrice(1.25m, 10, 0.125m, "test")));
        summary.Requests.ShouldBe(4);
        summary.Rows.Select(r => r.Group).ShouldBe(["US closed", "CN open"]);
        summary.ChineseOpenWeightTokenShare.ShouldBe(0.75, 1e-9);
        summary.Flagship!.CostUsd.ShouldBe(4 * (800 * 1.25m + 200 * 0.125m + 500 * 10) / 1_000_000);
    }

    /// <summary>Two gateway hosts with their own state, sharing only the PostgreSQL database.</summary>
    private sealed class Nodes : IAsyncDisposable
    {
        private readonly List<GatewayHost> hosts = [];
        private readonly List<HttpClient> clients = [];
        private FakeUpstream alpha = null!;
        private FakeUpstream beta = null!;
        private string folder = "";

        public static async Task<Nodes> StartAsync(string connectionString, string limits = "leased")
        {
            var nodes = new Nodes { alpha = await FakeUpstream.StartAsync(), beta = await FakeUpstream.StartAsync() };
            nodes.folder = Directory.CreateTempSubdirectory("parity-pg-").FullName;
            var config = Path.Combine(nodes.folder, "gateway.yaml");
            await File.WriteAllTextAsync(config, TestGateway.Yaml(nodes.alpha.BaseUrl, nodes.beta.BaseUrl, "postgresEnv: GATEWAY_TEST_PG\n  limits: " + limits));
            for (var i = 0; i < 2; i++)
            {
                var setup = GatewayConfigLoader.Load(config, name => name == "GATEWAY_TEST_PG" ? connectionString : TestGateway.Environment(name));
                var host = await GatewayHost.StartAsync(setup, "http://127.0.0.1:0");
                nodes.hosts.Add(host);
                nodes.clients.Add(new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(20) });
            }

            return nodes;
        }

        public async Task<string> CreateKeyAsync(string name, double? budget = null, int? rpm = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name, budgetUsd = budget, period = "day", rpm }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminKey);
            using var response = await clients[0].SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        }

        public Task<HttpResponseMessage> ChatAsync(int node, string key, int? maxTokens = null, string model = "cn-open")
        {
            var body = new JsonObject
            {
                ["model"] = model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say hello." }),
                ["max_tokens"] = maxTokens,
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return clients[node].SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            clients.ForEach(c => c.Dispose());
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await alpha.DisposeAsync();
            await beta.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
