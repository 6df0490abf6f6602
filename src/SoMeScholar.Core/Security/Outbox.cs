using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Security;

/// <summary>
/// E-mail settings, from configuration section <c>Email</c>. With no <see cref="SmtpHost"/> (the default) messages
/// are only recorded in the outbox, where the app shows them and tests read them.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpEnableSsl { get; set; } = true;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }
    public string From { get; set; } = "SoMeScholar <no-reply@localhost>";

    /// <summary>The site's public address (e.g. https://scholar.example.org), put in front of links in messages.
    /// Set it in production: links are then never built from a request's Host header.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>How often the dispatcher looks for unsent messages.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 5;

    public bool SendsEmail => !string.IsNullOrWhiteSpace(SmtpHost);
}

/// <summary>Sends one recorded message. The SMTP sender is the only production implementation; tests may pass others.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpEnableSsl };
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            client.Credentials = new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword);
        }

        using var mail = new MailMessage(new MailAddress(ParseAddress(settings.From).Address, ParseAddress(settings.From).DisplayName), new MailAddress(message.ToAddress!))
        {
            Subject = message.Subject,
            Body = message.Body,
            IsBodyHtml = false,
        };
        await client.SendMailAsync(mail, cancellationToken);
    }

    private static MailAddress ParseAddress(string text) => new(text);
}

/// <summary>Records messages in the outbox (saved with the caller's other changes).</summary>
public sealed class Outbox(ScholarDb db, TimeProvider clock)
{
    public OutboxMessage Add(string? userId, string? toAddress, OutboxKind kind, string subject, string body)
    {
        var message = new OutboxMessage
        {
            UserId = userId,
            ToAddress = string.IsNullOrWhiteSpace(toAddress) ? null : toAddress.Trim(),
            Kind = kind,
            Subject = subject.Length > 500 ? subject[..500] : subject,
            Body = body,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ForUserAsync(string userId, int limit = 100, CancellationToken cancellationToken = default) =>
        await db.OutboxMessages.AsNoTracking().Where(m => m.UserId == userId).OrderByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
}

/// <summary>Hands unsent outbox messages that have an address to the e-mail sender, recording success or the error.</summary>
public sealed class OutboxDispatcher(ScholarDb db, IEmailSender sender, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchAsync(int batch = 50, CancellationToken cancellationToken = default)
    {
        var maxAttempts = options.Value.MaxAttempts;
        var pending = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.ToAddress != null && m.Attempts < maxAttempts)
            .OrderBy(m => m.Id)
            .Take(batch)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in pending)
        {
            message.Attempts++;
            try
            {
                await sender.SendAsync(message, cancellationToken);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.LastError = null;
                sent++;
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or FormatException or IOException)
            {
                message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                logger.LogWarning("Outbox message {Id} not sent: {Error}", message.Id, e.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }
}

/// <summary>Runs the dispatcher in the web host when an SMTP host is configured; otherwise does nothing.</summary>
public sealed class OutboxDispatchService(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendsEmail)
        {
            logger.LogInformation("No SMTP host configured (Email:SmtpHost): messages stay in the outbox.");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.DispatchInterval, clock);
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken: stoppingToken);
            }
            catch (DbUpdateException e)
            {
                logger.LogWarning(e, "Outbox dispatch failed; retrying later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
