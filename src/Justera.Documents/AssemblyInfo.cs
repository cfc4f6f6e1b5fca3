namespace Justera.Documents;
