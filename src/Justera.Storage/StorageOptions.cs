namespace Justera.Storage;

/// <summary>Where Justera keeps its tables and blobs; bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>An Azure Storage connection string; "UseDevelopmentStorage=true" means the local Azurite.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix for table and container names, so that several installations (or test runs) can share one account.</summary>
    public string Prefix { get; set; } = "justera";
}
