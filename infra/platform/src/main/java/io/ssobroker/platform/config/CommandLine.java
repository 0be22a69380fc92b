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
      String knownFlag = flag;
      Optional<ConfigKey> key = ConfigKey.byFlag(flag);
      if (key.isEmpty() && !flag.equals(CONFIG_FLAG)) {
        throw new ConfigException("command line: unknown flag " + knownFlag);
      }
      if (value == null && key.map(ConfigKey::isSwitch).orElse(false)
          && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
        value = "true";
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
      ConfigTree.put(values, key.get().key(), value);
    }
    return new CommandLine(Optional.ofNullable(configFile), values);
  }

  /** This command line with one more flag's value, as if it had been given last. */
  public CommandLine with(ConfigKey key, String value) {
    JsonObject values = flagValues.copy();
    ConfigTree.put(values, key.key(), value);
    return new CommandLine(configFile, values);
  }
}
