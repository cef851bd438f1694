using System.Collections.Frozen;
using Parity.Gateway;
using Polly;
using Polly.CircuitBreaker;

namespace Parity.Server.Gateway;

/// <summary>
/// A Polly circuit breaker per upstream model (a provider and the model it serves): a model whose calls
/// keep failing (see <see cref="Attempt.UpstreamFailed"/>) is skipped while its breaker is open, and one
/// call is let through as a probe after the break, closing the breaker when it succeeds. A client that
/// goes away is not counted as a failure of the upstream. State and openings are shown in <c>/metrics</c>.
/// </summary>
internal sealed class UpstreamBreakers
{
    private readonly FrozenDictionary<string, Breaker> breakers;

    public UpstreamBreakers(GatewaySetup setup, TimeProvider timeProvider)
    {
        var settings = setup.Breaker;
        breakers = setup.Models.Values.ToFrozenDictionary(m => m.Name, m => new Breaker(m, settings, timeProvider), StringComparer.Ordinal);
    }

    /// <summary>Calls the model through its breaker; an open breaker gives <see cref="AttemptOutcome.CircuitOpen"/> without a call.</summary>
    /// <remarks>
    /// While the breaker is closed (nearly always), the call is made first and its outcome then handed to Polly
    /// as an execution that has already finished, which Polly's breaker checks and counts as it would the call
    /// itself, without the asynchronous layers it adds around a call still under way (about 1.5 µs and 600 bytes
    /// a request; bench/gateway/RESULTS.md, 2026-12-07). An open or half-open breaker gets the call through Polly,
    /// which skips it, or lets one probe through. A breaker that opens while a call is under way does not count it.
    /// </remarks>
    public async ValueTask<Attempt> ExecuteAsync(GatewayModel model, UpstreamCaller caller, ChatRequest request, bool stream, CancellationToken clientAborted)
    {
        var breaker = breakers[model.Name];
        if (breaker.Pipeline is not { } pipeline)
        {
            return await caller.SendAsync(model, request, stream, clientAborted);
        }

        if (breaker.State.CircuitState != CircuitState.Closed)
        {
            return await ThroughPipelineAsync(pipeline, caller, model, request, stream, clientAborted);
        }

        Attempt attempt;
        try
        {
            attempt = await caller.SendAsync(model, request, stream, clientAborted);
        }
        catch (Exception ex)
        {
            await CountAsync(pipeline, Outcome.FromException<Attempt>(ex), clientAborted);
            throw;
        }

        await CountAsync(pipeline, Outcome.FromResult(attempt), clientAborted);
        return attempt;
    }

    /// <summary>Hands a finished call's outcome to the breaker (it completes at once: the callback is already done).</summary>
    private static async ValueTask CountAsync(ResiliencePipeline<Attempt> pipeline, Outcome<Attempt> outcome, CancellationToken clientAborted)
    {
        var context = ResilienceContextPool.Shared.Get(clientAborted);
        try
        {
            await pipeline.ExecuteOutcomeAsync(static (_, finished) => ValueTask.FromResult(finished), context, outcome);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async ValueTask<Attempt> ThroughPipelineAsync(ResiliencePipeline<Attempt> pipeline, UpstreamCaller caller, GatewayModel model, ChatRequest request, bool stream, CancellationToken clientAborted)
    {
        var context = ResilienceContextPool.Shared.Get(clientAborted);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static (_, state) => Send(state.Caller, state.Model, state.Request, state.Stream, state.Aborted),
                context,
                (Caller: caller, Model: model, Request: request, Stream: stream, Aborted: clientAborted));
            if (outcome.Exception is BrokenCircuitException broken)
            {
                return new Attempt(AttemptOutcome.CircuitOpen, null, null, null, null) { OutcomeLabel = "circuit_open", RetryAfter = broken.RetryAfter };
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<Attempt>> Send(UpstreamCaller caller, GatewayModel model, ChatRequest request, bool stream, CancellationToken clientAborted)
    {
        try
        {
            return Outcome.FromResult(await caller.SendAsync(model, request, stream, clientAborted));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<Attempt>(ex);
        }
    }

    /// <summary>Each model's breaker: provider, model, state (null when breaking is off) and how often it opened.</summary>
    public IEnumerable<(string Provider, string Model, CircuitState? State, long Opened)> States() =>
        breakers.Values.Select(b => (b.Model.Provider.Name, b.Model.Name, b.Pipeline is null ? (CircuitState?)null : b.State.CircuitState, Interlocked.Read(ref b.Opened)));

    private sealed class Breaker
    {
        public long Opened;

        public Breaker(GatewayModel model, CircuitBreakerSettings settings, TimeProvider timeProvider)
        {
            Model = model;
            if (!settings.Enabled)
            {
                return;
            }

            Pipeline = new ResiliencePipelineBuilder<Attempt> { TimeProvider = timeProvider }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<Attempt>
                {
                    FailureRatio = settings.FailureRatio,
                    MinimumThroughput = settings.MinimumThroughput,
                    SamplingDuration = settings.SamplingDuration,
                    BreakDuration = settings.BreakDuration,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { UpstreamFailed: true }),
                    StateProvider = State,
                    OnOpened = _ =>
                    {
                        Interlocked.Increment(ref Opened);
                        return default;
                    },
                })
                .Build();
        }

        public GatewayModel Model { get; }

        public CircuitBreakerStateProvider State { get; } = new();

        public ResiliencePipeline<Attempt>? Pipeline { get; }
    }
}
