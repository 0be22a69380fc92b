package io.ssobroker.platform.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %correlationId} in the console pattern: the id of the request being handled, or {@code -}. */
public final class CorrelationIdConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return CorrelationId.current().orElse("-");
  }
}
