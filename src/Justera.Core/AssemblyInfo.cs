namespace Justera.Core;
