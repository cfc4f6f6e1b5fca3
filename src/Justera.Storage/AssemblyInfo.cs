namespace Justera.Storage;
