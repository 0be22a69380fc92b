package io.ssobroker.platform.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;

/** The parsed command line: an optional {@code --config FILE} and the values of the key flags, as nested JSON. */
public record CommandLine(Optional<Path> configFile, JsonObject flagValues) {

  private static final String CONFIG_FLAG = "--config";

  public static CommandLine parse(String... args) {
    JsonObject values = new JsonObject();
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!flag.startsWith("--")) {
        throw new ConfigException("command line: unexpected argument '" + arg + "'; flags look like --http-port 8080");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new ConfigException("command line: " + flag + " needs a value");
        }
        value = args[++i];
      }
      if (flag.equals(CONFIG_FLAG)) {
        configFile = Path.of(value);
        continue;
      }
      String knownFlag = flag;
      ConfigKey key = ConfigKey.byFlag(flag)
          .orElseThrow(() -> new ConfigException("command line: unknown flag " + knownFlag));
      ConfigTree.put(values, key.key(), value);
    }
    return new CommandLine(Optional.ofNullable(configFile), values);
  }
}
