using System.Text;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Core.Tests.ReportCycles.Setup;

public class StructureJsonTests
{
    // Line numbers in the assertions below count the lines of this text (line 1 is the opening brace).
    private const string Valid = """
        {
          "year": 2021,
          "directionGoals": [
            {
              "id": "KF1",
              "number": "1",
              "title": "En modern storstad med möjligheter och valfrihet för alla",
              "areaGoals": [
                {
                  "id": "KF1.3",
                  "number": "1.3",
                  "title": "I Stockholm når barn sin fulla potential",
                  "indicators": [
                    { "id": "ind-leg", "name": "Andel legitimerade förskollärare", "unit": "%", "splitBySex": true, "annualTarget": 33, "councilAnnualTarget": 33 }
                  ],
                  "activities": [
                    { "id": "akt-rorelse", "title": "Öka barns fysiska aktivitet", "starts": "2021-01-01", "ends": "2021-12-31" }
                  ],
                  "boardGoals": [
                    {
                      "id": "NM1.3.1",
                      "title": "Skärholmens förskolebarn når sin fulla potential",
                      "indicators": [
                        { "id": "ind-avd", "name": "Avdelningar utan legitimerad förskollärare", "unit": "st", "annualTarget": 0 }
                      ],
                      "activities": [ { "id": "akt-laslyft", "title": "Läslyftet" } ]
                    }
                  ]
                }
              ]
            }
          ],
          "assignments": [
            {
              "unitId": "FSK-01",
              "goals": [ "KF1.3", "NM1.3.1" ],
              "indicators": [ "ind-leg", "ind-avd" ],
              "activities": [ "akt-rorelse" ],
              "budget": [ { "id": "personal", "name": "Personal", "budget": 38.4 }, { "id": "intakter", "name": "Intäkter", "budget": -4.6 } ]
            }
          ]
        }
        """;

    private static ImportResult<YearStructure> Read(string json, IReadOnlyCollection<string>? units = null) =>
        StructureJson.Read(Encoding.UTF8.GetBytes(json), units);

    private static YearStructure ReadOk(string json, IReadOnlyCollection<string>? units = null)
    {
        var result = Read(json, units);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private static ImportError SingleError(string json, IReadOnlyCollection<string>? units = null)
    {
        var result = Read(json, units);
        Assert.Null(result.Value);
        return Assert.Single(result.Errors);
    }

    private static string Replace(string json, string from, string to)
    {
        Assert.Contains(from, json, StringComparison.Ordinal);
        return json.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenValidStructure_WhenRead_ThenGoalsIndicatorsActivitiesAndAssignments()
    {
        var structure = ReadOk(Valid, ["FSK-01", "FSK-02"]);

        Assert.Equal(2021, structure.Year);
        var direction = Assert.Single(structure.DirectionGoals);
        Assert.Equal(("KF1", "1"), (direction.Id, direction.Number));
        var area = Assert.Single(direction.AreaGoals);
        Assert.Equal("I Stockholm når barn sin fulla potential", area.Title);
        Assert.Equal(new Indicator("ind-leg", "Andel legitimerade förskollärare", "%", true, 33m, 33m), Assert.Single(area.Indicators));
        Assert.Equal(new PriorityActivity("akt-rorelse", "Öka barns fysiska aktivitet", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)), Assert.Single(area.Activities));
        var board = Assert.Single(area.BoardGoals);
        Assert.Equal(new Indicator("ind-avd", "Avdelningar utan legitimerad förskollärare", "st", false, 0m, null), Assert.Single(board.Indicators));
        Assert.Equal(new PriorityActivity("akt-laslyft", "Läslyftet", null, null), Assert.Single(board.Activities));
        var assignment = Assert.Single(structure.Assignments);
        Assert.Equal("FSK-01", assignment.UnitId);
        Assert.Equal(["KF1.3", "NM1.3.1"], assignment.GoalIds.AsEnumerable());
        Assert.Equal(["ind-leg", "ind-avd"], assignment.IndicatorIds.AsEnumerable());
        Assert.Equal(["akt-rorelse"], assignment.ActivityIds.AsEnumerable());
        Assert.Equal([new BudgetRow("personal", "Personal", 38.4m), new BudgetRow("intakter", "Intäkter", -4.6m)], assignment.Budget.AsEnumerable());
    }

    [Fact]
    public void GivenCommentsTrailingCommasBomAndSwedishNumberTexts_WhenRead_ThenAccepted()
    {
        var json = Replace(Valid, "\"annualTarget\": 33,", "\"annualTarget\": \"33,5 %\", // KF:s mål\n");
        json = Replace(json, "\"budget\": 38.4 }", "\"budget\": \"1 268,2\", }");
        json = Replace(json, "\"budget\": -4.6 }", "\"budget\": \"−4,6\" }");

        var structure = StructureJson.Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]).Value!;

