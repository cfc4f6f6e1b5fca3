using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;

namespace Justera.Documents.Tests.Reports;

/// <summary>
/// Compiled reports for the document tests and the compile bench, built through <see cref="ReportCompiler"/> from
/// invented units (people under example.org) and goal texts from the Skärholmen T1 2021 seed.
/// </summary>
public static class ReportSamples
{
    public const string Administration = "Skärholmens stadsdelsförvaltning";

    /// <summary>
    /// Five units in two departments, one of them (Hemtjänst Söder) not approved. The economy adds up to 1 268,2 mnkr in
    /// budget and 1 269,7 in forecast (avvikelse −1,5), so thousands, decimals and the minus sign all show.
    /// </summary>
    public static CompiledReport Small(ReportPeriod period = ReportPeriod.T1)
    {
        var jobs = new Indicator("ind-jobs", "Antal aspiranter som fått Stockholmsjobb", "st", true, 20m, 800m);
        var share = new Indicator("ind-share", "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen", "%", false, 2.9m, 1.5m);
        var places = new Indicator("ind-places", "Antal tillhandahållna platser för feriejobb", "st", false, 750m, null);
        var sip = new PriorityActivity("act-sip", "Implementering av intern SIP", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
        var structure = new YearStructure(
            2021,
            [
                new DirectionGoal("dg-1", "1", "En modern storstad med möjligheter och valfrihet för alla",
                [
                    new AreaGoal("ag-1.1", "1.1", "I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort",
                        [jobs, share], [sip],
                        [new BoardGoal("bg-1", "I Skärholmen är invånarna självförsörjande och vägen till arbete är kort", [places], [])]),
                    new AreaGoal("ag-1.2", "1.2", "Stockholm är en trygg, säker och välskött stad att bo och vistas i", [], [], []),
                ]),
                new DirectionGoal("dg-3", "3", "En ekonomiskt hållbar och innovativ storstad för framtiden",
                [
                    new AreaGoal("ag-3.1", "3.1", "Stockholm har en budget i balans och långsiktigt hållbara finanser", [], [], []),
                ]),
            ],
            [
                Assign("u-ekbi", ["ag-1.1", "bg-1", "ag-1.2", "ag-3.1"], ["ind-jobs", "ind-share", "ind-places"], ["act-sip"], ("b-ekbi", 640.1m)),
                Assign("u-vuxen", ["ag-1.1", "ag-1.2", "ag-3.1"], ["ind-jobs", "ind-share"], ["act-sip"], ("b-vuxen", 330.0m)),
                Assign("u-barn", ["ag-1.1", "ag-1.2", "ag-3.1"], ["ind-jobs", "ind-places"], ["act-sip"], ("b-barn", 150.0m)),
                Assign("u-satra", ["ag-1.1", "ag-1.2", "ag-3.1"], [], [], ("b-satra", 98.1m)),
                Assign("u-hemtj", ["ag-1.1", "ag-1.2", "ag-3.1"], ["ind-jobs"], [], ("b-hemtj", 50.0m)),
            ]);
        ImmutableArray<ReportingUnit> units =
        [
            Unit("u-ekbi", "Ekonomiskt bistånd", "Individ- och familjeomsorg", "Alva Berglund"),
            Unit("u-vuxen", "Vuxenenheten", "Individ- och familjeomsorg", "Elias Lindqvist"),
            Unit("u-barn", "Barn och ungdom", "Individ- och familjeomsorg", "Maja Holm"),
            Unit("u-satra", "Sätra vård- och omsorgsboende", "Äldreomsorg", "Omar Sandberg"),
            Unit("u-hemtj", "Hemtjänst Söder", "Äldreomsorg", "Lina Ek"),
        ];
        var approved = new Dictionary<string, UnitInput>
        {
            ["u-ekbi"] = new(
                [
                    new("ag-1.1", GoalFulfilment.Fully, "Samverkan med Jobbtorg ger resultat.\nFler aspiranter än väntat har fått Stockholmsjobb."),
                    new("bg-1", GoalFulfilment.Partly, "Fler sökande än väntat under pandemin."),
                    new("ag-1.2", GoalFulfilment.Partly, "Otryggheten i centrum har ökat."),
                    new("ag-3.1", GoalFulfilment.Fully, ""),
                ],
                [new("ind-jobs", 1268m, 700m, 568m, 1500m), new("ind-share", 2.96m, null, null, 2.9m), new("ind-places", 550m, null, null, 750m)],
                [new("act-sip", ActivityProgress.NotOnPlan, "Utbildningen av ambassadörer är flyttad till hösten.")],
                [new("b-ekbi", 641.6m, "Fler hushåll med långvarigt bistånd.")],
                "Samhälls- och bostadsvägledning för nyanlända.",
                "Fler kvinnor än män har ekonomiskt bistånd."),
            ["u-vuxen"] = new(
                [new("ag-1.1", GoalFulfilment.Fully, "Arbetet går enligt plan."), new("ag-1.2", GoalFulfilment.NotMet, "Brist på stödboenden."), new("ag-3.1", GoalFulfilment.Fully, "")],
                [new("ind-jobs", 12m, 7m, 5m, 30m), new("ind-share", 3.1m, null, null, 3.0m)],
                [new("act-sip", ActivityProgress.OnPlan, "")],
                [new("b-vuxen", 330.0m, "")],
                "",
                ""),
            ["u-barn"] = new(
                [new("ag-1.1", GoalFulfilment.Partly, "Färre feriejobb än förra året."), new("ag-1.2", GoalFulfilment.Fully, ""), new("ag-3.1", GoalFulfilment.Fully, "")],
                [new("ind-jobs", 3m, 2m, 1m, 10m)],
                [new("act-sip", ActivityProgress.OnPlan, "")],
                [new("b-barn", 150.0m, "")],
                "Familjehem i egen regi i stället för konsulentstödda.",
                ""),
            ["u-satra"] = new(
                [new("ag-1.1", GoalFulfilment.NotMet, "Lägre beläggning än budgeterat."), new("ag-1.2", GoalFulfilment.Fully, ""), new("ag-3.1", GoalFulfilment.Partly, "Underskott på grund av tomma platser.")],
                [],
                [],
                [new("b-satra", 98.1m, "")],
                "",
                "Kvinnor och män erbjuds samma aktiviteter."),
        };
        return ReportCompiler.Compile(new CompileSource(Administration, period, new DateOnly(2021, 5, 12), structure, units, approved));
    }

    /// <summary>
    /// A large administration: <paramref name="unitCount"/> units in six departments, every unit reporting on all 24
    /// goals and <paramref name="indicatorCount"/> indicators, with about <paramref name="analysisCharacters"/> characters
    /// of goal analyses per unit plus goda exempel and a jämställdhetsanalys of a thousand characters each. Deterministic.
    /// </summary>
    public static CompiledReport Large(int unitCount = 300, int indicatorCount = 20, int analysisCharacters = 4000, int missing = 6) =>
        ReportCompiler.Compile(LargeSource(unitCount, indicatorCount, analysisCharacters, missing));

    /// <summary>What <see cref="Large"/> compiles, for the bench to time the compile itself too.</summary>
    public static CompileSource LargeSource(int unitCount = 300, int indicatorCount = 20, int analysisCharacters = 4000, int missing = 6)
    {
        var random = new Random(2021);
        string[] units = ["st", "%", "kr", "index", "st"];
        var indicators = Enumerable.Range(1, indicatorCount)
            .Select(i => new Indicator(
                $"ind-{i}",
                $"Indikator {i}: andel eller antal som följs upp i verksamheten",
                units[i % units.Length],
                SplitBySex: i % 2 == 0,
                AnnualTarget: 100m + i,
                CouncilAnnualTarget: i % 3 == 0 ? 1000m + i : null))
            .ToList();

        var direction = new List<DirectionGoal>();
        var goalIds = new List<string>();
        var activityIds = new List<string>();
        var nextIndicator = 0;
        for (var d = 1; d <= 3; d++)
        {
            var areas = new List<AreaGoal>();
            for (var a = 1; a <= 4; a++)
            {
                var areaId = $"ag-{d}.{a}";
                var boardId = $"bg-{d}.{a}";
                var activityId = $"act-{d}.{a}";
                // The indicators spread over the twelve KF goals, about two each, in order.
                var take = Math.Max(0, Math.Min(indicatorCount - nextIndicator, (int)Math.Ceiling(indicatorCount / 12.0)));
                var own = indicators.Skip(nextIndicator).Take(take).ToImmutableArray();
                nextIndicator += take;
                areas.Add(new AreaGoal(
                    areaId,
                    $"{d}.{a}",
                    $"Verksamhetsområdesmål {d}.{a} om att stadens invånare får det stöd de behöver i tid",
                    own,
                    [new PriorityActivity(activityId, $"Prioriterad aktivitet {d}.{a}", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31))],
                    [new BoardGoal(boardId, $"Nämndmål {d}.{a}: i stadsdelen får invånarna ett gott bemötande", [], [])]));
                goalIds.Add(areaId);
                goalIds.Add(boardId);
                activityIds.Add(activityId);
            }

            direction.Add(new DirectionGoal($"dg-{d}", d.ToString(CultureInfo.InvariantCulture), $"Inriktningsmål {d} för en stad med möjligheter för alla", [.. areas]));
        }

        string[] departments = ["Individ- och familjeomsorg", "Äldreomsorg", "Förskoleverksamhet", "Stöd och service", "Stadsmiljö", "Nämnd och administration"];
        var cycleUnits = Enumerable.Range(1, unitCount)
            .Select(i => Unit($"u-{i:D3}", $"Enhet {i:D3}", departments[i % departments.Length], $"Enhetschef {i:D3}"))
            .ToImmutableArray();
        var assignments = cycleUnits.Select(u => new UnitAssignment(
                u.Id,
                [.. goalIds],
                [.. indicators.Select(i => i.Id)],
                [.. activityIds],
                [new BudgetRow(u.Id + "-p", "Personal", 10m + random.Next(0, 500) / 10m), new BudgetRow(u.Id + "-l", "Lokaler", 2m + random.Next(0, 100) / 10m), new BudgetRow(u.Id + "-o", "Övrigt", random.Next(0, 50) / 10m)]))
            .ToImmutableArray();
        var structure = new YearStructure(2021, [.. direction], assignments);

        var perGoal = Math.Max(1, analysisCharacters / goalIds.Count);
        var approved = new Dictionary<string, UnitInput>();
        foreach (var unit in cycleUnits.Skip(missing))
        {
            var goals = goalIds.Select(id => new GoalAssessment(
                id,
                (GoalFulfilment)random.Next(0, 3),
                Prose(random, perGoal))).ToImmutableArray();
            var outcomes = indicators.Select(i => new IndicatorOutcome(
                i.Id,
                random.Next(0, 100000) / 100m,
                i.SplitBySex ? random.Next(0, 5000) / 100m : null,
                i.SplitBySex ? random.Next(0, 5000) / 100m : null,
                random.Next(0, 100000) / 100m)).ToImmutableArray();
            var activities = activityIds.Select(id => random.Next(0, 10) == 0
                ? new ActivityStatus(id, ActivityProgress.NotOnPlan, Prose(random, 200))
                : new ActivityStatus(id, ActivityProgress.OnPlan, "")).ToImmutableArray();
            var budget = assignments.Single(a => a.UnitId == unit.Id).Budget;
            var economy = budget.Select(b => new EconomyForecast(b.Id, b.Budget + random.Next(-10, 11) / 10m, "")).ToImmutableArray();
            approved[unit.Id] = new UnitInput(goals, outcomes, activities, economy, Prose(random, 1000), Prose(random, 1000));
        }

        return new CompileSource(Administration, ReportPeriod.T1, new DateOnly(2021, 5, 12), structure, cycleUnits, approved);
    }

