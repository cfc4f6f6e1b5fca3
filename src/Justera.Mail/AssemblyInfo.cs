namespace Justera.Mail;
