package dev.benchbox.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.benchbox.Redaction;

/** {@code %ex} of the log file: a stack trace's messages may quote a URL or a setting, so they are redacted too. */
public class RedactedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redaction.text(super.throwableProxyToString(proxy));
    }
}
