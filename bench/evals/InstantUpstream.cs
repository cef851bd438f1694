using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parity.Bench.Evals;

/// <summary>An OpenAI-compatible endpoint that answers every chat completion at once with the same small body.</summary>
internal static class InstantUpstream
{
    private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"," +
        "\"content\":\"```json\\n{\\\"reasoning\\\": \\\"16 - 3 - 4 = 9 eggs, 9 * 2 = 18\\\", \\\"answer\\\": \\\"18\\\"}\\n```\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":180,\"completion_tokens\":40,\"total_tokens\":220,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            // Read (and drop) the request body, as a real server must.
            var buffer = new byte[16384];
            while (await context.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Body.Length;
            await context.Response.Body.WriteAsync(Body);
        });
        await app.RunAsync();
    }
}
