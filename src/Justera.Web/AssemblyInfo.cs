namespace Justera.Web;
