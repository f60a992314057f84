package dev.assayer.notification.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail through Spring's {@link JavaMailSender}, which exists only when the server is
 * configured with {@code spring.mail.host}; without it {@link #configured()} is false and nothing is
 * attempted. The sender is {@code assayer.mail.from}.
 */
@Component
public class MailGateway {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final String host;
    private final String port;

    public MailGateway(ObjectProvider<JavaMailSender> sender, @Value("${assayer.mail.from:}") String from,
            @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:}") String port) {
        this.sender = sender;
        this.from = from == null || from.isBlank() ? "Assayer <assayer@localhost>" : from.strip();
        this.host = host;
        this.port = port;
    }

    public boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** "smtp.example.com:587 as Assayer <…>" for the settings page; null when not configured. */
    public String describe() {
        if (!configured()) {
            return null;
        }
        return (host == null || host.isBlank() ? "(JNDI mail session)" : host + (port == null || port.isBlank() ? "" : ":" + port))
                + ", from " + from;
    }

    /** Sends one multipart (plain text + HTML) message to all recipients; throws with a reason on failure. */
    public void send(UUID deliveryId, List<String> to, String subject, String text, String html) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new DeliveryFailure("no mail server is configured (spring.mail.host)", true);
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper m = new MimeMessageHelper(message, html != null, "UTF-8");
            m.setFrom(from);
            m.setTo(to.toArray(String[]::new));
            m.setSubject(subject);
            if (html != null) {
                m.setText(text, html);
            } else {
                m.setText(text);
            }
            message.setHeader("X-Assayer-Delivery", deliveryId.toString());
            mail.send(message);
        } catch (MessagingException | MailException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (root != e && root.getMessage() != null && !why.contains(root.getMessage())) {
                why = why + ": " + root.getMessage();
            }
            throw new DeliveryFailure("mail: " + why, false);
        }
    }
}
