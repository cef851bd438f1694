using Parity.Arena;
using Parity.Catalog;

namespace Parity.Tests.Arena;

public class LeaderboardHistoryTests
{
    private static readonly LeaderboardHistory History = LeaderboardHistory.LoadShipped(OrganizationTable.LoadShipped());

    private static LeaderboardSnapshot On(string board, int year, int month, int day) =>
        History.Snapshots(board).Single(s => s.Date == new DateOnly(year, month, day));

    [Fact]
    public void The_2025_08_04_text_board_has_the_published_top_us_and_cn_models()
    {
        var snapshot = On(LeaderboardHistory.TextBoard, 2025, 8, 4);
        snapshot.Source.ShouldStartWith("fboulnois/llm-leaderboard-csv");
        var gemini = snapshot.Entries.Single(e => e.ModelKey == "gemini-2.5-pro");
        var glm = snapshot.Entries.Single(e => e.ModelKey == "glm-4.5");
        gemini.Rating.ShouldBe(1470);
        glm.Rating.ShouldBe(1434);
        glm.Organization.ShouldBe("Zhipu AI");
        glm.Country.ShouldBe("CN");
        glm.OpenWeights.ShouldBe(true);
        gemini.Country.ShouldBe("US");
        gemini.OpenWeights.ShouldBe(false);
        snapshot.Entries.Where(e => e.Country == "US").Max(e => e.Rating).ShouldBe(1470);
        snapshot.Entries.Where(e => e.Country == "CN").Max(e => e.Rating).ShouldBe(1434);
        gemini.Votes.ShouldBe(26019);
        gemini.Lower.ShouldBe(1465);
    }

    [Fact]
    public void The_style_controlled_board_is_kept_apart()
    {
        // kevinschaul scraped lmarena.ai's default (style-controlled) view: 1459 vs 1418 on the same day.
        var snapshot = On(LeaderboardHistory.StyleControlBoard, 2025, 8, 4);
        snapshot.Source.ShouldStartWith("kevinschaul/");
        snapshot.Entries.Single(e => e.ModelKey == "gemini-2.5-pro").Rating.ShouldBe(1459);
        snapshot.Entries.Single(e => e.ModelKey == "glm-4.5").Rating.ShouldBe(1418);
    }

    [Fact]
    public void Sanity_gaps_from_method_md_hold()
    {
        static double Gap(LeaderboardSnapshot s) =>
            s.Entries.Where(e => e.Country == "US").Max(e => e.Rating) - s.Entries.Where(e => e.Country == "CN").Max(e => e.Rating);

        Gap(On("text", 2024, 7, 7)).ShouldBe(47, 1);
        Gap(On("text", 2025, 1, 7)).ShouldBe(55, 1);
        Gap(On("text", 2025, 2, 6)).ShouldBe(23, 1);
        Gap(On("text", 2025, 4, 5)).ShouldBe(70, 1);
    }

    [Fact]
    public void Online_elo_rows_are_not_in_the_displayed_series()
    {
        var text = History.Snapshots(LeaderboardHistory.TextBoard);
        // jasontrigg0's rows up to 2024-03-26 are online Elo: left out, and 2024-01-09 … 2024-03-26 is a hole.
        text.ShouldNotContain(s => s.Date > new DateOnly(2023, 12, 31) && s.Date < new DateOnly(2024, 3, 27));
        text.ShouldAllBe(s => !s.Method.Contains("NOT the displayed", StringComparison.Ordinal));
        text[0].Date.ShouldBe(new DateOnly(2023, 6, 19));
        text.Select(s => s.Date).ShouldBeUnique();
        History.Snapshots(LeaderboardHistory.StyleControlBoard).Select(s => s.Date).ShouldBeUnique();
    }

    [Fact]
    public void Every_labelled_organization_is_in_the_alias_table()
    {
        var orgs = OrganizationTable.LoadShipped();
        var unknown = History.Boards.SelectMany(History.Snapshots).SelectMany(s => s.Entries)
            .Where(e => e.Organization is not null && orgs.Resolve(e.Organization) is null)
            .Select(e => e.Organization).Distinct().ToList();
        unknown.ShouldBeEmpty();
        var entries = History.Boards.SelectMany(History.Snapshots).SelectMany(s => s.Entries).ToList();
        entries.Count(e => e.Organization is null).ShouldBeLessThan(20); // a handful of unlabelled keys (see data/SOURCES.md)
    }

    [Fact]
    public void Unknown_board_is_an_error()
    {
        Should.Throw<ParityException>(() => History.Snapshots("vision")).Message.ShouldContain("text-style-control");
    }

    [Theory]
    [InlineData("Proprietary", false)]
    [InlineData("Propretary", false)]
    [InlineData("Apache 2.0", true)]
    [InlineData("Llama 3.1 Community", true)]
    [InlineData("Non-commercial", true)]
    [InlineData("", null)]
    [InlineData("Other", null)]
    public void Openness_comes_from_the_licence(string license, bool? open) => Openness.FromLicense(license).ShouldBe(open);
}
