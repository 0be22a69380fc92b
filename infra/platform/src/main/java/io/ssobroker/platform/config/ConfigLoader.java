package io.ssobroker.platform.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the configuration from four layers through vertx-config, later wins: built-in defaults, the
 * {@code --config} file (YAML or JSON, keys nested), environment variables, command-line flags.
 */
public final class ConfigLoader {

  private static final Set<String> KNOWN_KEYS =
      Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toUnmodifiableSet());

  private ConfigLoader() {}

  public static Future<BrokerConfig> load(Vertx vertx, CommandLine commandLine, Map<String, String> environment) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(jsonStore(defaults()));
    commandLine.configFile().ifPresent(file -> options.addStore(fileStore(file)));
    options.addStore(jsonStore(fromEnvironment(environment)));
    options.addStore(jsonStore(commandLine.flagValues()));

    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(failure -> Future.failedFuture(unreadableFile(commandLine, failure)))
        .map(ConfigLoader::validated)
        .eventually(retriever::close);
  }

  private static BrokerConfig validated(JsonObject merged) {
    for (String path : ConfigTree.paths(merged, KNOWN_KEYS)) {
      if (!KNOWN_KEYS.contains(path)) {
        throw new ConfigException("configuration: unknown key '" + path + "'");
      }
    }
    return new ConfigReader(merged).read();
  }

  private static JsonObject defaults() {
    JsonObject defaults = new JsonObject();
    for (ConfigKey key : ConfigKey.values()) {
      key.defaultValue().ifPresent(value -> ConfigTree.put(defaults, key.key(), value));
    }
    return defaults;
  }

  private static JsonObject fromEnvironment(Map<String, String> environment) {
    JsonObject values = new JsonObject();
    for (ConfigKey key : ConfigKey.values()) {
      String value = environment.get(key.env());
      if (value != null) {
        ConfigTree.put(values, key.key(), value);
      }
    }
    return values;
  }

  private static ConfigStoreOptions jsonStore(JsonObject values) {
    return new ConfigStoreOptions().setType("json").setConfig(values);
  }

  private static ConfigStoreOptions fileStore(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException("configuration file " + file + ": not a readable file (--config)");
    }
    String name = file.getFileName().toString().toLowerCase();
    String format = name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat(format)
        .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()));
  }

  private static Throwable unreadableFile(CommandLine commandLine, Throwable failure) {
    if (failure instanceof ConfigException) {
      return failure;
    }
    String file = commandLine.configFile().map(Path::toString).orElse("(none)");
    String cause = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new ConfigException("configuration file " + file + ": cannot be parsed: " + cause);
  }
}
