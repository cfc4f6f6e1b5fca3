namespace Justera.Storage;

/// <summary>
/// Where Justera keeps its tables and blobs; bound from the "Storage" configuration section. Either a
/// connection string (Azurite, or an account with keys), or the two service endpoints reached with an
/// Entra identity (in Azure: the app's user-assigned managed identity, no key anywhere).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>An Azure Storage connection string; "UseDevelopmentStorage=true" means the local Azurite. Ignored when the endpoints are set.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The Table service endpoint, e.g. https://ACCOUNT.table.core.windows.net; set together with <see cref="BlobServiceUri"/>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Blob service endpoint, e.g. https://ACCOUNT.blob.core.windows.net; set together with <see cref="TableServiceUri"/>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity to sign in with; empty for a system-assigned identity or a developer's own sign-in.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix for table and container names, so that several installations (or test runs) can share one account.</summary>
    public string Prefix { get; set; } = "justera";

    /// <summary>True when the endpoints are given, so the account is reached with an identity instead of a connection string.</summary>
    public bool UsesEndpoints
    {
        get
        {
            if ((TableServiceUri is null) != (BlobServiceUri is null))
                throw new InvalidOperationException("Set both Storage:TableServiceUri and Storage:BlobServiceUri, or neither (then Storage:ConnectionString is used).");
            return TableServiceUri is not null;
        }
    }
}
