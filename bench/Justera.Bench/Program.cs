using BenchmarkDotNet.Running;
using Justera.Bench;

// dotnet run -c Release --project bench/Justera.Bench -- <decider|answers|round|timer|memory>
return args.FirstOrDefault() switch
{
    "decider" => RunDecider(args[1..]),
    "answers" => await AnswerPathHarness.RunAsync(),
    "round" => await RoundTransactionsHarness.RunAsync(),
    "timer" => await TimerTickHarness.RunAsync(),
    "memory" => await LocalHostMemoryHarness.RunAsync(),
    _ => Usage(),
};

static int RunDecider(string[] rest)
{
    BenchmarkRunner.Run<DeciderBenchmarks>(args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Justera.Bench -- decider|answers|round|timer|memory");
    return 2;
}
