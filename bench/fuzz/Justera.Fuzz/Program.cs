using Justera.Documents.Protocols;
using Justera.Documents.Sealing;
using Justera.Fuzz;
using SharpFuzz;

// One entry point per target, chosen by the first argument, so one instrumented build serves all three:
//   inspect  ProtocolInspector.Inspect, what every upload goes through
//   verify   SealVerifier.Verify, what the public /verifiera runs
//   reader   PdfFileReader, our incremental-update reader, walked as the sealer walks it
// `Justera.Fuzz TARGET FILE|FOLDER` runs each input once and prints what it cost or threw (for triage).
if (args.Length is < 1 or > 2 || Target(args[0]) is not { } target)
{
    Console.Error.WriteLine("usage: Justera.Fuzz inspect|verify|reader [FILE|FOLDER]");
    return 2;
}

if (args.Length == 2)
    return Fuzzing.Triage(target, args[1]);

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    Fuzzing.Run(target, buffer.ToArray());
});
return 0;

static Action<byte[]>? Target(string name) => name switch
{
    "inspect" => bytes => ProtocolInspector.Inspect(bytes),
    "verify" => Fuzzing.Verify,
    "reader" => Fuzzing.WalkWithReader,
    _ => null,
};