    private static readonly string[] Words =
    [
        "förvaltningen", "bedömer", "att", "arbetet", "med", "planerade", "aktiviteter", "fortlöper", "enligt", "plan",
        "samverkan", "brukare", "medarbetare", "pandemin", "har", "påverkat", "verksamheten", "under", "perioden", "och",
        "uppföljning", "visar", "goda", "resultat", "inom", "området", "trots", "utmaningar", "kring", "bemanning",
    ];

    // Swedish-looking prose of about the given length, in paragraphs of a few sentences, as a manager would type it.
    private static string Prose(Random random, int characters)
    {
        var text = new StringBuilder(characters + 64);
        var sentence = 0;
        while (text.Length < characters)
        {
            var length = random.Next(8, 18);
            for (var w = 0; w < length; w++)
            {
                var word = Words[random.Next(Words.Length)];
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == length - 1 ? ". " : " ");
            }

            if (++sentence % 4 == 0)
                text.Append('\n');
        }

        return text.ToString().Trim();
    }

    private static ReportingUnit Unit(string id, string name, string department, string manager) =>
        new(id, name, department, new Person(manager, id + "@example.org"), new Person("Avdelningschef " + department, "avdelning@example.org"));

    private static UnitAssignment Assign(string unitId, ImmutableArray<string> goals, ImmutableArray<string> indicators, ImmutableArray<string> activities, (string Id, decimal Budget) budget) =>
        new(unitId, goals, indicators, activities, [new BudgetRow(budget.Id, "Verksamhet", budget.Budget)]);
}