        Assert.Equal(33.5m, structure.DirectionGoals[0].AreaGoals[0].Indicators[0].AnnualTarget);
        Assert.Equal([1268.2m, -4.6m], structure.Assignments[0].Budget.Select(b => b.Budget));
    }

    [Fact]
    public void GivenMalformedJson_WhenRead_ThenLineAndPositionInSwedish()
    {
        var error = SingleError(Replace(Valid, "\"year\": 2021,", "\"year\": 2021"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("Rad 3: Filen är inte giltig JSON (tecken 3: \"\"directionGoals\": [\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenUnclosedObject_WhenRead_ThenNotValidJson()
    {
        Assert.Contains("inte giltig JSON", SingleError("{ \"year\": 2021, \"directionGoals\": [").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTextAfterTheDocument_WhenRead_ThenRefused()
    {
        Assert.Contains("inte giltig JSON", SingleError(Valid + "\n{}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenRootThatIsNotAnObject_WhenRead_ThenRefused()
    {
        Assert.Equal("Rad 1, $: Filen ska vara ett JSON-objekt: { \"year\": …, \"directionGoals\": [ … ] }.", SingleError("[1, 2]").Message);
    }

    [Fact]
    public void GivenWrongTypes_WhenRead_ThenEachWithPathAndLine()
    {
        var json = Replace(Valid, "\"year\": 2021", "\"year\": \"2021\"");
        json = Replace(json, "\"number\": \"1\",", "\"number\": 1,");
        json = Replace(json, "\"splitBySex\": true", "\"splitBySex\": \"ja\"");
        json = Replace(json, "\"activities\": [ { \"id\": \"akt-laslyft\", \"title\": \"Läslyftet\" } ]", "\"activities\": { \"id\": \"akt-laslyft\" }");

        var errors = Read(json).Errors.Select(e => e.Message);

        Assert.Equal(
        [
            "Rad 2, year: Året ska vara ett heltal utan citattecken, till exempel 2021.",
            "Rad 6, directionGoals[0].number: Ska vara en text inom citattecken, inte talet 1.",
            "Rad 14, directionGoals[0].areaGoals[0].indicators[0].splitBySex: Ska vara true eller false, inte texten \"ja\".",
            "Rad 26, directionGoals[0].areaGoals[0].boardGoals[0].activities: Ska vara en lista [ … ], inte ett objekt.",
        ], errors);
    }

    [Fact]
    public void GivenUnknownProperty_WhenRead_ThenRefusedWithTheAllowedNames()
    {
        var error = SingleError(Replace(Valid, "\"title\": \"Läslyftet\"", "\"titel\": \"Läslyftet\", \"title\": \"Läslyftet\""));

        Assert.Equal(26, error.Line);
        Assert.Equal("Rad 26, directionGoals[0].areaGoals[0].boardGoals[0].activities[0].titel: Okänd egenskap \"titel\". Tillåtna här: id, title, starts, ends.", error.Message);
    }

    [Fact]
    public void GivenPropertyInWrongCase_WhenRead_ThenToldThatCaseCounts()
    {
        var errors = Read(Replace(Valid, "\"year\": 2021", "\"Year\": 2021")).Errors;

        Assert.Contains(errors, e => e.Message == "Rad 2, Year: Okänd egenskap \"Year\". Menar du \"year\"? Stora och små bokstäver räknas. Tillåtna här: year, directionGoals, assignments.");
        Assert.Contains(errors, e => e.Message == "Rad 1, $: Egenskapen \"year\" saknas.");
    }

    [Fact]
    public void GivenPropertyTwice_WhenRead_ThenRefused()
    {
        var error = SingleError(Replace(Valid, "\"year\": 2021,", "\"year\": 2021, \"year\": 2022,"));

        Assert.Equal("Rad 2, year: Egenskapen \"year\" finns redan på rad 2.", error.Message);
    }

    [Fact]
    public void GivenMissingRequiredTexts_WhenRead_ThenEachNamed()
    {
        var json = Replace(Valid, "\"title\": \"Läslyftet\"", "\"title\": \"  \"");
        json = Replace(json, "\"unit\": \"st\", ", "");

        var errors = Read(json).Errors.Select(e => e.Message);

        Assert.Equal(
        [
            "Rad 24, directionGoals[0].areaGoals[0].boardGoals[0].indicators[0].unit: Ange indikatorns enhet, till exempel \"%\", \"st\" eller \"kr\".",
            "Rad 26, directionGoals[0].areaGoals[0].boardGoals[0].activities[0].title: Ange aktivitetens text.",
        ], errors);
    }

    [Fact]
    public void GivenEmptyDirectionGoals_WhenRead_ThenRefused()
    {
        Assert.Equal("Rad 1, directionGoals: Listan får inte vara tom.", SingleError("{ \"year\": 2021, \"directionGoals\": [] }").Message);
    }

    [Fact]
    public void GivenSameIdOnAGoalAndAnIndicator_WhenRead_ThenBothLinesNamed()
    {
        // The assignment's "ind-avd" is now unknown too; the duplicate is the first error.
        var error = Read(Replace(Valid, "\"id\": \"ind-avd\"", "\"id\": \"kf1.3\"")).Errors[0];

        Assert.Equal(24, error.Line);
        Assert.Equal("Rad 24, directionGoals[0].areaGoals[0].boardGoals[0].indicators[0].id: Id \"kf1.3\" används redan av ett mål på rad 10 (directionGoals[0].areaGoals[0]). Varje mål, indikator och aktivitet ska ha ett eget id.", error.Message);
    }

    [Fact]
    public void GivenIdWithSpace_WhenRead_ThenRefused()
    {
        var error = SingleError(Replace(Valid, "\"id\": \"akt-laslyft\"", "\"id\": \"akt laslyft\""));

        Assert.StartsWith("Rad 26, directionGoals[0].areaGoals[0].boardGoals[0].activities[0].id: Id \"akt laslyft\" får bara innehålla", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAssignmentNamingUnknownAndWrongKindIds_WhenRead_ThenEachNamed()
    {
        var json = Replace(Valid, "\"goals\": [ \"KF1.3\", \"NM1.3.1\" ]", "\"goals\": [ \"KF1.3\", \"NM9.9\", \"ind-leg\" ]");
        json = Replace(json, "\"activities\": [ \"akt-rorelse\" ]", "\"activities\": [ \"akt-rorelse\", \"akt-saknas\", \"AKT-RORELSE\" ]");

        var errors = Read(json).Errors.Select(e => e.Message);

        Assert.Equal(
        [
            "Rad 36, assignments[0].goals[1]: Det finns inget mål med id \"NM9.9\" i strukturen.",
            "Rad 36, assignments[0].goals[2]: \"ind-leg\" är en indikator (rad 14), inte ett mål.",
            "Rad 38, assignments[0].activities[1]: Det finns ingen aktivitet med id \"akt-saknas\" i strukturen.",
            "Rad 38, assignments[0].activities[2]: \"AKT-RORELSE\" står två gånger i listan.",
        ], errors);
    }

    [Fact]
    public void GivenIdsInAnotherCase_WhenRead_ThenKeptAsTheStructureAndUnitListSpellThem()
    {
        var json = Replace(Valid, "\"goals\": [ \"KF1.3\", \"NM1.3.1\" ]", "\"goals\": [ \"kf1.3\", \"nm1.3.1\" ]");
        json = Replace(json, "\"unitId\": \"FSK-01\"", "\"unitId\": \"fsk-01\"");

        var assignment = Assert.Single(ReadOk(json, ["FSK-01"]).Assignments);

        Assert.Equal("FSK-01", assignment.UnitId);
        Assert.Equal(["KF1.3", "NM1.3.1"], assignment.GoalIds.AsEnumerable());
    }

    [Fact]
    public void GivenAssignmentForUnknownIndicator_WhenRead_ThenNamed()
    {
        var error = SingleError(Replace(Valid, "\"indicators\": [ \"ind-leg\", \"ind-avd\" ]", "\"indicators\": [ \"ind-leg\", \"ind-x\" ]"));

        Assert.Equal("Rad 37, assignments[0].indicators[1]: Det finns ingen indikator med id \"ind-x\" i strukturen.", error.Message);
    }

    [Fact]
    public void GivenAssignmentForUnitNotInTheUnitList_WhenRead_ThenNamed()
    {
        var error = SingleError(Valid, ["FSK-02"]);

        Assert.Equal("Rad 35, assignments[0].unitId: Enheten \"FSK-01\" finns inte i enhetslistan. Importera enheterna först, eller rätta id:t.", error.Message);
    }

    [Fact]
    public void GivenNoUnitList_WhenRead_ThenAnyUnitIdIsAccepted()
    {
        Assert.Single(ReadOk(Valid).Assignments);
    }

    [Fact]
    public void GivenTwoAssignmentsForOneUnit_WhenRead_ThenBothLinesNamed()
    {
        var json = Replace(Valid, "\"assignments\": [", "\"assignments\": [\n{ \"unitId\": \"fsk-01\" },");

        var error = SingleError(json);

        Assert.Equal("Rad 35, assignments[1].unitId: Enheten \"FSK-01\" har redan en tilldelning på rad 34. Samla enhetens mål, indikatorer, aktiviteter och budget i en.", error.Message);
    }

    [Fact]
    public void GivenBudgetRowIdTwiceInOneUnit_WhenRead_ThenRefused()
    {
        var error = SingleError(Replace(Valid, "\"id\": \"intakter\"", "\"id\": \"personal\""));

        Assert.Equal("Rad 39, assignments[0].budget[1].id: Budgetraden \"personal\" finns redan på rad 39 för samma enhet.", error.Message);
    }

    [Theory]
    [InlineData("12400000", "Beloppet anges i mnkr")]
    [InlineData("-10000.1", "Beloppet anges i mnkr")]
    [InlineData("1e30", "för stort")]
    [InlineData("38.12345", "för många decimaler")]
    [InlineData("\"1,268,2\"", "mer än ett decimaltecken")]
    [InlineData("\"tolv\"", "bara siffror")]
    [InlineData("true", "Ska vara ett tal, inte true")]
    [InlineData("null", "Ange ett belopp i mnkr")]
    public void GivenBudgetOutOfRangeOrNotANumber_WhenRead_ThenRefusedAtTheField(string value, string expected)
    {
        var error = SingleError(Replace(Valid, "\"budget\": 38.4", $"\"budget\": {value}"));

        Assert.StartsWith("Rad 39, assignments[0].budget[0].budget: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTargetTooLarge_WhenRead_ThenRefused()
    {
        var error = SingleError(Replace(Valid, "\"annualTarget\": 33,", "\"annualTarget\": 1000000000000000,"));

        Assert.StartsWith("Rad 14, directionGoals[0].areaGoals[0].indicators[0].annualTarget: Talet är för stort", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("2101")]
    public void GivenYearOutOfRange_WhenRead_ThenRefused(string year)
    {
        Assert.Equal($"Rad 2, year: Året ska vara mellan 2000 och 2100 (nu {year}).", SingleError(Replace(Valid, "2021,", year + ",")).Message);
    }

    [Fact]
    public void GivenFractionalYear_WhenRead_ThenRefused()
    {
        Assert.StartsWith("Rad 2, year: Året ska vara ett heltal", SingleError(Replace(Valid, "2021,", "2021.5,")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOverlongTitleAndNumber_WhenRead_ThenBoundsNamed()
    {
        var json = Replace(Valid, "\"title\": \"Läslyftet\"", $"\"title\": \"{new string('x', 501)}\"");
        json = Replace(json, "\"number\": \"1.3\"", "\"number\": \"1.3.1.2.3.4.5\"");

        var errors = Read(json).Errors.Select(e => e.Message);

        Assert.Equal(
        [
            "Rad 11, directionGoals[0].areaGoals[0].number: Texten får vara högst 10 tecken (nu 13).",
            "Rad 26, directionGoals[0].areaGoals[0].boardGoals[0].activities[0].title: Texten får vara högst 500 tecken (nu 501).",
        ], errors);
    }

    [Fact]
    public void GivenNewlineInTitle_WhenRead_ThenRefused()
    {
        var error = SingleError(Replace(Valid, "\"title\": \"Läslyftet\"", "\"title\": \"Läs\\nlyftet\""));

        Assert.Contains("radbyte", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"starts\": \"2021-01-01\"", "\"starts\": \"2021-13-01\"", "Rad 17, directionGoals[0].areaGoals[0].activities[0].starts: Skriv datumet som \"ÅÅÅÅ-MM-DD\", till exempel \"2021-01-01\".")]
    [InlineData("\"starts\": \"2021-01-01\"", "\"starts\": \"1/1 2021\"", "Rad 17, directionGoals[0].areaGoals[0].activities[0].starts: Skriv datumet som \"ÅÅÅÅ-MM-DD\", till exempel \"2021-01-01\".")]
    [InlineData("\"ends\": \"2021-12-31\"", "\"ends\": \"2020-12-31\"", "Rad 17, directionGoals[0].areaGoals[0].activities[0].ends: Slutdatum kan inte ligga före startdatum.")]
    public void GivenBadActivityDates_WhenRead_ThenRefused(string from, string to, string expected)
    {
        Assert.Equal(expected, SingleError(Replace(Valid, from, to)).Message);
    }

    [Fact]
    public void GivenTooDeepNesting_WhenRead_ThenRefusedWithTheBound()
    {
        var json = "{ \"year\": 2021,\n \"directionGoals\": " + new string('[', 40) + new string(']', 40) + " }";

        Assert.Equal("Rad 2: Strukturen är nästlad för djupt (högst 16 nivåer).", SingleError(json).Message);
    }

    [Fact]
    public void GivenTooManyValues_WhenRead_ThenRefusedWithTheBound()
    {
        var json = "{ \"year\": 2021, \"directionGoals\": [" + string.Join(",", Enumerable.Repeat("0", StructureJson.MaxValues)) + "] }";

        Assert.Equal("Rad 1: Filen har för många värden (högst 200000).", SingleError(json).Message);
    }

    [Fact]
    public void GivenListOverTheItemBound_WhenRead_ThenRefused()
    {
        var json = Replace(Valid, "\"goals\": [ \"KF1.3\", \"NM1.3.1\" ]", "\"goals\": [" + string.Join(",", Enumerable.Repeat("\"KF1.3\"", StructureJson.MaxItems + 1)) + "]");

        Assert.Equal("Rad 36, assignments[0].goals: Listan får ha högst 2000 poster (nu 2001).", SingleError(json).Message);
    }

    [Fact]
    public void GivenFileOverTheByteBound_WhenRead_ThenTooBig()
    {
        Assert.StartsWith("Filen är för stor", Assert.Single(StructureJson.Read(new byte[StructureJson.MaxBytes + 1]).Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    public void GivenEmptyFile_WhenRead_ThenEmpty(string json)
    {
        Assert.StartsWith("Filen är tom.", SingleError(json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenWindows1252Bytes_WhenRead_ThenNotUtf8WithLine()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n\"year\": 2021,\n\"directionGoals\": [ { \"id\": \"KF1\", \"number\": \"1\", \"title\": \"F").Concat(new byte[] { 0xF6 }).Concat(Encoding.UTF8.GetBytes("rskola\" } ] }")).ToArray();

        var error = Assert.Single(StructureJson.Read(bytes).Errors);

        Assert.Equal("Rad 3: Filen är inte sparad som UTF-8. Spara den som UTF-8 i textredigeraren och importera igen.", error.Message);
    }

    [Fact]
    public void GivenBinaryJunk_WhenRead_ThenNotATextFile()
    {
        Assert.Contains("ingen textfil", Assert.Single(StructureJson.Read([0x7B, 0x00, 0xFF, 0x12]).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenStream_WhenReadAsync_ThenSameAsBytesAndUnitsChecked()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Valid));

        var result = await StructureJson.ReadAsync(stream, ["ALD-01"]);

        Assert.Contains("finns inte i enhetslistan", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenStructure_WhenWrittenAndReadBack_ThenTheSameFileAgain()
    {
        var written = StructureJson.Write(ReadOk(Valid));

        var again = StructureJson.Read(written);

        Assert.True(again.Succeeded);
        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(StructureJson.Write(again.Value)));
        Assert.Contains("\"title\": \"Läslyftet\"", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }
}
