using Parity.Arena;

namespace Parity.Tests.Arena;

public class StyleControlTests
{
    [Fact]
    public void Matches_an_independent_fit_of_lmarenas_2024_objective()
    {
        // Fixtures/style_votes.jsonl: 600 synthetic battles with conv_metadata. Expected values from a
        // separate NumPy/SciPy implementation of FastChat's 2024 objective (Σ BCE + 0.25‖θ‖², features
        // (a − b)/(a + b + 1) standardised, ratings on the log10 scale), L-BFGS-B with gtol 1e-12.
        var path = Path.Combine(AppContext.BaseDirectory, "Arena", "Fixtures", "style_votes.jsonl");
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepStyle: true);
        var board = ArenaRater.Rate(votes, new ArenaRatingOptions { StyleControl = true, BootstrapRounds = 20, Seed = 2 });
        double Of(string model) => board.Ratings.Single(r => r.Model == model).Rating;
        Of("m0").ShouldBe(1037.7583364993973, 1e-3);
        Of("m1").ShouldBe(1036.6976757203226, 1e-3);
        Of("m2").ShouldBe(921.2876831832712, 1e-3);
        Of("m3").ShouldBe(1143.3132951551634, 1e-3);
        Of("m4").ShouldBe(860.9430094418456, 1e-3);
        var beta = board.StyleCoefficients!;
        beta.Select(b => b.Feature).ShouldBe(["length", "headers", "lists", "bold"]);
        beta[0].Value.ShouldBe(0.25161054429977453, 1e-5);
        beta[1].Value.ShouldBe(0.044932123205404934, 1e-5);
        beta[2].Value.ShouldBe(0.17574321485472436, 1e-5);
        beta[3].Value.ShouldBe(0.021593177336546233, 1e-5);
        beta[0].Lower!.Value.ShouldBeLessThan(beta[0].Value);
        beta[0].Upper!.Value.ShouldBeGreaterThan(beta[0].Value);
    }
}
