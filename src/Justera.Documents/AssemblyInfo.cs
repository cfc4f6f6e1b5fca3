using System.Runtime.CompilerServices;

// The raw PDF name scan is an implementation detail, tested directly because its edge cases
// (escaped names, strings, stream data) are hard to reach through whole files.
[assembly: InternalsVisibleTo("Justera.Documents.Tests")]

namespace Justera.Documents;
