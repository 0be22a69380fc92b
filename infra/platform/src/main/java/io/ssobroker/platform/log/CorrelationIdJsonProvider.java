package io.ssobroker.platform.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

/** Adds {@code correlationId} to JSON log lines written on a thread that is handling a request. */
public final class CorrelationIdJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

  public CorrelationIdJsonProvider() {
    setFieldName("correlationId");
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    var id = CorrelationId.current();
    if (id.isPresent()) {
      generator.writeStringField(getFieldName(), id.get());
    }
  }
}
