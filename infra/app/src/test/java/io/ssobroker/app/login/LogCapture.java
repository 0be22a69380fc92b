package io.ssobroker.app.login;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line written while it runs, with its stack trace, as the operators would read them. */
final class LogCapture {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.appender.start();
    root().addAppender(capture.appender);
    return capture;
  }

  List<String> lines() {
    synchronized (appender.list) {
      return appender.list.stream().map(event -> event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()))).toList();
    }
  }

  /** The lines an operator is alarmed by: every ERROR, and every line that carries a stack trace, whatever its level. */
  List<String> errorsAndTraces() {
    synchronized (appender.list) {
      return appender.list.stream()
          .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null)
          .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
              + (event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(event.getThrowableProxy())
                  .lines().limit(6).toList()))
          .toList();
    }
  }

  void stop() {
    root().detachAppender(appender);
    appender.stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
