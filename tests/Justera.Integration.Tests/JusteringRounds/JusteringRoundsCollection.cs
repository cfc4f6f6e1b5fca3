using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>
/// The whole-round tests share one Azurite and one maildev of their own (not the "servers" collection's, whose
/// tests stop maildev and empty its inbox). xunit runs a collection's tests one after another, so a test may
/// empty the inbox at its start and stop a server as long as it starts it again.
/// </summary>
[CollectionDefinition(Name)]
public sealed class JusteringRoundsServers : ICollectionFixture<ServersFixture>
{
    public const string Name = "justering-rounds";
}
