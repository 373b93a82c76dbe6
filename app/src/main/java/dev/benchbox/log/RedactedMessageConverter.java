package dev.benchbox.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.benchbox.Redaction;

/** {@code %msg} of the log file, with URL credentials and secret settings redacted as everywhere the shell records. */
public class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.text(super.convert(event));
    }
}
