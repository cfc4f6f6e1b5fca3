using System.Runtime.CompilerServices;

// The raw PDF name scan is an implementation detail, tested directly because its edge cases
// (escaped names, strings, stream data) are hard to reach through whole files.
[assembly: InternalsVisibleTo("Justera.Documents.Tests")]

// The fuzzing harness drives the incremental-update reader directly (bench/fuzz).
[assembly: InternalsVisibleTo("Justera.Fuzz")]

namespace Justera.Documents;
