using BenchmarkDotNet.Running;
using Justera.Bench;

// dotnet run -c Release --project bench/Justera.Bench -- <decider|seal|answers|round|timer|memory [RESTARTS]|latency|idle|seal-vs-qpdf|hostile|hostile-seeds [DIR]|compile|cycle>
return args.FirstOrDefault() switch
{
    "decider" => RunDecider(args[1..]),
    "seal" => RunSeal(args[1..]),
    "seal-vs-qpdf" => await SealVsQpdfHarness.RunAsync(),
    "answers" => await AnswerPathHarness.RunAsync(),
    "round" => await RoundTransactionsHarness.RunAsync(),
    "timer" => await TimerTickHarness.RunAsync(),
    "memory" => await LocalHostMemoryHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
    "latency" => await WorkflowHarnesses.LatencyAsync(),
    "idle" => await WorkflowHarnesses.IdleAsync(),
    "hostile" => HostileFilesHarness.Run(),
    "hostile-seeds" => HostileFilesHarness.WriteSeeds(args.Length > 1 ? args[1] : "bench/fuzz/seeds"),
    "compile" => CompileHarness.Run(args[1..]),
    "cycle" => await ReportCycleHarness.RunAsync(),
    _ => Usage(),
};

static int RunDecider(string[] rest)
{
    BenchmarkRunner.Run<DeciderBenchmarks>(args: rest);
    return 0;
}

static int RunSeal(string[] rest)
{
    BenchmarkRunner.Run([typeof(SealBenchmarks), typeof(VerifyBenchmarks)], args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Justera.Bench -- decider|seal|answers|round|timer|memory [RESTARTS]|latency|idle|seal-vs-qpdf|hostile|hostile-seeds [DIR]|compile|cycle");
    return 2;
}
