using System.Text.Json;
using System.Text.Json.Nodes;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// The admin API, under <c>/admin</c>, for the holder of the admin key (<c>keys.adminKeyEnv</c>):
/// issue, list and revoke virtual keys, and read usage from the ledger. The store's queries block, so they
/// run on the thread pool: requests may run on the socket threads (see <see cref="GatewayHost.PreferInlineIo"/>).
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, GatewayServices services)
    {
        var admin = app.MapGroup("/admin");
        admin.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (services.Setup.AdminKey is not { } adminKey)
            {
                await OpenAiError.WriteAsync(http, 404, "invalid_request_error", "admin_disabled", "The admin API is off: set keys.adminKeyEnv in the gateway config.");
                return null;
            }

            if (!GatewayHost.BearerMatches(http.Request, adminKey))
            {
                await OpenAiError.WriteAsync(http, 401, "invalid_request_error", "invalid_admin_key", "The admin API needs 'Authorization: Bearer <admin key>'.");
                return null;
            }

            return await next(invocation);
        });

        admin.MapPost("/keys", async (HttpContext http) =>
        {
            JsonObject body;
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException ex)
            {
                await OpenAiError.WriteAsync(http, 400, "invalid_request_error", "invalid_json", $"The request body is not a JSON object: {ex.Message}");
                return;
            }

            try
            {
                var name = body["name"]?.GetValue<string>() ?? throw new ParityException("'name' is missing.");
                var budget = body["budgetUsd"]?.GetValue<decimal>();
                var period = body["period"] is { } p ? BudgetPeriods.Parse(p.GetValue<string>(), "period") : BudgetPeriod.Month;
                var rpm = body["rpm"]?.GetValue<int>();
                var tpm = body["tpm"]?.GetValue<int>();
                var (key, secret) = await Task.Run(() => services.Keys.Create(name, budget, period, rpm, tpm, DateTimeOffset.UtcNow));
                http.Response.StatusCode = 201;
                await http.Response.WriteAsJsonAsync(new { key.Id, key.Name, Key = secret, key.Prefix, key.BudgetUsd, Period = key.Period.ToString().ToLowerInvariant(), key.Rpm, key.Tpm, key.CreatedAt }, http.RequestAborted);
            }
            catch (Exception ex) when (ex is ParityException or InvalidOperationException or FormatException)
            {
                await OpenAiError.WriteAsync(http, 400, "invalid_request_error", "invalid_key_request", ex.Message);
            }
        });

        admin.MapGet("/keys", async (HttpContext http) =>
        {
            var now = DateTimeOffset.UtcNow;
            var list = new List<object>();
            foreach (var key in await Task.Run(services.Keys.List))
            {
                var (spent, reserved) = await services.Limits.BudgetStateAsync(key, now, http.RequestAborted);
                list.Add(new
                {
                    key.Id, key.Name, key.Prefix, key.BudgetUsd, Period = key.Period.ToString().ToLowerInvariant(), key.Rpm, key.Tpm,
                    key.CreatedAt, key.RevokedAt, SpentUsd = spent, ReservedUsd = reserved, PeriodStart = BudgetPeriods.StartOf(key.Period, now),
                });
            }

            await http.Response.WriteAsJsonAsync(new { data = list }, http.RequestAborted);
        });

        admin.MapDelete("/keys/{id}", async (HttpContext http, string id) =>
        {
            if (!await Task.Run(() => services.Keys.Revoke(id, DateTimeOffset.UtcNow)))
            {
                await OpenAiError.WriteAsync(http, 404, "invalid_request_error", "key_not_found", $"No key has the id '{id}'.");
                return;
            }

            services.KeyCache.Forget();
            await http.Response.WriteAsJsonAsync(new { id, revoked = true }, http.RequestAborted);
        });

        admin.MapGet("/usage", async (HttpContext http) =>
        {
            try
            {
                var q = http.Request.Query;
                var by = Enum.TryParse<UsageGrouping>(q["by"].ToString() is { Length: > 0 } b ? b : "model", ignoreCase: true, out var g)
                    ? g : throw new ParityException("'by' must be model, origin, vendor, key, route or decision.");
                var from = q["from"].ToString() is { Length: > 0 } f ? DateTimeOffset.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
                var to = q["to"].ToString() is { Length: > 0 } t ? DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
                var summary = await Task.Run(() => services.Keys.Read(store => UsageReport.Build(store, by, from, to, services.Setup.DefaultFlagship())));

                await http.Response.WriteAsJsonAsync(summary, http.RequestAborted);
            }
            catch (Exception ex) when (ex is ParityException or FormatException)
            {
                await OpenAiError.WriteAsync(http, 400, "invalid_request_error", "invalid_usage_request", ex.Message);
            }
        });
    }
}
